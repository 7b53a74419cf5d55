"""Cache entries kept after the answer: at the end of `answer_first`, unless interrupted.

That `status` and `evaluate` answer before they keep is in test_plan_cache.py.
"""

from __future__ import annotations

import pytest

from rmcli.io import cache


def test_entries_are_kept_at_the_end_after_the_answer_is_sent() -> None:
    events: list[str] = []
    with cache.answer_first(flush=lambda: events.append("sent")):
        cache.later(lambda: events.append("kept"))
        events.append("answered")
    assert events == ["answered", "sent", "kept"]
    cache.later(lambda: events.append("at once"))  # outside: kept when asked
    assert events[-1] == "at once"


def test_an_exit_code_after_the_answer_still_keeps_an_interruption_keeps_nothing() -> None:
    kept: list[str] = []
    with pytest.raises(LookupError), cache.answer_first(flush=lambda: None):
        cache.later(lambda: kept.append("flags"))
        raise LookupError  # as typer.Exit(1) after the flags are shown
    with pytest.raises(KeyboardInterrupt), cache.answer_first(flush=lambda: None):
        cache.later(lambda: kept.append("interrupted"))
        raise KeyboardInterrupt
    assert kept == ["flags"]
