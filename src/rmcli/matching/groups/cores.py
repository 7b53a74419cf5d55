"""How numpy work is shared among threads (numpy sorts, gathers and sums without the
interpreter lock, so threads that write apart run in parallel and give one call's arrays)."""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from rmcli.io.aside import cores

__all__ = ["by_rows", "share", "workers"]

T = TypeVar("T")

CAP = 4  # threads that share rows, at most; fewer on a smaller machine
SMALL = 200  # rows: below this, one thread (starting threads would cost more)
ROWS = 64  # rows a block (memory: a block's temporaries, a few rows x juniors floats)

_helpers: ThreadPoolExecutor | None = None  # see `_pool`
_sharing = threading.local()  # busy: this thread runs a shared item


def workers(size: int, *, cap: int, small: int) -> int:
    """Return one below `small` items (threads would cost more), else the cores, up to `cap`."""
    if size < small:
        return 1
    return max(1, min(cap, cores()))


def share(work: Callable[[T], None], items: Sequence[T], *, threads: int) -> None:
    """Run `work` on every item, on up to `threads` threads; the items must write apart.

    The caller is one of the threads, the others are kept for the next call (starting
    threads every call cost more than small blocks' work); each thread takes the next
    item left, so a thread held up elsewhere leaves its share to the others. Work
    shared again from inside a shared item runs on that item's thread.
    """
    if threads <= 1 or len(items) <= 1 or getattr(_sharing, "busy", False):
        for item in items:
            work(item)
        return
    ticket = itertools.count()  # next() on it is one step under the interpreter lock

    def drain() -> None:
        _sharing.busy = True
        try:
            while (i := next(ticket)) < len(items):
                work(items[i])
        finally:
            _sharing.busy = False

    helpers = [_pool().submit(drain) for _ in range(min(threads, len(items)) - 1)]
    try:
        drain()
    finally:
        for helper in helpers:
            helper.result()  # waited for even when this thread failed: they write our arrays


def _pool() -> ThreadPoolExecutor:
    """Return the threads kept for `share` (started on first use)."""
    global _helpers  # one pool a process, started only when needed
    if _helpers is None:
        _helpers = ThreadPoolExecutor(CAP - 1, thread_name_prefix="rmcli-share")
    return _helpers


def _forget() -> None:
    """Drop the kept threads in a forked child (they were not copied: start anew)."""
    global _helpers  # see `_pool`
    _helpers = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


def by_rows(n: int, part: Callable[[slice], None]) -> None:
    """Run `part` on n rows cut in blocks of ROWS, shared among threads; the parts must
    write disjoint rows, so any order gives the same. Small blocks keep each thread's
    temporaries small."""
    blocks = [slice(i, min(i + ROWS, n)) for i in range(0, n, ROWS)]
    share(part, blocks, threads=workers(n, cap=CAP, small=SMALL))
