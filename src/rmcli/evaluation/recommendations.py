"""Record the program's recommendations to the organisation and leadership's answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rmcli.errors import InputError
from rmcli.models.recommendations import Recommendation, RecommendationsFile
from rmcli.words import say


def add(file: RecommendationsFile, *, text: str, day: dt.date) -> tuple[RecommendationsFile, int]:
    """Return the file with a new open recommendation, and its number."""
    number = max((r.number for r in file.recommendations), default=0) + 1
    found = Recommendation.model_validate({"number": number, "text": text, "added": day})
    return RecommendationsFile(recommendations=[*file.recommendations, found]), number


def answer(
    file: RecommendationsFile, *, number: int, text: str, day: dt.date
) -> RecommendationsFile:
    """Return the file with leadership's answer to one recommendation recorded."""
    return _change(file, number, {"answer": text, "answered": day})


def done(file: RecommendationsFile, *, number: int, day: dt.date) -> RecommendationsFile:
    """Return the file with one recommendation carried out (answered that day if it was not)."""
    found = _find(file, number)
    update: dict[str, Any] = {"done": day}
    if found.answered is None:
        update["answered"] = day
    return _change(file, number, update)


def _find(file: RecommendationsFile, number: int) -> Recommendation:
    found = file.get(number)
    if found is None:
        known = ", ".join(str(r.number) for r in file.recommendations) or "-"
        raise InputError(
            say("no recommendation {number} (known: {known})", number=number, known=known)
        )
    return found


def _change(file: RecommendationsFile, number: int, update: dict[str, Any]) -> RecommendationsFile:
    found = _find(file, number)
    changed = Recommendation.model_validate({**found.model_dump(), **update})
    return RecommendationsFile(
        recommendations=[changed if r.number == number else r for r in file.recommendations]
    )


def summary(file: RecommendationsFile, *, as_of: dt.date) -> dict[str, Any]:
    """Return the recommendations as of a day, each with its state, and the counts."""
    listed = []
    for item in file.recommendations:
        if item.added > as_of:
            continue
        answered = item.answered is not None and item.answered <= as_of
        carried = item.done is not None and item.done <= as_of
        listed.append(
            {
                "number": item.number,
                "text": item.text,
                "added": item.added.isoformat(),
                "state": "done" if carried else ("answered" if answered else "open"),
                "answer": item.answer if answered else "",
            }
        )
    return {
        "items": listed,
        "given": len(listed),
        "answered": sum(i["state"] != "open" for i in listed),
        "done": sum(i["state"] == "done" for i in listed),
    }
