"""Work a result out in a forked child process while the command goes on, where that is safe.

A first `rmcli evaluate` of a big program counts every match's status flags at each month's
end (about half a second at 10,000 people), which the figures of the survey, the sessions
and the comments do not need: with a second core, a child counts while they are made. The
child shares what was loaded (fork copies a page only when either side writes to it), sends
its result as bytes through a pipe and ends without flushing, writing or removing anything.
Where fork is missing (Windows) or not safe (macOS; another thread running, such as a
progress display), on one core or a busy machine, or when the child fails, the result is
worked out in this process when it is asked for: the same result either way, so `compute`
must be pure (a child's side effects are lost).

Under the same conditions `hand_off` leaves work to a child that outlives the command (the
cache entries of a first `status`, written while the command ends): it leaves the session,
holds no output open, never prints. The command then ends with `os._exit` (`handed_off`),
since freeing its data would copy every page the child still shares.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable
from typing import NoReturn, TypeVar

from rmcli.io import heap

__all__ = ["aside", "cores", "forks", "hand_off", "once"]

T = TypeVar("T")

_handed: list[Callable[[], None]] = []  # work children took, kept to this process's end
_children: list[int] = []  # children left working (`hand_off`)


def cores() -> int:
    """Return how many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def once(compute: Callable[[], T]) -> Callable[[], T]:
    """Return a function giving `compute()`, worked out the first time it is asked for."""
    found: list[T] = []

    def result() -> T:
        if not found:
            found.append(compute())
        return found[0]

    return result


def aside(
    compute: Callable[[], T], *, encode: Callable[[T], bytes], decode: Callable[[bytes], T | None]
) -> Callable[[], T]:
    """Return a function giving `compute()`, worked out meanwhile in a child where it can be.

    `decode(encode(x))` must give x back; None from `decode` (or a failed child) means the
    result is worked out here instead.
    """
    if not forks():
        return once(compute)
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: here, then
        os.close(read)
        os.close(write)
        return once(compute)
    if pid == 0:  # the child: never returns
        os.close(read)
        _child(compute, encode, write)
    os.close(write)
    child = _Child(pid, read)

    def sent() -> T:
        data = child.collect()
        found = None if data is None else decode(data)
        return compute() if found is None else found

    result = once(sent)
    # A result never asked for (the command failed first): the child is ended, not left over.
    weakref.finalize(result, child.end)
    return result


def forks() -> bool:
    """Tell whether a child may be forked here: Linux, no other thread, a second core free.

    On a machine already busy (a load of all its cores but half of one) a child only takes
    turns with this process and adds the cost of forking: the work is done here then.
    """
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    usable = cores()
    return usable > 1 and os.getloadavg()[0] < usable - 0.5


def _child(compute: Callable[[], T], encode: Callable[[T], bytes], write: int) -> NoReturn:
    """Work the result out, send it and end (`os._exit`: no flush, no exit handlers)."""
    code = 1
    try:
        _quiet(keep=write)
        data = encode(compute())
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def _quiet(*, keep: int) -> None:
    """Hold no file but `keep` and empty standard streams (a forked child's first step).

    Nothing of the child reaches the terminal, and a caller that reads the command's output
    until it closes need not wait for the child; nor does the child hold any other file
    open, the program's lock among them, should this process end first.
    """
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))


def hand_off(*, start: Callable[[], bool], work: Callable[[], None]) -> bool:
    """Leave `work` to a forked child that outlives this process; tell whether one took it.

    This process waits only until `start()` told the child may go on (True; such as when it
    holds a lock that shows the work is under way), so that a process started after this one
    ends finds the work begun. The child leaves this process's session: a Ctrl-C at the
    terminal, or the terminal closed, does not reach it. It never prints, and ends with
    `os._exit`. False (fork not safe or not worth it here, see `forks`; no process to
    spare; `start` failed): nothing ran, the caller does the work itself.
    """
    if not forks():
        return False
    _reap()
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return False
    if pid == 0:  # the child: never returns
        os.close(read)
        _detached(start, work, write)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        began = pipe.read(1)  # or nothing, at its end, when it did not start
    if began != b"1":
        os.waitpid(pid, 0)
        return False
    _children.append(pid)  # this process ends first, as a rule: whoever adopts it reaps it
    if heap.FREEZE:  # a command's process: what the child works on is never freed here
        _handed.append(work)
    return True


def handed_off() -> bool:
    """Tell whether this command's process left work to a child (`hand_off`).

    Such a process is best ended at once after its answer (`os._exit`): freeing its data
    would write to every page the child still shares, each then copied for nothing.
    """
    return bool(_handed)


def _detached(start: Callable[[], bool], work: Callable[[], None], write: int) -> NoReturn:
    """Leave the session, start, say so, work and end (`os._exit`: no flush, no exit handlers)."""
    code = 1
    try:
        os.setsid()
        _quiet(keep=write)
        if start():
            os.write(write, b"1")
            os.close(write)
            work()
            code = 0
    finally:
        os._exit(code)


def _reap() -> None:
    """Reap the children left working that have ended since (in a process that outlived them)."""
    for pid in list(_children):
        try:
            ended, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            ended = pid
        if ended:
            _children.remove(pid)


class _Child:
    """A forked child and the read end of its pipe."""

    def __init__(self, pid: int, read: int) -> None:
        self.pid: int | None = pid
        self.read = read

    def collect(self) -> bytes | None:
        """Return what the child sent, once it ended well; else None."""
        if self.pid is None:
            return None
        read, self.read = self.read, -1  # closed below, whatever happens
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return data if os.waitstatus_to_exitcode(status) == 0 else None

    def end(self) -> None:
        """End a child whose result was never collected."""
        if self.pid is None:
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.read >= 0:
            os.close(self.read)
            self.read = -1
        self.pid = None
