"""Build a command's big data without the cycle collector walking it again and again.

Reading a 10,000-person program or planning its year makes millions of small objects that
live to the command's end and hold no reference cycle worth collecting. Each collection
walks every object of its generations: the collector spent about 0.3 s of a first `status`
at 10,000 people, and 30-45 ms of `status`, `validate` and `evaluate` at 1,000 pairs,
walking the same parsed files over and over.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["FREEZE", "long_lived"]

# Set by the command line: a command's process holds the models it loads to its end.
FREEZE = False


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Pause the cycle collector while building data that lives to the command's end.

    In a command's own process (`FREEZE`) what was built then moves to the permanent
    generation, which no later collection walks (gc.freeze, a constant-time list merge). A
    frozen object is never collected, which a long test run would feel.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if FREEZE:
            gc.freeze()  # a cycle made meanwhile lives on too: the command's end frees it
        if was:
            gc.enable()
