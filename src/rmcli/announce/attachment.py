"""The calendar attached to a person's introduction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rmcli.models import Program, Roster
from rmcli.schedule.calendar import build_calendar
from rmcli.schedule.plan import PlannedSession


def person_ics(
    *,
    person: str,
    program: Program,
    roster: Roster,
    sessions: list[PlannedSession],
    describe: Callable[[PlannedSession], str],
    stamp: dt.datetime,
) -> bytes:
    """Return one person's calendar: every session of the program they take part in."""
    own = [s for s in sessions if person in s.people]
    return build_calendar(
        program=program, roster=roster, sessions=own, describe=describe, stamp=stamp
    )
