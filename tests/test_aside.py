"""Work done aside in a forked child: the same result as here, and here whenever the child cannot help."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.cli import evaluate as evaluate_command
from rmcli.cli import output
from rmcli.evaluation import build, kept
from rmcli.evaluation.build import evaluate
from rmcli.folder import load
from rmcli.io import aside, cache

forking = pytest.mark.skipif(
    sys.platform != "linux" or aside.cores() < 2, reason="forks only on Linux with two cores"
)


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with a core to spare, whatever else runs beside the tests."""
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the pid of every child forked."""
    pids: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    return pids


def test_with_another_thread_running_no_child_is_forked(forked: list[int]) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not aside.forks()
        assert parted_workers(10) == dict.fromkeys(range(10), os.getpid())
    finally:
        stop.set()
        thread.join()
    assert not forked


def test_on_a_busy_machine_no_child_is_forked(
    forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aside, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 1.0, 1.0))
    assert parted_workers(10) == dict.fromkeys(range(10), os.getpid())
    assert not forked


@pytest.fixture
def fresh(year: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "copy"
    shutil.copytree(year, folder)
    cache.drop(folder)
    yield folder


def test_the_evaluation_is_the_same_with_the_flags_counted_aside(
    fresh: Path, forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = dt.date(2027, 12, 20)
    monkeypatch.setattr(kept, "ASIDE_FROM", 10**9)
    here = evaluate(load(fresh), as_of=as_of).to_json()
    assert not forked
    cache.drop(fresh)
    monkeypatch.setattr(kept, "ASIDE_FROM", 0)
    counted_aside = evaluate(load(fresh), as_of=as_of).to_json()
    assert counted_aside == here
    assert bool(forked) == aside.forks()
    assert cache.entry_path(fresh, kept.NAME).is_file()  # kept as when counted here
    assert evaluate(load(fresh), as_of=as_of).to_json() == here


@forking
def test_while_a_child_counts_the_entries_are_kept_before_the_counts_are_asked_for(
    fresh: Path, forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = build.flag_history
    kept_then: list[str] = []

    def history(*args: Any, **kwargs: Any) -> Any:
        kept_then.extend(p.name for p in cache.entry_path(fresh, kept.NAME).parent.iterdir())
        return asked(*args, **kwargs)

    monkeypatch.setattr(kept, "ASIDE_FROM", 0)
    monkeypatch.setattr(build, "flag_history", history)
    evaluate(load(fresh), as_of=dt.date(2027, 12, 31))
    assert forked
    # the plan and the log while the child counted, the counts once it ended
    entries = ("schedule.placed", "sessions.toml", kept.NAME)
    assert {cache.entry_path(fresh, name).name for name in entries} <= set(kept_then)


@forking
def test_a_command_keeps_them_after_its_answer_though_a_child_counts(
    fresh: Path, cli: Any, forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    answered = output.print_json
    kept_then: list[str] = []

    def answer(data: Any) -> None:
        kept_then.extend(p.name for p in cache.entry_path(fresh, kept.NAME).parent.glob("*"))
        answered(data)

    monkeypatch.setattr(kept, "ASIDE_FROM", 0)
    # where the command looks it up (imported before the patch when another test ran evaluate)
    monkeypatch.setattr(evaluate_command, "print_json", answer)
    result = cli("evaluate", "--json", "-p", str(fresh), "--as-of", "2027-12-31")
    assert result.exit_code == 0, result.output
    assert len(forked) == 2  # one counted, one keeps the entries while the command ends
    cache.settled(fresh)
    entries = [cache.entry_path(fresh, name) for name in ("schedule.placed", "sessions.toml")]
    assert not {path.name for path in entries} & set(kept_then)
    assert all(path.is_file() for path in entries)


def test_no_work_is_handed_off_where_no_child_is_forked(
    forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 1.0, 1.0))
    monkeypatch.setattr(aside, "cores", lambda: 2)
    assert not aside.hand_off(start=lambda: True, work=lambda: ran.append("work"))
    assert not forked and not ran  # the caller does it


@forking
def test_a_child_that_cannot_start_hands_the_work_back(forked: list[int], tmp_path: Path) -> None:
    done = tmp_path / "done"
    assert not aside.hand_off(start=lambda: False, work=done.touch)
    assert forked  # tried
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # and reaped
    assert not done.exists()


def who_worked(among: range) -> dict[int, int]:
    """Return each item of the range with the process that worked it."""
    return dict.fromkeys(among, os.getpid())


def joined(first: dict[int, int], second: dict[int, int]) -> dict[int, int]:
    """Return two parts' items together; an item worked twice fails the test."""
    assert not first.keys() & second.keys()
    return {**first, **second}


def encode_workers(found: dict[int, int]) -> bytes:
    return json.dumps(sorted(found.items())).encode()


