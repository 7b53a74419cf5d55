"""Cache entries kept after the answer: at the end of `answer_first`, unless interrupted; by a
child that outlives the command where one can be forked, else in the command's process.

That `status` and `evaluate` answer before they keep is in test_plan_cache.py.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.schedule_helpers import poison_plan
from tests.trust_helpers import env, start

from rmcli.folder import CACHE_NAME, load
from rmcli.io import aside, cache

AS_OF = "2027-12-31"
PLACED = "schedule.placed"
PAUSED = "rmcli-test-pause"
forking = pytest.mark.skipif(
    sys.platform != "linux" or aside.cores() < 2, reason="forks only on Linux with two cores"
)


def test_entries_are_kept_at_the_end_after_the_answer_is_sent(tmp_path: Path) -> None:
    events: list[str] = []
    with cache.answer_first(flush=lambda: events.append("sent")):
        cache.later(tmp_path, lambda: events.append("kept"))
        events.append("answered")
    assert events == ["answered", "sent", "kept"]
    cache.later(tmp_path, lambda: events.append("at once"))  # outside: kept when asked
    assert events[-1] == "at once"


def test_an_exit_code_after_the_answer_still_keeps_an_interruption_keeps_nothing(
    tmp_path: Path,
) -> None:
    kept: list[str] = []
    with pytest.raises(LookupError), cache.answer_first(flush=lambda: None):
        cache.later(tmp_path, lambda: kept.append("flags"))
        raise LookupError  # as typer.Exit(1) after the flags are shown
    with pytest.raises(KeyboardInterrupt), cache.answer_first(flush=lambda: None):
        cache.later(tmp_path, lambda: kept.append("interrupted"))
        raise KeyboardInterrupt
    assert kept == ["flags"]


def test_entries_of_an_inner_block_are_kept_at_the_end_of_the_outer_one(tmp_path: Path) -> None:
    events: list[str] = []
    with cache.answer_first(flush=lambda: events.append("answered")):
        with cache.answer_first(flush=lambda: events.append("inner sent")):
            cache.later(tmp_path, lambda: events.append("kept"))
        events.append("inner ended")
        with cache.answer_first(flush=lambda: None):  # alone, as the core evaluates
            pass
    assert events == ["inner ended", "answered", "kept"]
    with cache.answer_first(flush=lambda: events.append("alone")):
        cache.later(tmp_path, lambda: events.append("kept alone"))
    assert events[-2:] == ["alone", "kept alone"]


@pytest.mark.parametrize("busy", [False, True])
def test_where_no_child_may_be_forked_the_entries_are_kept_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy: bool
) -> None:
    monkeypatch.setattr(os, "getloadavg", lambda: (64.0,) * 3 if busy else (0.0,) * 3)
    if not busy:
        monkeypatch.setattr(aside, "cores", lambda: 1)
    here: list[int] = []
    with cache.answer_first(flush=lambda: None, behind=True):
        cache.later(tmp_path, lambda: here.append(os.getpid()))
    assert here == [os.getpid()]
    assert (tmp_path / CACHE_NAME / ".gitignore").is_file()  # a folder as the entries make


@forking
def test_a_child_keeps_the_entries_without_exit_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    here = os.getpid()
    ran = tmp_path / "exit-handler-ran"

    def at_exit() -> None:  # what pytest's own machinery would be to a child that exits
        if os.getpid() != here:
            ran.touch()

    atexit.register(at_exit)
    try:
        with cache.answer_first(flush=lambda: None, behind=True):
            cache.later(tmp_path, lambda: (tmp_path / "by").write_text(str(os.getpid())))
        cache.settled(tmp_path)
    finally:
        atexit.unregister(at_exit)
    assert int((tmp_path / "by").read_text()) != here
    assert not ran.exists()


@pytest.fixture
def folder(year_copy: Path) -> Path:
    return year_copy


# rmcli as a process, on a machine with a core to spare (forking) or a busy one, whatever runs
# beside the tests
SPARE = "import os, runpy; os.getloadavg = lambda: (0.0, 0.0, 0.0); "
BUSY = "import os, runpy; os.getloadavg = lambda: (64.0, 64.0, 64.0); "
RUN = "runpy.run_module('rmcli', run_name='__main__')"


def _rmcli(
    folder: Path, *args: str, machine: str = SPARE, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run rmcli to its end with its output piped, as `rmcli status | less` or a script reads it."""
    return subprocess.run(
        [sys.executable, "-c", machine + RUN, "-p", str(folder), *args, "--as-of", AS_OF],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env(RMCLI_LANGUAGE="en", **extra),
        timeout=120,
        check=False,
    )


def _paused_at(entry: str, gate: Path) -> dict[str, str]:
    """Return the environment that holds the write of `entry` while `gate` exists."""
    gate.touch()
    return {
        "RMCLI_TEST_WRITE_PAUSE": "120",
        "RMCLI_TEST_WRITE_PAUSE_AT": "synced",
        "RMCLI_TEST_WRITE_PAUSE_FILE": f"{entry}.json",
        "RMCLI_TEST_WRITE_PAUSE_WHILE": str(gate),
    }


