"""Check, store and import participants' check-in answers (`rmcli checkin`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.io.csv import parse_yes_no, read_csv
from rmcli.io.toml import locate
from rmcli.models import Program, Roster
from rmcli.models.checkins import CHALLENGES, Checkin, CheckinsFile
from rmcli.progress import Progress, due, quiet
from rmcli.words import N_, say, translation

if TYPE_CHECKING:
    from pathlib import Path

    from rmcli.folder import Snapshot

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


def date_problem(*, program: Program, date: dt.date) -> str:
    """Return why a day cannot have a check-in (outside the program), or "" when it can."""
    last = program.end() + dt.timedelta(days=LATE_DAYS)
    if program.start <= date <= last:
        return ""
    return "date: " + say(
        "{date} is outside the program ({start} to {end})",
        date=date.isoformat(),
        start=program.start.isoformat(),
        end=last.isoformat(),
    )


def default_day(*, program: Program, today: dt.date) -> dt.date:
    """Return the day a check-in question suggests: today, moved into the program."""
    return min(max(today, program.start), program.end())


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
        return "person: " + say("{id} is not in the roster", id=repr(person))
    if problem := date_problem(program=program, date=date):
        return problem
    if not 1 <= score <= 5:
        return "score: " + say("expected a whole number from 1 (badly) to 5 (very well)")
    unknown = [c for c in challenges if c not in CHALLENGES]
    if unknown:
        codes = ", ".join(CHALLENGES)
        return "challenges: " + say("unknown code; expected some of {codes}", codes=codes)
    if len(text) > 20000:
        return "text: " + say("expected at most {n} characters", n=20000)
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


def checkin_file_problems(snapshot: Snapshot) -> list[Problem]:
    """Return the problems of checkins.toml: its schema, and people not in the roster."""
    read = snapshot.checkins_file
    if read.loaded is None or read.problems:
        return read.problems
    roster = snapshot.roster_file.loaded
    if roster is None:
        return []  # the roster's own problems are reported by the main check
    known = set(roster.model.by_id())
    return [
        Problem(
            read.file,
            say("names someone who is not in the roster"),
            "checkins.person",
            locate(read.loaded.text, ("checkins", index, "person")),
        )
        for index, answer in enumerate(read.loaded.model.checkins)
        if answer.person not in known
    ]


CSV_COLUMNS = ("person", "date", "score", "challenges", "text", "wants_help")
CSV_REQUIRED = ("person", "date", "score")


def checkins_from_csv(
    path: Path, *, program: Program, roster: Roster, progress: Progress = quiet
) -> list[Checkin]:
    """Return the answers of a CSV export; any bad row raises every problem with its line."""
    sheet = read_csv(path, columns=CSV_COLUMNS, required=CSV_REQUIRED)
    answers: list[Checkin] = []
    problems: list[Problem] = []
    phase = say("sheet rows checked")
    for done, (line, cells) in enumerate(sheet.rows, start=1):
        if due(done, len(sheet.rows)):
            progress(phase, done, len(sheet.rows))
        answer, problem = _row(cells, program=program, roster=roster)
        if answer is None:
            problems.append(Problem(file=sheet.file, line=line, message=problem))
        else:
            answers.append(answer)
    if problems:
        hint = say("nothing was imported; fix these rows and run again")
        raise ProblemsError(problems, hint=hint)
    return answers


def _row(cells: dict[str, str], *, program: Program, roster: Roster) -> tuple[Checkin | None, str]:
    try:
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        return None, "date: " + say("expected a date as YYYY-MM-DD")
    try:
        score = int(cells["score"])
    except ValueError:
        return None, "score: " + say("expected a whole number from 1 to 5")
    try:
        wants_help = bool(parse_yes_no(cells.get("wants_help", "")))  # empty: no
    except ValueError as exc:
        return None, f"wants_help: {exc}"
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
