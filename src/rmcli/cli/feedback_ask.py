"""The questions of `rmcli feedback`, asked with questionary (tests replace these functions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models import pydantic, which `rmcli --help` must not load
    from rmcli.feedback.values import Value
    from rmcli.models.feedback import Question

SKIP = "(skip)"


def choose(message: str, choices: list[str]) -> str:
    """Ask for one of several choices."""
    import questionary

    answer: str = questionary.select(message, choices=choices).unsafe_ask()
    return answer


def confirm(message: str) -> bool:
    """Ask a yes/no question (default no)."""
    import questionary

    return bool(questionary.confirm(message, default=False).unsafe_ask())


def _rating(message: str, *, required: bool) -> int | None:
    import questionary

    choices = ["1", "2", "3", "4", "5", *([] if required else [SKIP])]
    picked = questionary.select(message, choices=choices).unsafe_ask()
    return None if picked == SKIP else int(picked)


def ask_question(question: Question, *, language: str, topics: list[str]) -> Value | None:
    """Ask one survey question and return its value (None: skipped)."""
    import questionary

    from rmcli.feedback.values import parse_list

    text = question.text(language)
    kind = question.kind
    if kind == "rating":
        return _rating(text, required=question.required)
    if kind == "yesno":
        choices = ["yes", "no", *([] if question.required else [SKIP])]
        picked = questionary.select(text, choices=choices).unsafe_ask()
        return None if picked == SKIP else picked == "yes"
    if kind == "text":
        typed: str = questionary.text(text, multiline=False).unsafe_ask()
        return typed.strip() or None
    if kind == "choice":
        options: list[Any] = [
            questionary.Choice(o.text(language), value=o.id) for o in question.options
        ]
        return list(questionary.checkbox(text, choices=options).unsafe_ask())
    if kind == "learned":
        picked_topics = (
            list(questionary.checkbox(text, choices=topics).unsafe_ask()) if topics else []
        )
        more = questionary.text("Anything else? (separate with ;)").unsafe_ask()
        return [*picked_topics, *parse_list(more or "")]
    ratings: dict[str, int] = {}
    for topic in topics:
        value = _rating(f"{text}\n  {topic}", required=False)
        if value is not None:
            ratings[topic] = value
    return ratings
