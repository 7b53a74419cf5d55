"""Turn a CSV file into people, reporting every bad row by its line number."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rmcli.errors import Problem, ProblemsError
from rmcli.models import Person
from rmcli.roster_csv import read_rows, to_person


def people_from_csv(
    path: Path, *, people_ids: set[str], org_ids: set[str]
) -> tuple[list[Person], set[str]]:
    """Return the people of a CSV file and its columns, or raise with every bad row."""
    file = str(path)
    people: list[Person] = []
    lines: list[int] = []
    problems: list[Problem] = []
    ids: Counter[str] = Counter()
    emails: Counter[str] = Counter()
    rows = read_rows(path)
    columns = set(rows[0][1]) if rows else set()
    for line, row in rows:
        person, row_problems = to_person(row, file=file, line=line)
        problems.extend(row_problems)
        if person is None:
            continue
        ids[person.id] += 1
        if ids[person.id] > 1:
            problems.append(Problem(file, "id appears on an earlier row too", "id", line))
        if person.email:
            emails[person.email.casefold()] += 1
            if emails[person.email.casefold()] > 1:
                problems.append(Problem(file, "email appears on an earlier row too", "email", line))
        people.append(person)
        lines.append(line)
    problems.extend(_references(people, lines, file=file, people_ids=people_ids, org_ids=org_ids))
    if problems:
        raise ProblemsError(problems, hint="nothing was written; fix the rows and import again")
    return people, columns


def _references(
    people: list[Person], lines: list[int], *, file: str, people_ids: set[str], org_ids: set[str]
) -> list[Problem]:
    persons = people_ids | {p.id for p in people}
    problems: list[Problem] = []
    for person, line in zip(people, lines, strict=True):
        if person.manager == person.id:
            problems.append(Problem(file, "a person cannot be their own manager", "manager", line))
        elif person.manager and person.manager not in persons | org_ids:
            problems.append(
                Problem(file, "unknown id; expected a person or an [org] entry", "manager", line)
            )
        for key in ("avoid", "prefer"):
            if any(other not in persons or other == person.id for other in getattr(person, key)):
                problems.append(
                    Problem(file, "expected ids of other people in the roster", key, line)
                )
    return problems
