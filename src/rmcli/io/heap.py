"""Keep what a command loads out of the cycle collector's scans."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["FREEZE", "long_lived"]

# Set by the command line: a command's process holds the models it loads to its end.
FREEZE = False


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Build objects without the cycle collector, then keep them out of its scans (gc.freeze).

    A year of check-ins is hundreds of thousands of objects without a reference cycle, held
    until the command ends; the collector scanning them as they were built took 30-45 ms of
    `status`, `validate` and `evaluate` at 1,000 pairs. Only in a command's own process
    (`FREEZE`): a frozen object is never collected, which a long test run would feel.
    """
    if not FREEZE or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
