"""Turn one typed answer (a CSV cell, a typed line) into the value stored for a question."""

from __future__ import annotations

import re

from rmcli.io.csv import parse_yes_no
from rmcli.models.feedback import ExtraValue, Question
from rmcli.words import say

_RATING = re.compile(r"^[1-5]$")
MAX_TEXT = 2000
MAX_SKILL = 100
Value = ExtraValue | list[str] | dict[str, int]


def parse_rating(text: str) -> int:
    """Return a rating 1-5 from text; fractions, 0, 6, NaN and infinity are refused."""
    value = text.strip()
    if not _RATING.match(value):
        raise ValueError(say("expected a whole number from 1 to 5"))
    return int(value)


def parse_list(text: str) -> list[str]:
    """Return the ';'-separated entries of a cell, without blanks and repeats."""
    return list(dict.fromkeys(p.strip() for p in text.split(";") if p.strip()))


def parse_skill(text: str) -> str:
    """Return a skill name, checked for length and separators."""
    if len(text) > MAX_SKILL or "=" in text or "\n" in text:
        raise ValueError(
            say("expected skill names of at most {n} characters, without '='", n=MAX_SKILL)
        )
    return text


def parse_skills(text: str) -> dict[str, int]:
    """Return `skill=rating; skill=rating` as a dict."""
    found: dict[str, int] = {}
    for item in parse_list(text):
        name, sep, rating = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(
                say("expected skill=rating entries separated by ';', such as ai-tools=3")
            )
        found[parse_skill(name.strip())] = parse_rating(rating)
    return found


def parse_value(question: Question, text: str) -> Value | None:
    """Return the stored value of an answer typed as text; None when left empty."""
    value = text.strip()
    if not value:
        return None
    kind = question.kind
    if kind == "rating":
        return parse_rating(value)
    if kind == "yesno":
        return parse_yes_no(value)
    if kind == "text":
        if len(value) > MAX_TEXT:
            raise ValueError(say("longer than {n} characters", n=MAX_TEXT))
        return value
    if kind == "choice":
        options = {o.id: o.id for o in question.options}
        chosen = [options.get(v.lower()) for v in parse_list(value)]
        if any(c is None for c in chosen):
            raise ValueError(
                say("expected options separated by ';' from: {options}", options=", ".join(options))
            )
        return [c for c in chosen if c is not None]
    if kind == "learned":
        return [parse_skill(s) for s in parse_list(value)]
    return parse_skills(value)
