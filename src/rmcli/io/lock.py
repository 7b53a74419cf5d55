"""One writer at a time on a program folder, and a report when a writer crashed."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rmcli.errors import InputError, LockedError, Problem
from rmcli.io.atomic import pause_for_tests, remove_stale_temps, stale_temps, write_text
from rmcli.words import say, say_n

# The lock's own files in a program folder (rmcli.folder lists them with the others).
LOCK_NAME = ".rmcli.lock"
HOLDER_NAME = ".rmcli.lock.holder"
WAIT_SECONDS = 5.0
MAX_WAIT_SECONDS = 86400

# Folders this process holds already, so that a nested lock does not wait on itself.
_held: dict[Path, int] = {}


@dataclass(frozen=True)
class Holder:
    """The process that holds (or held) a program's lock."""

    pid: int
    host: str
    started: str

    def describe(self) -> str:
        """Return 'process N on this computer since T' without anything personal."""
        if self.host == socket.gethostname():
            return say(
                "process {pid} on this computer since {started}", pid=self.pid, started=self.started
            )
        return say(
            "process {pid} on computer {host} since {started}",
            pid=self.pid,
            host=self.host,
            started=self.started,
        )

    def alive(self) -> bool | None:
        """Return whether the process still runs (None when it runs on another computer)."""
        if self.host != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def _notice(message: str) -> None:
    sys.stderr.write(say("warning: {message}", message=message) + "\n")


# Where notices about crashed runs go; tests may replace it.
report: Callable[[str], None] = _notice


@contextmanager
def program_lock(folder: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold `<folder>/.rmcli.lock` for a whole read-modify-write."""
    key = folder.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    from filelock import FileLock, Timeout  # noqa: PLC0415 (kept out of start-up)

    wait = _wait_seconds() if timeout is None else timeout
    lock = FileLock(folder / LOCK_NAME, mode=0o600)
    pause_for_tests("waiting", folder / LOCK_NAME)
    try:
        lock.acquire(timeout=wait)
    except Timeout as exc:
        raise _locked(folder) from exc
    except PermissionError as exc:
        message = say("{path}: cannot write here: the folder is read-only", path=folder)
        raise InputError(message) from exc
    except OSError as exc:
        message = say(
            "{folder}: cannot lock the program folder: {reason}", folder=folder, reason=exc.strerror
        )
        raise InputError(message) from exc
    try:
        _take_over(folder)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            with contextlib.suppress(FileNotFoundError):
                (folder / HOLDER_NAME).unlink()
    finally:
        lock.release()


def _wait_seconds() -> float:
    """Return how long to wait for the lock: RMCLI_LOCK_TIMEOUT seconds, else the default."""
    given = os.environ.get("RMCLI_LOCK_TIMEOUT")
    if given is None:
        return WAIT_SECONDS
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_WAIT_SECONDS:  # also refuses nan
        raise InputError(
            say(
                "RMCLI_LOCK_TIMEOUT: expected a number of seconds from 0 to {most}",
                most=MAX_WAIT_SECONDS,
            )
        )
    return seconds


def read_holder(folder: Path) -> Holder | None:
    """Return the recorded holder of a program's lock, if a record exists and reads."""
    try:
        data = tomllib.loads((folder / HOLDER_NAME).read_text(encoding="utf-8"))
        return Holder(pid=int(data["pid"]), host=str(data["host"]), started=str(data["started"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, tomllib.TOMLDecodeError):
        return Holder(pid=0, host="unknown", started="unknown")  # cut short by a crash


def _take_over(folder: Path) -> None:
    """Report a crashed earlier holder, clean its leftovers, and record this process."""
    earlier = read_holder(folder)
    if earlier is not None:
        # We hold the flock, so whoever wrote this record is gone without releasing it.
        removed = remove_stale_temps(folder)
        if removed:
            message = say_n(
                "{folder}: an earlier rmcli run ({holder}) ended without releasing its lock"
                " (killed or crashed); removed {n} unfinished temporary file;"
                " each file is whole, old or new: check with `rmcli validate`",
                "{folder}: an earlier rmcli run ({holder}) ended without releasing its lock"
                " (killed or crashed); removed {n} unfinished temporary files;"
                " each file is whole, old or new: check with `rmcli validate`",
                len(removed),
                folder=folder,
                holder=earlier.describe(),
            )
        else:
            message = say(
                "{folder}: an earlier rmcli run ({holder}) ended without releasing its lock"
                " (killed or crashed); each file is whole, old or new: check with `rmcli validate`",
                folder=folder,
                holder=earlier.describe(),
            )
        report(message)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    record = (
        f'pid = {os.getpid()}\nhost = "{_toml_safe(socket.gethostname())}"\nstarted = "{started}"\n'
    )
    write_text(folder / HOLDER_NAME, record, private=True)


def _locked(folder: Path) -> LockedError:
    holder = read_holder(folder)
    if holder is None:
        return LockedError(
            say(
                "{folder}: another rmcli command is changing this program; try again when it ends",
                folder=folder,
            ),
            hint=say(
                "if no rmcli is running, a program it started may still hold {lock}",
                lock=LOCK_NAME,
            ),
        )
    if holder.alive() is False:
        return LockedError(
            say(
                "{folder}: the lock is held, but its recorded holder ({holder}) is gone",
                folder=folder,
                holder=holder.describe(),
            ),
            hint=say("a process it started may still hold the lock: end it, then try again"),
        )
    return LockedError(
        say(
            "{folder}: another rmcli command ({holder}) is changing this program;"
            " try again when it ends",
            folder=folder,
            holder=holder.describe(),
        ),
        hint=say("if that process is stuck, end it; the OS then frees {lock}", lock=LOCK_NAME),
    )


def _toml_safe(text: str) -> str:
    return "".join(c for c in text if c.isalnum() or c in "-._")


def leftover_problems(folder: Path) -> list[Problem]:
    """Return warnings about an unfinished earlier run: a stale holder record and temp files."""
    problems: list[Problem] = []
    holder = read_holder(folder)
    if holder is not None and holder.alive() is False:
        msg = say(
            "an rmcli run ({holder}) ended without releasing its lock;"
            " the next command that changes files cleans up after it",
            holder=holder.describe(),
        )
        problems.append(Problem(file=str(folder / LOCK_NAME), message=msg, severity="warning"))
    for temp in stale_temps(folder):
        msg = say("temporary file of an interrupted write (the real file is whole); safe to delete")
        problems.append(Problem(file=str(temp), message=msg, severity="warning"))
    return problems
