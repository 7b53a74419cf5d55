"""Check, store and import participants' check-in answers (`rmcli checkin`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.models import Program, Roster
from rmcli.models.checkins import CHALLENGES, Checkin, CheckinsFile
from rmcli.words import N_, translation

CHECKINS_FILE = "checkins.toml"
LATE_DAYS = 31  # a last check-in may come this long after the program's end

CHALLENGE_LABELS: dict[str, str] = {  # English; challenge_labels() translates
    "junior-hesitant": N_("The junior does not dare to speak openly"),
    "senior-not-serious": N_("The senior does not take it seriously"),
    "no-time": N_("No time for the sessions"),
    "unclear-expectations": N_("Unclear expectations"),
    "other": N_("Something else"),
}


def challenge_labels(language: str) -> dict[str, str]:
    """Return each challenge code with its label in a language, in the order to offer them."""
    _ = translation(language).gettext
    return {code: _(text) for code, text in CHALLENGE_LABELS.items()}


def load_checkins(folder: Path) -> CheckinsFile:
    """Return checkins.toml, or no answers when none is recorded yet."""
    from rmcli.folder import read_file

    return read_file(folder, CHECKINS_FILE, CheckinsFile, missing_ok=True).model


def build_checkin(
    *,
    program: Program,
    roster: Roster,
    person: str,
    date: dt.date,
    score: int,
    challenges: list[str],
    text: str = "",
    wants_help: bool = False,
) -> Checkin:
    """Return a checked answer, or raise InputError naming the value that is wrong."""
    problem = check_answer(
        program=program,
        roster=roster,
        person=person,
        date=date,
        score=score,
        challenges=challenges,
        text=text,
    )
    if problem:
        raise InputError(problem)
    return Checkin.model_validate(
        {
            "person": person,
            "date": date,
            "score": score,
            "challenges": list(dict.fromkeys(challenges)),
            "text": text,
            "wants_help": wants_help,
        }
    )


def check_answer(
    *,
    program: Program,
    roster: Roster,
    person: str,
    date: dt.date,
    score: int,
    challenges: list[str],
    text: str,
) -> str:
    """Return what is wrong with an answer as `key: message`, or "" when it is fine."""
    if roster.get(person) is None:
        return f"person: {person!r} is not in the roster"
    last = program.end() + dt.timedelta(days=LATE_DAYS)
    if not program.start <= date <= last:
        return (
            f"date: {date.isoformat()} is outside the program "
            f"({program.start.isoformat()} to {last.isoformat()})"
        )
    if not 1 <= score <= 5:
        return "score: expected a whole number from 1 (badly) to 5 (very well)"
    unknown = [c for c in challenges if c not in CHALLENGES]
    if unknown:
        return f"challenges: unknown code; expected some of {', '.join(CHALLENGES)}"
    if len(text) > 20000:
        return "text: expected at most 20000 characters"
    return ""


def put_checkins(*, checkins: CheckinsFile, answers: list[Checkin]) -> tuple[CheckinsFile, int]:
    """Return the file with `answers` added (same person and day: replaced), and replacements."""
    by_key = {(c.person, c.date): c for c in checkins.checkins}
    replaced = 0
    for answer in answers:
        replaced += (answer.person, answer.date) in by_key
        by_key[(answer.person, answer.date)] = answer
    ordered = sorted(by_key.values(), key=lambda c: (c.date, c.person))
    return CheckinsFile(checkins=ordered), replaced


def checkin_file_problems(folder: Path) -> list[Problem]:
    """Return the problems of checkins.toml: its schema, and people not in the roster."""
    from rmcli.folder import ROSTER_FILE
    from rmcli.io.toml import locate, read_model

    path = folder / CHECKINS_FILE
    found, errors = read_model(CheckinsFile, path, file=str(path), missing_ok=True)
    if found is None or errors or not path.exists():
        return errors
    roster, _ = read_model(Roster, folder / ROSTER_FILE, file=ROSTER_FILE)
    if roster is None:
        return []  # the roster's own problems are reported by the main check
    text = path.read_text(encoding="utf-8-sig")
    known = set(roster.by_id())
    return [
        Problem(
            str(path),
            "names someone who is not in the roster",
            "checkins.person",
            locate(text, ("checkins", index, "person")),
        )
        for index, answer in enumerate(found.checkins)
        if answer.person not in known
    ]


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
