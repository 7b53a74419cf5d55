"""The kept flag counts: the same history as counting, used only for the files, days and code they came from."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from rmcli.evaluation import kept
from rmcli.evaluation.health import flag_history
from rmcli.folder import load
from rmcli.io import cache

AS_OF = dt.date(2027, 12, 20)


def copy_of(year: Path, tmp_path: Path) -> Path:
    """Return a copy of the year program to change, its cache empty."""
    shutil.copytree(year, tmp_path / "copy")
    cache.drop(tmp_path / "copy")
    return tmp_path / "copy"


def history(folder: Path, as_of: dt.date = AS_OF) -> list[dict[str, Any]]:
    return flag_history(load(folder), as_of=as_of)[0]


def counted(folder: Path, as_of: dt.date = AS_OF) -> list[dict[str, Any]]:
    """Return the history counted afresh, whatever the cache holds."""
    cache.drop(folder)
    return history(folder, as_of)


def _poison(folder: Path) -> None:
    """Add one to every count of the kept entry, keeping its key."""
    path = cache.entry_path(folder, kept.NAME)
    key, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    data["raised"] = [[code, month, n + 1] for code, month, n in data["raised"]]
    path.write_bytes(key + b"\n" + json.dumps(data).encode())


def test_kept_counts_equal_counting_and_are_private(year: Path, tmp_path: Path) -> None:
    folder = copy_of(year, tmp_path)
    fresh = history(folder)  # counted, then kept
    assert fresh and len(load(folder).matches.matches) * 12 >= kept.KEPT_FROM
    entry = cache.entry_path(folder, kept.NAME)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert history(folder) == fresh  # from the entry
    _poison(folder)
    poisoned = history(folder)
    assert poisoned != fresh  # the entry is what answers
    assert poisoned[0]["by_month"] == {m: n + 1 for m, n in fresh[0]["by_month"].items()}


def test_other_files_days_or_entries_are_counted_again(year: Path, tmp_path: Path) -> None:
    folder = copy_of(year, tmp_path)
    history(folder)
    _poison(folder)
    # Another day counts other month ends.
    assert history(folder, dt.date(2027, 6, 20)) == counted(folder, dt.date(2027, 6, 20))
    history(folder)
    _poison(folder)
    # No check-ins: other flags, and the entry of the old file is not used.
    (folder / "checkins.toml").write_text("checkins = []\n", encoding="utf-8")
    again = history(folder)
    assert again == counted(folder)
    assert any(f["code"] == "no-checkin" for f in again)
    # An entry that is not one this code wrote (same key, no JSON) is counted again.
    path = cache.entry_path(folder, kept.NAME)
    key, _, _ = path.read_bytes().partition(b"\n")
    path.write_bytes(key + b"\n{not json")
    assert history(folder) == again


def test_a_small_program_keeps_no_entry(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_of(year, tmp_path)
    monkeypatch.setattr(kept, "KEPT_FROM", 10**9)
    history(folder)
    assert not cache.entry_path(folder, kept.NAME).exists()
