"""The kept flag counts: the same history as counting, used only for the files, days and code they came from."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import shutil
import stat
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.evaluation import health, kept
from rmcli.evaluation.health import flag_history, month_ends
from rmcli.folder import load
from rmcli.io import aside, cache
from rmcli.progress import quiet
from rmcli.schedule.plan import plan_sessions
from rmcli.status.compute import MatchFlags, flags_of

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


@pytest.fixture(scope="module")
def flags_of_year(year: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[MatchFlags, int]:
    """Return the year program's flags at each month's end by match, and how many matches."""
    folder = tmp_path_factory.mktemp("split") / "copy"
    shutil.copytree(year, folder)
    snapshot = load(folder)
    planned = plan_sessions(
        program=snapshot.program,
        matches=snapshot.matches,
        roster=snapshot.roster,
        log=snapshot.sessions,
    )
    found = flags_of(snapshot, planned=planned, days=month_ends(snapshot.program, AS_OF))
    return found, len(snapshot.matches.matches)


@settings(max_examples=40, deadline=None)
@given(cuts=st.lists(st.integers(0, 90), max_size=6), order=st.randoms())
def test_counts_of_matches_apart_add_up_to_the_count_of_all(
    flags_of_year: tuple[MatchFlags, int], cuts: list[int], order: random.Random
) -> None:
    found, total = flags_of_year
    whole = health._count(found(range(total)), total=total, progress=quiet)
    assert whole.ever and whole.raised
    ends = sorted({0, total, *(min(c, total) for c in cuts)})
    parts = [range(a, b) for a, b in itertools.pairwise(ends)]
    order.shuffle(parts)  # the child and this process take parts in any order
    summed = health._count(found(range(0)), total=total, progress=quiet)
    for part in parts:
        summed = summed + health._count(found(part), total=total, progress=quiet)
    assert summed == whole
    assert kept._encode(summed) == kept._encode(whole)  # the entry's very bytes


forking = pytest.mark.skipif(
    sys.platform != "linux" or aside.cores() < 2, reason="forks only on Linux with two cores"
)


@forking
def test_counts_parted_between_a_child_and_this_process_are_those_counted_here(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_of(year, tmp_path)
    here = history(folder)  # counted here: too few match-days for a child
    entry = cache.entry_path(folder, kept.NAME)
    counted_here = entry.read_bytes()
    cache.drop(folder)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # a core to spare
    monkeypatch.setattr(kept, "ASIDE_FROM", 0)
    monkeypatch.setattr(kept, "INDEXING", 0.0)
    monkeypatch.setattr(aside, "PARTS", 9)
    me, started = os.getpid(), tmp_path / "started"
    counting, here_parts = health._count, []

    def slow_child(found: Any, **kwargs: Any) -> kept.Counts:
        codes = list(found)
        if os.getpid() != me and codes:
            started.touch()
            threading.Event().wait(0.1)  # so that this process takes parts too
        elif codes:
            here_parts.append(len(codes))
        return counting(iter(codes), **kwargs)

    monkeypatch.setattr(health, "_count", slow_child)
    with cache.answer_first(flush=lambda: None):
        counts = health.flag_counts(load(folder), as_of=AS_OF)
        for _ in range(6000):  # until the child took a part, however busy the machine
            if started.exists():
                break
            threading.Event().wait(0.01)
        parted = flag_history(load(folder), as_of=AS_OF, counts=counts)[0]
    assert parted == here
    assert here_parts and sum(here_parts) < 90  # both counted
    assert entry.read_bytes() == counted_here
