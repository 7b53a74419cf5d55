"""Helpers for the tests of log, checkin and status: a matched example program."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rmcli.folder import MATCHES_FILE, load, write_owned
from rmcli.models import MatchesFile, SessionRecord, SessionsFile
from rmcli.models.checkins import Checkin, CheckinsFile

# Four pairs; lena reports to thomas, so they are not matched.
PAIRS = {
    "p-lena": ("lena", "markus"),
    "p-jonas": ("jonas", "helga"),
    "p-aylin": ("aylin", "sabine"),
    "p-noah": ("noah", "thomas"),
}
# The example's planned 1:1 dates (monthly on Tuesdays from 2027-01-11).
PLANNED = [
    dt.date(2027, 1, 12),
    dt.date(2027, 2, 16),
    dt.date(2027, 3, 16),
    dt.date(2027, 4, 13),
    dt.date(2027, 5, 11),
    dt.date(2027, 6, 15),
]
CHECKINS_FILE = "checkins.toml"


def write_matches(folder: Path) -> MatchesFile:
    """Write a matches.toml with the four pairs into a program folder and return it."""
    matches = MatchesFile.model_validate(
        {"matches": [{"id": k, "juniors": [j], "seniors": [s]} for k, (j, s) in PAIRS.items()]}
    )
    write_owned(folder, MATCHES_FILE, matches)
    return matches


def record(match: str, number: int, **values: object) -> SessionRecord:
    """Return a held session on its planned date with the plan's defaults, overridden by values."""
    data: dict[str, object] = {
        "match": match,
        "number": number,
        "date": PLANNED[number - 1],
        "minutes": 60,
        "status": "held",
        "area": ["technology", "technology", "culture", "workplace", "workplace", "culture"][
            number - 1
        ],
    }
    data.update(values)
    return SessionRecord.model_validate(data)


def sessions(*records: SessionRecord) -> SessionsFile:
    """Return a sessions file of these records."""
    return SessionsFile(sessions=list(records))


def checkins(*answers: dict[str, object]) -> CheckinsFile:
    """Return a check-ins file of these answers (dicts of Checkin fields)."""
    return CheckinsFile(checkins=[Checkin.model_validate(a) for a in answers])


def logged(folder: Path) -> list[SessionRecord]:
    """Return the records of sessions.toml, by match and number."""
    return sorted(load(folder).sessions.sessions, key=lambda r: (r.match, r.number))
