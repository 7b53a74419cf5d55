"""Modules imported on another thread while the caller goes on.

An import holds the interpreter lock while it runs module code, so this pays beside
numpy work (which releases the lock), such as building a score matrix: the solver's
scipy import (about 0.6 s) then costs next to no wall time.
"""

from __future__ import annotations

import importlib
import threading

__all__ = ["ahead"]


def ahead(*names: str) -> threading.Thread:
    """Start importing `names` on a thread of their own; join it before leaving."""
    thread = threading.Thread(target=_load, args=(names,), name="rmcli-import", daemon=True)
    thread.start()
    return thread


def _load(names: tuple[str, ...]) -> None:
    """Import each name; a failure is left to the caller's own import to report."""
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