def decode_workers(data: bytes) -> dict[int, int] | None:
    return dict(json.loads(data))


def parted_workers(total: int, **kwargs: Any) -> dict[int, int]:
    work = kwargs.pop("work", who_worked)
    return aside.parted(
        total, work=work, add=joined, encode=encode_workers, decode=decode_workers, **kwargs
    )()


@forking
@settings(max_examples=15, deadline=None)
@given(total=st.integers(0, 300), parts=st.integers(1, 70), setup=st.sampled_from([0.0, 0.5, 2]))
def test_parted_work_covers_every_item_once(total: int, parts: int, setup: float) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aside, "PARTS", parts)
        found = parted_workers(total, setup=setup)
    assert sorted(found) == list(range(total))  # each once: `joined` refuses an item twice


def wait_for(path: Path) -> None:
    """Wait until a child made `path` (as long as a busy machine needs)."""
    for _ in range(6000):
        if path.exists():
            return
        threading.Event().wait(0.01)
    raise AssertionError("the child never got there")


@forking
def test_a_slow_child_leaves_parts_to_this_process(forked: list[int], tmp_path: Path) -> None:
    here, started = os.getpid(), tmp_path / "started"

    def slow_there(among: range) -> dict[int, int]:
        if os.getpid() != here and among:  # the child, at a part (not the sum of none)
            started.touch()
            threading.Event().wait(0.05)
        return who_worked(among)

    result = aside.parted(
        640, work=slow_there, add=joined, encode=encode_workers, decode=decode_workers
    )
    wait_for(started)
    found = result()
    assert sorted(found) == list(range(640))
    assert set(found.values()) == {here, forked[0]}  # both worked
    assert sum(pid == here for pid in found.values()) > 320  # and this one most


@forking
def test_this_process_leaves_the_last_parts_to_the_child(forked: list[int]) -> None:
    here = os.getpid()
    result = aside.parted(
        64, work=who_worked, add=joined, encode=encode_workers, decode=decode_workers, setup=2
    )
    found = result()
    assert sorted(found) == list(range(64))
    assert set(found.values()) == {forked[0]}  # more than all of it to set up: not worth it
    assert here not in found.values()


@forking
@pytest.mark.parametrize("fails", ["raises", "killed", "undecodable"])
def test_a_child_failing_midway_leaves_its_parts_to_this_process(
    forked: list[int], fails: str, tmp_path: Path
) -> None:
    here, failing = os.getpid(), tmp_path / "failing"
    worked: list[int] = []

    def failing_there(among: range) -> dict[int, int]:
        if os.getpid() != here and among:
            worked.append(len(among))
            if len(worked) == 5:  # a few parts in
                failing.touch()
                if fails == "raises":
                    raise RuntimeError("the child fails")
                if fails == "killed":
                    os.kill(os.getpid(), signal.SIGKILL)
                threading.Event().wait(0.2)  # this process takes the rest meanwhile
        return who_worked(among)

    def refused(data: bytes) -> dict[int, int] | None:
        return None if fails == "undecodable" else decode_workers(data)

    result = aside.parted(
        200, work=failing_there, add=joined, encode=encode_workers, decode=refused
    )
    wait_for(failing)
    found = result()
    assert forked
    assert sorted(found) == list(range(200))
    assert set(found.values()) == {here}  # every part the child took worked again here


def test_parted_work_is_done_here_where_no_child_is_forked(
    forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aside, "cores", lambda: 1)
    found = parted_workers(100)
    assert found == dict.fromkeys(range(100), os.getpid())
    assert not forked


@forking
def test_a_parted_result_never_asked_for_ends_its_child(forked: list[int]) -> None:
    def slow(among: range) -> dict[int, int]:
        threading.Event().wait(60)
        return who_worked(among)

    result = aside.parted(10, work=slow, add=joined, encode=encode_workers, decode=decode_workers)
    del result
    gc.collect()
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # killed and reaped, not left running


@forking
def test_the_parting_child_holds_no_file_but_its_pipe_and_queue(tmp_path: Path) -> None:
    def open_files(among: range) -> dict[int, int]:
        return {int(fd.name): 0 for fd in Path("/proc/self/fd").iterdir()}

    def listed(first: dict[int, int], second: dict[int, int]) -> dict[int, int]:
        return {**first, **second}

    with (tmp_path / "lock").open("w") as held:  # as the program's lock is held meanwhile
        found = aside.parted(
            2, work=open_files, add=listed, encode=encode_workers, decode=decode_workers, setup=2
        )()  # (the child works every part: more than all of it to set up here)
        assert held.fileno() not in found
    assert len(set(found) - {0, 1, 2}) <= 3  # its pipe, the queue, and the listing's own
