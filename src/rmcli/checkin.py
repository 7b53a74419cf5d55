"""The core of `rmcli checkin`: check, store and import participants' check-in answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rmcli.errors import InputError, Problem
from rmcli.models import Program, Roster
from rmcli.models.checkins import CHALLENGES, Checkin, CheckinsFile

CHECKINS_FILE = "checkins.toml"
LATE_DAYS = 31  # a last check-in may come this long after the program's end

CHALLENGE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "junior-hesitant": "The junior does not dare to speak openly",
        "senior-not-serious": "The senior does not take it seriously",
        "no-time": "No time for the sessions",
        "unclear-expectations": "Unclear expectations",
        "other": "Something else",
    },
    "de": {
        "junior-hesitant": "Der Junior traut sich nicht",
        "senior-not-serious": "Der Senior nimmt es nicht ernst",
        "no-time": "Keine Zeit für die Sessions",
        "unclear-expectations": "Unklare Erwartungen",
        "other": "Etwas anderes",
    },
}


def load_checkins(folder: Path) -> CheckinsFile:
    """Return checkins.toml, or no answers when none is recorded yet."""
    from rmcli import store

    return store.read(folder, CHECKINS_FILE, CheckinsFile, missing_ok=True).model


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
    from rmcli import store
    from rmcli.tomlfile import read_model
    from rmcli.tomlpos import locate

    path = folder / CHECKINS_FILE
    found, errors = read_model(CheckinsFile, path, file=str(path), missing_ok=True)
    if found is None or errors or not path.exists():
        return errors
    roster, _ = read_model(Roster, folder / store.ROSTER_FILE, file=store.ROSTER_FILE)
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
