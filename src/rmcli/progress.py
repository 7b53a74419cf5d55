"""How far a long piece of work has come, told to whoever shows it.

A core function that can run for seconds on a large program takes `progress` by keyword
and calls it with the phase it is in (words for the organiser, through `say`), how many
steps are done and how many there are (None when not known ahead). The default tells
nobody; the CLI passes a display on the terminal.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Something told how far a phase of long work has come."""

    def __call__(self, phase: str, done: int, total: int | None = None, /) -> None:
        """Take note that `done` of `total` steps of `phase` are done."""


def quiet(phase: str, done: int, total: int | None = None, /) -> None:
    """Tell nobody: the default of every core function that reports progress."""
    del phase, done, total


EVERY = 64  # long loops report every this many steps (and their last), not each one


def due(done: int, total: int) -> bool:
    """Return whether step `done` of `total` is one to report."""
    return done % EVERY == 0 or done == total
