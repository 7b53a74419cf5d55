"""Work a result out in a forked child process while the command goes on, where that is safe.

A first `rmcli evaluate` of a big program counts every match's status flags at each month's
end (about a second at 10,000 people), which the figures of the survey, the sessions and
the comments do not need: with a second core, a child counts while they are made, and once
they are this process counts the matches the child has not taken yet (`parted`: the work
cut in parts that each process takes from a pipe, so that none is worked twice). The child
shares what was loaded (fork copies a page only when either side writes to it), sends its
result as bytes through a pipe and ends without flushing, writing or removing anything.
Where fork is missing (Windows) or not safe (macOS; another thread running, such as a
progress display), on one core or a busy machine, or when the child fails, the result (or
what the child took of it) is worked out in this process when it is asked for: the same
result either way, so the work must be pure (a child's side effects are lost).

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

__all__ = ["cores", "forks", "hand_off", "once", "parted"]

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


PARTS = 64  # the most parts `parted` cuts work into (a part is a byte): both end within one


def parted(
    total: int,
    *,
    work: Callable[[range], T],
    add: Callable[[T, T], T],
    encode: Callable[[T], bytes],
    decode: Callable[[bytes], T | None],
    setup: float = 0.0,
) -> Callable[[], T]:
    """Return a function giving `work(range(total))`, worked out meanwhile in parts by a child
    and, once asked for, by this process too, where a child can be forked.

    `work` of a range must be the sum (`add`) of `work` of the parts it is cut into, in any
    order. The parts wait in a pipe, one byte each, written before the fork: a byte read is
    gone for the other process, so no part is worked twice, and neither process waits to take
    one. The child works the parts it takes until none is left and sends their sum. Asked
    for, this process takes the parts left and works them, unless fewer are left than
    `setup` (what its first part costs it beyond the others, such as indexing, as a share of
    the whole work), then adds the child's sum; when the child failed, or `decode` gives
    None, it works every part it did not take itself.
    """
    if total < 2 or not forks():
        return once(lambda: work(range(total)))
    count = min(total, PARTS)
    parts = [range(total * n // count, total * (n + 1) // count) for n in range(count)]
    queue, filling = os.pipe()
    os.write(filling, bytes(range(count)))  # far below a pipe's capacity: never blocks
    os.close(filling)  # so that an empty queue reads as its end
    child = _forked(lambda: _taken(queue, parts, work, add), encode, queue=queue)
    if child is None:
        return once(lambda: work(range(total)))

    def summed() -> T:
        mine: list[int] = []
        found: list[T] = []
        if _left(queue) >= max(1.0, setup * count):
            while (part := _take(queue)) is not None:  # one at a time, as the child takes them
                mine.append(part)
                found.append(work(parts[part]))
        data = child.collect()
        sent = None if data is None else decode(data)
        if sent is None:  # the child failed: every part not worked here
            taken = set(mine)
            found += [work(part) for n, part in enumerate(parts) if n not in taken]
        else:
            found.append(sent)
        result = found[0]
        for more in found[1:]:
            result = add(result, more)
        return result

    return child.ended_with(once(summed))


def _taken(
    queue: int, parts: list[range], work: Callable[[range], T], add: Callable[[T, T], T]
) -> T:
    """Work the parts taken from the queue one by one until none is left; return their sum."""
    result = work(range(0))  # the sum of nothing, should the other process take every part
    while (part := _take(queue)) is not None:
        result = add(result, work(parts[part]))
    return result


def _take(queue: int) -> int | None:
    """Return the next part in the queue, gone for the other process then (None: none left)."""
    byte = os.read(queue, 1)
    return byte[0] if byte else None


def _left(queue: int) -> int:
    """Return how many parts the queue still holds."""
    import fcntl  # noqa: PLC0415 (Linux only, where a child is forked)
    import termios  # noqa: PLC0415

    return int.from_bytes(fcntl.ioctl(queue, termios.FIONREAD, bytes(4)), sys.byteorder)


def _forked(compute: Callable[[], T], encode: Callable[[T], bytes], *, queue: int) -> _Child | None:
    """Return a child forked to send `encode(compute())` (None: no fork to spare, and `queue`
    closed); the child keeps `queue` open, and this process keeps it in the `_Child`."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: here, then
        for fd in (read, write, queue):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns
        os.close(read)
        _child(compute, encode, write, keep=(queue,))
    os.close(write)
    return _Child(pid, read, queue=queue)


def forks() -> bool:
    """Tell whether a child may be forked here: Linux, no other thread, a second core free.

    On a machine already busy (a load of all its cores but half of one) a child only takes
    turns with this process and adds the cost of forking: the work is done here then.
    """
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    usable = cores()
    return usable > 1 and os.getloadavg()[0] < usable - 0.5


def _child(
    compute: Callable[[], T], encode: Callable[[T], bytes], write: int, *, keep: tuple[int, ...]
) -> NoReturn:
    """Work the result out, send it through `write` and end (`os._exit`: no flush, no exit
    handlers); of the other files, it keeps only those of `keep` open."""
    code = 1
    try:
        _quiet(keep=(write, *keep))
        data = encode(compute())
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def _quiet(*, keep: tuple[int, ...]) -> None:
    """Hold no file but those of `keep` and empty standard streams (a forked child's first step).

    Nothing of the child reaches the terminal, and a caller that reads the command's output
    until it closes need not wait for the child; nor does the child hold any other file
    open, the program's lock among them, should this process end first.
    """
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, os.sysconf("SC_OPEN_MAX"))


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
        _quiet(keep=(write,))
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
    """A forked child, the read end of its pipe and of the queue it takes work from (`parted`)."""

    def __init__(self, pid: int, read: int, *, queue: int) -> None:
        self.pid: int | None = pid
        self.read = read
        self.queue = queue

    def collect(self) -> bytes | None:
        """Return what the child sent, once it ended well; else None."""
        if self.pid is None:
            return None
        self._close_queue()
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
        self._close_queue()
        self.pid = None

    def ended_with(self, result: Callable[[], T]) -> Callable[[], T]:
        """Return `result`, and end the child should `result` be dropped before it is asked for
        (the command failed first): no child is left over."""
        weakref.finalize(result, self.end)
        return result

    def _close_queue(self) -> None:
        if self.queue >= 0:
            os.close(self.queue)
            self.queue = -1
