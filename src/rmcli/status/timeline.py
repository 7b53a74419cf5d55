"""Every session of every match on a timeline: held, cancelled, moved, planned or overdue."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from rmcli.models import MatchesFile, SessionRecord, SessionsFile
from rmcli.schedule.plan import PlannedSession
from rmcli.status.rules import GRACE_DAYS

State = Literal["held", "cancelled", "moved", "planned", "overdue"]
STATES: tuple[State, ...] = ("held", "cancelled", "moved", "planned", "overdue")


@dataclass(frozen=True)
class Mark:
    """One session of a match: its number, the day it stands on, and what became of it."""

    number: int
    date: dt.date  # the logged day when logged, else the planned day
    state: State


def timeline(
    *,
    planned: list[PlannedSession],
    matches: MatchesFile,
    sessions: SessionsFile,
    as_of: dt.date,
) -> dict[str, list[Mark]]:
    """Return every match's sessions in date order; a session logged after as_of is planned.

    `planned` is the program's schedule (`plan_sessions`). A planned session whose week of
    grace is over and that was not logged is overdue.
    """
    logged: dict[tuple[str, int], SessionRecord] = {
        (r.match, r.number): r for r in sessions.sessions if r.date <= as_of
    }
    grace = dt.timedelta(days=GRACE_DAYS)
    found: dict[str, list[Mark]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for p in planned:
        if p.kind != "match":
            continue
        seen.add((p.match, p.number))
        record = logged.get((p.match, p.number))
        if record is not None:
            found[p.match].append(Mark(p.number, record.date, record.status))
        else:
            state: State = "overdue" if p.date + grace < as_of else "planned"
            found[p.match].append(Mark(p.number, p.date, state))
    for key, record in logged.items():
        if key not in seen:  # a session beyond the plan, logged all the same
            found[record.match].append(Mark(record.number, record.date, record.status))
    return {
        m.id: sorted(found.get(m.id, []), key=lambda k: (k.date, k.number)) for m in matches.matches
    }
