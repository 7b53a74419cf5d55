"""The questions `rmcli init` asks in a terminal for what no flag gave."""

from __future__ import annotations

import datetime as dt
from typing import Any


def ask_missing(given: dict[str, Any], *, default_start: dt.date) -> dict[str, Any]:
    """Return `given` completed by questionary for every value that is None."""
    import questionary

    from rmcli.starters import list_starters

    answers = dict(given)
    if answers["starter"] is None:
        answers["starter"] = questionary.select(
            "Starter:", choices=list_starters(), default="tech-six-months"
        ).unsafe_ask()
    if answers["name"] is None:
        answers["name"] = questionary.text("Program name:").unsafe_ask() or None
    if answers["format"] is None:
        choices = ["one-to-one", "group", "peer", "project"]
        answers["format"] = questionary.select(
            "Format:", choices=choices, default=_format_of(answers["starter"])
        ).unsafe_ask()
    if answers["start"] is None:
        text = questionary.text(
            "First day (YYYY-MM-DD):", default=default_start.isoformat(), validate=_is_date
        ).unsafe_ask()
        answers["start"] = dt.date.fromisoformat(text)
    if answers["months"] is None:
        answers["months"] = int(
            questionary.text("Months:", default="6", validate=_is_count).unsafe_ask()
        )
    if answers["session_minutes"] is None:
        text = questionary.text(
            "Minutes per session (at least 30):", default="60", validate=_is_minutes
        ).unsafe_ask()
        answers["session_minutes"] = int(text)
    if answers["language"] is None:
        from rmcli.words import languages

        answers["language"] = questionary.select(
            "Language of agendas and reports:", choices=list(languages())
        ).unsafe_ask()
    return answers


def _format_of(starter: str) -> str:
    from rmcli.starters import STARTER_OF_FORMAT

    return next((f for f, s in STARTER_OF_FORMAT.items() if s == starter), "one-to-one")


def _is_date(text: str) -> bool | str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return "expected YYYY-MM-DD"
    return True


def _is_count(text: str) -> bool | str:
    return (text.isdigit() and 1 <= int(text) <= 36) or "expected a whole number from 1 to 36"


def _is_minutes(text: str) -> bool | str:
    return (text.isdigit() and 30 <= int(text) <= 480) or "expected 30 to 480 minutes"
