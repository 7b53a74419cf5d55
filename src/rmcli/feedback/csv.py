"""Import survey answers from a CSV sheet and write the blank sheet to send out."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.escape import csv_cell
from rmcli.feedback.values import parse_value
from rmcli.io.csv import read_csv
from rmcli.models.feedback import KNOWN_QUESTIONS, Answer, SurveysFile
from rmcli.models.roster import Person, Roster
from rmcli.progress import Progress, due, quiet
from rmcli.words import say

BASE_COLUMNS = ("person", "survey")
STANDARD_COLUMNS = (*BASE_COLUMNS, *KNOWN_QUESTIONS, "answered")


def columns_for(surveys: SurveysFile) -> list[str]:
    """Return the sheet's columns: the standard ones, then the organiser's own questions."""
    extra = [q.id for s in surveys.surveys for q in s.questions if q.id not in KNOWN_QUESTIONS]
    return [*STANDARD_COLUMNS, *dict.fromkeys(extra)]


def blank_sheet(*, roster: Roster, surveys: SurveysFile, survey: str) -> str:
    """Return the CSV text of an empty sheet: one row a person, only id and survey filled."""
    if surveys.get(survey) is None:
        raise InputError(say("unknown survey '{survey}'", survey=survey), hint=_known(surveys))
    columns = columns_for(surveys)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])
    for person in roster.people:
        writer.writerow([csv_cell(person.id), csv_cell(survey), *([""] * (len(columns) - 2))])
    return buffer.getvalue()


def read_sheet(
    path: Path,
    *,
    roster: Roster,
    surveys: SurveysFile,
    today: dt.date,
    progress: Progress = quiet,
) -> list[Answer]:
    """Return the answers in a CSV sheet, or raise every bad cell as `FILE:LINE: column: ...`."""
    sheet = read_csv(path, columns=columns_for(surveys), required=BASE_COLUMNS)
    file = sheet.file
    answers: list[Answer] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    people = roster.by_id()  # looked up once a row: a scan of the roster each time is quadratic
    phase = say("sheet rows checked")
    for done, (line, cells) in enumerate(sheet.rows, start=1):
        if due(done, len(sheet.rows)):
            progress(phase, done, len(sheet.rows))
        if not _answered(cells) and _known_row(cells, people, surveys):
            continue  # a row of the blank sheet: this person did not answer (yet)
        found = _row(cells, people, surveys, today)
        if isinstance(found, Answer):
            key = (found.person, found.survey)
            if key in seen:
                msg = say(
                    "the same person and survey appear again (first on line {line})",
                    line=seen[key],
                )
                problems.append(Problem(file=file, line=line, key="person", message=msg))
            seen[key] = line
            answers.append(found)
        else:
            problems.extend(Problem(file=file, line=line, key=k, message=m) for k, m in found)
    if problems:
        raise ProblemsError(problems)
    return answers


def _answered(cells: dict[str, str]) -> bool:
    # A row with only its person and survey filled is the blank sheet, not an answer.
    return any(v for k, v in cells.items() if k not in (*BASE_COLUMNS, "answered"))


def _known_row(cells: dict[str, str], people: Mapping[str, Person], surveys: SurveysFile) -> bool:
    return (
        people.get(cells.get("person", "")) is not None
        and surveys.get(cells.get("survey", "")) is not None
    )


def _row(
    cells: dict[str, str], people: Mapping[str, Person], surveys: SurveysFile, today: dt.date
) -> Answer | list[tuple[str, str]]:
    """Return one row's answer, or its (column, message) problems."""
    errors: list[tuple[str, str]] = []
    person = people.get(cells.get("person", ""))
    survey = surveys.get(cells.get("survey", ""))
    if person is None:
        errors.append(("person", say("unknown person id (expected an id from roster.toml)")))
    if survey is None:
        errors.append(("survey", say("unknown survey ({known})", known=_known(surveys))))
    if person is None or survey is None:
        return errors
    data: dict[str, Any] = {"person": person.id, "survey": survey.id, "extra": {}}
    data["answered"] = today
    asked = {q.id: q for q in survey.asks(person.role)}
    for column, value in cells.items():
        if column in BASE_COLUMNS:
            continue
        if column == "answered":
            if value:
                try:
                    data["answered"] = dt.date.fromisoformat(value)
                except ValueError:
                    errors.append((column, say("expected a date as YYYY-MM-DD")))
            continue
        question = asked.get(column)
        if question is None:
            if value:
                msg = say(
                    "not asked of a {role} in survey '{survey}'", role=person.role, survey=survey.id
                )
                errors.append((column, msg))
            continue
        try:
            parsed = parse_value(question, value)
        except ValueError as exc:
            errors.append((column, str(exc)))
            continue
        if parsed is None:
            if question.required:
                errors.append((column, say("required answer is missing")))
        elif column in KNOWN_QUESTIONS:
            data[column] = parsed
        else:
            data["extra"][column] = parsed
    for question in asked.values():
        if question.required and question.id not in cells:
            errors.append((question.id, say("required column is missing from the sheet")))
    if errors:
        return errors
    try:
        return Answer.model_validate(data)
    except ValidationError as exc:
        return [
            (".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors(include_input=False)
        ]


def _known(surveys: SurveysFile) -> str:
    return say("surveys: {ids}", ids=", ".join(s.id for s in surveys.surveys))