def _lockers(path: Path) -> list[tuple[int, bool]]:
    """Return (pid, waiting) of every process that holds or waits for a flock on `path`."""
    inode = path.stat().st_ino
    found = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()[1:]  # "1: [->] FLOCK ADVISORY READ PID MAJOR:MINOR:INODE ..."
        waiting = fields[0] == "->"
        kind, _, _, pid, where = fields[waiting : waiting + 5]
        if kind == "FLOCK" and int(where.split(":")[2]) == inode:
            found.append((int(pid), waiting))
    return found


def _waits(pid: int, path: Path, *, alive: Callable[[], bool]) -> bool:
    """Wait until process `pid` waits for the lock of `path` (True), or has ended (False)."""
    while alive():
        if (pid, True) in _lockers(path):
            return True
        time.sleep(0.01)  # a poll of the lock table, not a guess of how long anything takes
    return False


def _planned(answer: str) -> int:
    return sum(m["planned"] for m in json.loads(answer)["matches"])


@pytest.mark.slow
@forking
@pytest.mark.parametrize("command", [["status", "--json"], ["evaluate", "--json"]])
def test_a_command_ends_while_its_child_keeps_the_entries_then_they_are_used(
    folder: Path, tmp_path: Path, command: list[str]
) -> None:
    here = _rmcli(folder, *command, machine=BUSY)  # kept by the command itself
    assert here.returncode in (0, 1), here.stderr
    cache.drop(folder)
    gate = tmp_path / "gate"
    first = _rmcli(folder, *command, **_paused_at(PLACED, gate))
    # the whole answer and exit code came, and the pipes closed, while the child waits at the gate
    assert (first.returncode, first.stdout, first.stderr) == (
        here.returncode,
        here.stdout,
        here.stderr,
    )
    assert PAUSED not in first.stderr  # the child prints nothing, not even a test's pause
    cache_folder = folder / CACHE_NAME
    assert not cache.entry_path(folder, PLACED).exists()
    assert [waiting for _, waiting in _lockers(cache_folder / ".writing")] == [False]
    gate.unlink()
    cache.settled(folder)
    assert not _lockers(cache_folder / ".writing")
    for name in (PLACED, "sessions.toml", "checkins.toml"):
        assert cache.entry_path(folder, name).is_file(), name
    if command[0] == "status":
        fresh = _planned(first.stdout)
        poison_plan(folder)
        again = _rmcli(folder, *command)
        assert _planned(again.stdout) == fresh - 1  # the kept plan answered


@pytest.mark.slow
@forking
def test_the_child_leaves_the_session_of_the_terminal(folder: Path, tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    _rmcli(folder, "status", **_paused_at(PLACED, gate))
    try:
        [(writer, _)] = _lockers(folder / CACHE_NAME / ".writing")
        # a Ctrl-C at the terminal (or its closing) goes to the session's foreground group
        assert os.getsid(writer) != os.getsid(0)
        assert os.getpgid(writer) != os.getpgid(0)
    finally:
        gate.unlink()
        cache.settled(folder)


@pytest.mark.slow
def test_a_busy_machine_keeps_the_entries_before_the_command_ends(folder: Path) -> None:
    done = _rmcli(
        folder,
        "status",
        "--json",
        machine=BUSY,
        RMCLI_TEST_WRITE_PAUSE="0.001",
        RMCLI_TEST_WRITE_PAUSE_AT="synced",
        RMCLI_TEST_WRITE_PAUSE_FILE=f"{PLACED}.json",
    )
    assert done.returncode in (0, 1), done.stderr
    assert f"{PAUSED} synced {PLACED}.json" in done.stderr  # written by the command itself
    assert cache.entry_path(folder, PLACED).is_file()  # without waiting for anyone


@pytest.mark.slow
@forking
def test_forget_waits_for_a_child_keeping_entries_and_leaves_none(
    folder: Path, tmp_path: Path
) -> None:
    person = load(folder).roster.people[0]
    gate = tmp_path / "gate"
    answered = _rmcli(folder, "status", **_paused_at(PLACED, gate))
    assert answered.returncode in (0, 1), answered.stderr
    writing = folder / CACHE_NAME / ".writing"
    forget = start(folder, "forget", person.id, "--yes", RMCLI_LANGUAGE="en")
    try:
        assert _waits(forget.pid, writing, alive=lambda: forget.poll() is None)
    finally:
        gate.unlink()
    _, errors = forget.communicate(timeout=120)
    assert forget.returncode == 0, errors
    assert not (folder / CACHE_NAME).exists()
    quoted = f'"{person.id}"'.encode()
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert person.name.encode() not in data and quoted not in data, path
