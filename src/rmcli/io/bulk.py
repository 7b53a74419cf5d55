"""Build a command's big data without the cycle collector walking it again and again.

Reading a 10,000-person program makes millions of small objects that live to the end of
the command and hold no reference cycles worth collecting. Each collection walks all the
objects of its generations, so the collector spent about 0.3 s of a first `status`
walking the same parsed files over and over. Inside `bulk()` it does not run; at the end,
what was built, when it is more than a collection's worth, moves to the permanent
generation, which no later collection walks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cycle collector while building data that lives to the command's end."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > gc.get_threshold()[0]:  # big: a small one is walked once
            gc.freeze()  # a cycle made meanwhile lives on too: the command's end frees it
        if was:
            gc.enable()
