"""Read check-in answers exported from a survey tool (`rmcli checkin import FILE.csv`)."""

from __future__ import annotations

import datetime as dt

from rmcli.checkin import build_checkin
from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.models import Program, Roster
from rmcli.models.checkins import Checkin

CSV_COLUMNS = ("person", "date", "score", "challenges", "text", "wants_help")
CSV_REQUIRED = ("person", "date", "score")
TRUE = frozenset({"true", "yes", "y", "1", "ja", "j", "x"})
FALSE = frozenset({"false", "no", "n", "0", "nein", ""})


def parse_bool(value: str) -> bool | None:
    """Return a yes/no cell as a bool (en and de words), or None if it is neither."""
    word = value.strip().casefold()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    return None


def parse_csv(text: str, *, file: str, program: Program, roster: Roster) -> list[Checkin]:
    """Return the answers of a CSV export; any bad row raises every problem with its line."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [h.strip().casefold().replace(" ", "_") for h in next(reader, [])]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    missing = [h for h in CSV_REQUIRED if h not in header]
    if unknown or missing or not header:
        msg = f"header: expected the columns {', '.join(CSV_COLUMNS)} (the first three required)"
        raise ProblemsError([Problem(file=file, line=1, message=msg)])
    answers: list[Checkin] = []
    problems: list[Problem] = []
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            msg = f"expected {len(header)} cells, found {len(row)}"
            problems.append(Problem(file=file, line=start, message=msg))
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        answer, problem = _row(cells, program=program, roster=roster)
        if answer is None:
            problems.append(Problem(file=file, line=start, message=problem))
        else:
            answers.append(answer)
    if problems:
        raise ProblemsError(problems, hint="nothing was imported; fix these rows and run again")
    return answers


def _row(cells: dict[str, str], *, program: Program, roster: Roster) -> tuple[Checkin | None, str]:
    try:
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        return None, "date: expected a date as YYYY-MM-DD"
    try:
        score = int(cells["score"])
    except ValueError:
        return None, "score: expected a whole number from 1 to 5"
    wants_help = parse_bool(cells.get("wants_help", ""))
    if wants_help is None:
        return None, "wants_help: expected yes or no"
    challenges = [c.strip() for c in cells.get("challenges", "").split(";") if c.strip()]
    person = cells["person"]
    text = cells.get("text", "")
    try:
        answer = build_checkin(
            program=program,
            roster=roster,
            person=person,
            date=date,
            score=score,
            challenges=challenges,
            text=text,
            wants_help=wants_help,
        )
    except InputError as exc:
        return None, exc.message
    return answer, ""
