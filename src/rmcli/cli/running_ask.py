"""Small questionary prompts for log and checkin (tests replace these functions)."""

from __future__ import annotations


def ask_text(question: str, *, default: str = "") -> str:
    """Ask for one line of text."""
    import questionary

    return str(questionary.text(question, default=default).unsafe_ask())


def ask_choice(question: str, *, choices: list[str], default: str | None = None) -> str:
    """Ask to choose one of several values."""
    import questionary

    return str(questionary.select(question, choices=choices, default=default).unsafe_ask())


def ask_many(question: str, *, choices: list[str]) -> list[str]:
    """Ask to tick any number of values."""
    import questionary

    return [str(v) for v in questionary.checkbox(question, choices=choices).unsafe_ask()]


def ask_yes(question: str, *, default: bool = False) -> bool:
    """Ask a yes/no question."""
    import questionary

    return bool(questionary.confirm(question, default=default).unsafe_ask())
