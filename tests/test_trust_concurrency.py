"""One writer at a time: concurrent roster changes both land."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from tests.trust_helpers import run, start, temps

from rmcli.io.lock import program_lock
from rmcli.models import Person
from rmcli.roster.change import add_people


@pytest.mark.slow
def test_two_processes_adding_people_at_once_both_end_in_the_roster(example: Path) -> None:
    # The first holds the lock while it sits just before its rename; the second must wait for it.
    first = start(
        example,
        "roster",
        "add",
        "--id",
        "ana",
        "--name",
        "Ana One",
        "--role",
        "junior",
        "--yes",
        RMCLI_TEST_WRITE_PAUSE="4",
        RMCLI_TEST_WRITE_PAUSE_FILE="roster.toml",
    )
    assert first.stderr is not None
    assert first.stderr.readline().startswith("rmcli-test-pause")
    second = start(
        example, "roster", "add", "--id", "ben", "--name", "Ben Two", "--role", "senior", "--yes"
    )
    assert first.wait(timeout=60) == 0
    assert second.wait(timeout=60) == 0
    ids = [p["id"] for p in tomllib.loads((example / "roster.toml").read_text())["people"]]
    assert "ana" in ids and "ben" in ids
    assert temps(example) == []
    assert run(example, "validate").returncode == 0


@pytest.mark.slow
def test_many_unsynchronised_adders_all_land(example: Path) -> None:
    procs = [
        start(
            example,
            "roster",
            "add",
            "--id",
            f"p{i}",
            "--name",
            f"Person {i}",
            "--role",
            "junior",
            "--yes",
        )
        for i in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    ids = {p["id"] for p in tomllib.loads((example / "roster.toml").read_text())["people"]}
    assert {"p0", "p1", "p2", "p3"} <= ids


def test_nested_locks_in_one_process_do_not_wait_on_themselves(example: Path) -> None:
    # In one process the lock is reentrant; the core still writes both people.
    with program_lock(example):
        add_people(folder=example, people=[Person(id="cem", name="Cem", role="junior")])
        add_people(folder=example, people=[Person(id="dora2", name="Dora", role="senior")])
    ids = {p["id"] for p in tomllib.loads((example / "roster.toml").read_text())["people"]}
    assert {"cem", "dora2"} <= ids
