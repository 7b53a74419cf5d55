"""How numpy work is shared among threads (numpy sorts, gathers and sums without the
interpreter lock, so threads that write apart run in parallel and give one call's arrays)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from rmcli.io.aside import cores

__all__ = ["by_rows", "share", "workers"]

T = TypeVar("T")

CAP = 4  # threads that share rows, at most; fewer on a smaller machine
SMALL = 200  # rows: below this, one thread (starting threads would cost more)
ROWS = 64  # rows a block (memory: a block's temporaries, a few rows x juniors floats)


def workers(size: int, *, cap: int, small: int) -> int:
    """Return one below `small` items (threads would cost more), else the cores, up to `cap`."""
    if size < small:
        return 1
    return max(1, min(cap, cores()))


def share(work: Callable[[T], None], items: Sequence[T], *, threads: int) -> None:
    """Run `work` on every item, on up to `threads` threads; the items must write apart."""
    if threads <= 1 or len(items) <= 1:
        for item in items:
            work(item)
        return
    with ThreadPoolExecutor(min(threads, len(items))) as pool:
        list(pool.map(work, items))  # list(): a thread's error is raised here


def by_rows(n: int, part: Callable[[slice], None]) -> None:
    """Run `part` on n rows cut in blocks of ROWS, shared among threads; the parts must
    write disjoint rows, so any order gives the same. Small blocks keep each thread's
    temporaries small."""
    blocks = [slice(i, min(i + ROWS, n)) for i in range(0, n, ROWS)]
    share(part, blocks, threads=workers(n, cap=CAP, small=SMALL))
