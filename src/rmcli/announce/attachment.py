"""The calendar attached to a person's introduction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from rmcli.models import MatchesFile, Program, Roster
from rmcli.schedule.calendar import Key, person_calendar
from rmcli.schedule.plan import PlannedSession


def person_ics(
    *,
    person: str,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: list[PlannedSession],
    folder: Path,
    descriptions: Mapping[Key, str],
    stamp: dt.datetime,
) -> bytes:
    """Return one person's calendar, as `rmcli schedule --ics-dir` writes it."""
    return person_calendar(
        program=program,
        roster=roster,
        matches=matches,
        sessions=sessions,
        person=person,
        folder=folder,
        stamp=stamp,
        descriptions=descriptions,
    ).encode("utf-8")
