"""How many threads a stage of numpy work may use (numpy drops the interpreter lock)."""

from __future__ import annotations

import os

__all__ = ["workers"]


def workers(size: int, *, cap: int, small: int) -> int:
    """Return one below `small` items (threads would cost more), else the cores, up to `cap`."""
    if size < small:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cap, cores or 1))
