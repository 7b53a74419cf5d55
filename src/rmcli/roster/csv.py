"""Read people from a CSV export, reporting every bad row by its line number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rmcli.errors import Problem, ProblemsError
from rmcli.io.csv import parse_yes_no, read_csv
from rmcli.io.toml import friendly
from rmcli.models import Person
from rmcli.progress import Progress, due, quiet
from rmcli.words import say

LIST_KEYS = {"expertise", "interests", "languages", "avoid", "prefer", "projects"}
BOOL_KEYS = {"volunteer"}
INT_KEYS = {"capacity", "committed_minutes"}


def to_person(
    row: dict[str, str], *, file: str, line: int, known: Person | None = None
) -> tuple[Person | None, list[Problem]]:
    """Return the person of one CSV row, or one problem per bad cell.

    For a `known` person (the row's id is in the roster) the sheet's cells change their
    values; keys the sheet has no column for keep the roster's.
    """
    data: dict[str, Any] = known.model_dump() if known is not None else {}
    problems: list[Problem] = []
    for key, value in row.items():
        if key in LIST_KEYS:
            items = [item.strip() for item in value.split(";") if item.strip()]
            if items or key != "languages":
                data[key] = items
        elif key in BOOL_KEYS:
            try:
                data[key] = bool(parse_yes_no(value))  # empty: no
            except ValueError as exc:
                problems.append(Problem(file, str(exc), key, line))
        elif key in INT_KEYS:
            if value == "":
                continue
            if not value.isdigit():
                problems.append(Problem(file, say("expected a whole number"), key, line))
            else:
                data[key] = int(value)
        elif value != "" or key in {"id", "name", "role"}:
            data[key] = value
    if problems:
        return None, problems
    try:
        return Person.model_validate(data), []
    except ValidationError as exc:
        for error in exc.errors(include_input=False, include_url=False):
            key = str(error["loc"][0]) if error["loc"] else ""
            message = friendly(error, loc=tuple(error["loc"]), model=Person)
            problems.append(Problem(file, message, key, line))
        return None, problems


def people_from_csv(
    path: Path,
    *,
    people_ids: set[str],
    org_ids: set[str],
    known: Mapping[str, Person] | None = None,
    org_from_managers: bool = False,
    progress: Progress = quiet,
) -> tuple[list[Person], set[str]]:
    """Return the people of a CSV file and its columns, or raise with every bad row.

    `known` are the roster's people by id: their rows need only the columns to change.
    With `org_from_managers` a manager who is nobody in the roster or the sheet is not an
    error: `outside_managers` names them for [org].
    """
    known = known or {}
    file = str(path)
    people: list[Person] = []
    lines: list[int] = []
    problems: list[Problem] = []
    ids: Counter[str] = Counter()
    emails: Counter[str] = Counter()
    sheet = read_csv(path, columns=Person.model_fields)
    phase = say("sheet rows checked")
    for done, (line, cells) in enumerate(sheet.rows, start=1):
        if due(done, len(sheet.rows)):
            progress(phase, done, len(sheet.rows))
        person, row_problems = to_person(
            cells, file=file, line=line, known=known.get(cells.get("id", "").strip())
        )
        problems.extend(row_problems)
        if person is None:
            continue
        ids[person.id] += 1
        if ids[person.id] > 1:
            problems.append(Problem(file, say("id appears on an earlier row too"), "id", line))
        if person.email:
            emails[person.email.casefold()] += 1
            if emails[person.email.casefold()] > 1:
                msg = say("email appears on an earlier row too")
                problems.append(Problem(file, msg, "email", line))
        people.append(person)
        lines.append(line)
    if org_from_managers:
        org_ids = org_ids | set(outside_managers(people, people_ids=people_ids, org_ids=org_ids))
    problems.extend(_references(people, lines, file=file, people_ids=people_ids, org_ids=org_ids))
    if problems:
        hint = say("nothing was written; fix the rows and import again")
        if any(p.key == "manager" for p in problems):
            hint = say(
                "nothing was written; a manager who is not in the program goes under [org]: "
                "`rmcli roster org add ID`, or import again with --org-from-managers"
            )
        raise ProblemsError(problems, hint=hint)
    return people, set(sheet.columns)


def outside_managers(people: list[Person], *, people_ids: set[str], org_ids: set[str]) -> list[str]:
    """Return the managers named in a sheet who are neither people nor [org] entries yet."""
    persons = people_ids | {p.id for p in people} | org_ids
    return sorted({p.manager for p in people if p.manager and p.manager not in persons})


def _references(
    people: list[Person], lines: list[int], *, file: str, people_ids: set[str], org_ids: set[str]
) -> list[Problem]:
    persons = people_ids | {p.id for p in people}
    problems: list[Problem] = []
    for person, line in zip(people, lines, strict=True):
        if person.manager == person.id:
            msg = say("a person cannot be their own manager")
            problems.append(Problem(file, msg, "manager", line))
        elif person.manager and person.manager not in persons | org_ids:
            problems.append(
                Problem(
                    file, say("unknown id; expected a person or an [org] entry"), "manager", line
                )
            )
        for key in ("avoid", "prefer"):
            if any(other not in persons or other == person.id for other in getattr(person, key)):
                problems.append(
                    Problem(file, say("expected ids of other people in the roster"), key, line)
                )
    return problems
