"""Build one answer from what a person typed when asked in a terminal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rmcli.feedback.values import Value
from rmcli.models.feedback import KNOWN_QUESTIONS, Answer, Question, Survey
from rmcli.models.roster import Person
from rmcli.words import say


def questions_for(*, survey: Survey, person: Person) -> list[Question]:
    """Return the questions to ask this person, in order."""
    return survey.asks(person.role)


def build_answer(
    *, person: Person, survey: Survey, values: dict[str, Value | None], answered: dt.date
) -> Answer:
    """Return the answer made of the values given per question id (None: skipped)."""
    data: dict[str, Any] = {"person": person.id, "survey": survey.id, "answered": answered}
    extra: dict[str, Any] = {}
    for question in questions_for(survey=survey, person=person):
        value = values.get(question.id)
        if value is None or value in ("", [], {}):
            if question.required:
                missing = say("required answer is missing")
                raise ValueError(f"{question.id}: {missing}")
            continue
        if question.id in KNOWN_QUESTIONS:
            data[question.id] = value
        else:
            extra[question.id] = value
    data["extra"] = extra
    return Answer.model_validate(data)
