"""Private from the start, comments kept, owned files marked: checked across real commands."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.trust_helpers import add_records

from rmcli.folder import GENERATED_HEADER
from rmcli.io import atomic

Cli = Callable[..., Any]


def _comments(text: str) -> list[str]:
    return [
        line.strip() for line in text.splitlines() if line.strip().startswith("#") or " # " in line
    ]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_every_file_and_folder_rmcli_creates_is_private(
    tmp_path: Path, cli: Cli, umask: int
) -> None:
    folder = tmp_path / "demo"
    old = os.umask(umask)  # the modes come from rmcli, not from the user's umask
    try:
        _create_everything(folder, cli)
    finally:
        os.umask(old)
    for path in [folder, *sorted(folder.rglob("*"))]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path  # program.toml too


def _create_everything(folder: Path, cli: Cli) -> None:
    assert cli("init", str(folder), "--yes").exit_code == 0
    original = set(folder.rglob("*"))
    steps = [
        ("roster", "add", "--id", "ana", "--name", "Ana Lopez", "--role", "junior", "--yes"),
        ("roster", "add", "--id", "ben", "--name", "Ben Ode", "--role", "senior", "--yes"),
        ("match", "--yes", "--write"),
        ("agenda", "--all", "--yes"),
        ("schedule", "--ics", str(folder / "sessions.ics"), "--ics-dir", str(folder / "calendars")),
        ("evaluate",),
        ("forget", "ana", "--yes"),
    ]
    for args in steps:
        result = cli("-p", str(folder), *args)
        assert "Traceback" not in result.output
    assert len(set(folder.rglob("*"))) > len(original)  # the steps did create files


def test_make_private_dir_makes_every_missing_level_private(tmp_path: Path) -> None:
    atomic.make_private_dir(tmp_path / "a" / "b" / "c")
    for level in ("a", "a/b", "a/b/c"):
        assert stat.S_IMODE((tmp_path / level).stat().st_mode) == 0o700, level


def test_hand_written_roster_keeps_its_comments_through_add_remove_and_forget(
    example: Path, cli: Cli
) -> None:
    before = _comments((example / "roster.toml").read_text())
    assert len(before) >= 5
    for args in (
        ("roster", "add", "--id", "ana", "--name", "Ana Lopez", "--role", "junior", "--yes"),
        ("roster", "remove", "ana", "--yes"),
        ("forget", "noah", "--yes"),
    ):
        assert cli("-p", str(example), *args).exit_code == 0
    after = _comments((example / "roster.toml").read_text())
    assert [c for c in before if c not in after] == []


def test_files_rmcli_owns_start_with_the_generated_header(example: Path, cli: Cli) -> None:
    add_records(example)
    assert cli("-p", str(example), "forget", "jonas", "--yes").exit_code == 0
    for name in (
        "matches.toml",
        "sessions.toml",
        "checkins.toml",
        "feedback.toml",
        "erasures.toml",
    ):
        assert (example / name).read_text().startswith(GENERATED_HEADER), name
    assert (
        not (example / "roster.toml").read_text().startswith(GENERATED_HEADER)
    )  # hand-written stays so
