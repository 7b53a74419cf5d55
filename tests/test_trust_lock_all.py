"""Every command that changes files takes the program lock (so none can interleave with another)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.trust_helpers import EXAMPLE, run, start, temps

pytestmark = pytest.mark.slow  # every test runs rmcli in a subprocess against a held lock

WRITERS = {
    "roster add": ("roster", "add", "--id", "zoe", "--name", "Zoe", "--role", "junior", "--yes"),
    "roster remove": ("roster", "remove", "noah", "--yes"),
    "match --write": ("match", "--write", "--yes"),
    "log": (
        "log",
        "--match",
        "lena-helga",
        "--date",
        "2027-01-12",
        "--as-of",
        "2027-02-01",
        "--yes",
    ),
    "checkin": ("checkin", "--person", "lena", "--date", "2027-02-01", "--score", "4", "--yes"),
    "agenda": ("agenda", "--all", "--yes"),
    "announce": ("announce", "--yes"),
    "evaluate": ("evaluate", "--as-of", "2027-08-01"),
    "forget": ("forget", "noah", "--yes"),
}


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Yield a copy of the example program whose lock another rmcli holds throughout."""
    folder = tmp_path_factory.mktemp("busy") / "tech"
    shutil.copytree(EXAMPLE, folder)
    holder = start(
        folder,
        "roster",
        "add",
        "--id",
        "ana",
        "--name",
        "Ana",
        "--role",
        "junior",
        "--yes",
        RMCLI_TEST_WRITE_PAUSE="600",
        RMCLI_TEST_WRITE_PAUSE_FILE="roster.toml",
    )
    assert holder.stderr is not None and holder.stderr.readline().startswith("rmcli-test-pause")
    yield folder
    holder.kill()
    holder.wait()


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_writing_command_waits_for_the_lock_and_changes_nothing(busy: Path, name: str) -> None:
    before = {
        p: p.read_bytes() for p in busy.rglob("*") if p.is_file() and not p.name.startswith(".")
    }
    result = run(busy, *WRITERS[name], RMCLI_LOCK_TIMEOUT="0.3")
    assert result.returncode == 1, result.stderr
    assert "is changing this program" in result.stderr and "Traceback" not in result.stderr
    after = {
        p: p.read_bytes() for p in busy.rglob("*") if p.is_file() and not p.name.startswith(".")
    }
    assert after == before
    assert len(temps(busy)) == 1  # only the paused holder's own temp file
