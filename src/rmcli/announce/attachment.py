"""The calendar attached to a person's introduction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rmcli.models import MatchesFile, Program, Roster
from rmcli.schedule.agenda import render_outline
from rmcli.schedule.calendar import build_calendar
from rmcli.schedule.plan import PlannedSession

if TYPE_CHECKING:
    import jinja2


def person_ics(
    *,
    person: str,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: list[PlannedSession],
    env: jinja2.Environment,
    stamp: dt.datetime,
) -> bytes:
    """Return one person's calendar: every session of the program they take part in."""
    own = [s for s in sessions if person in s.people]
    return build_calendar(
        program=program,
        roster=roster,
        sessions=own,
        describe=lambda s: render_outline(
            env=env, program=program, roster=roster, matches=matches, session=s
        ),
        stamp=stamp,
    )
