"""Figures about how the program ran: participation, sessions and status flags over time."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import TYPE_CHECKING, Any

from rmcli.dates import add_months
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.roster import ROLES
from rmcli.schedule.plan import plan_sessions
from rmcli.status import status_of

if TYPE_CHECKING:
    from rmcli.folder import Snapshot

ON_TIME_DAYS = 7  # as `rmcli status`: held within a week of its planned date


def participation(
    *, roster: Roster, matches: MatchesFile, respondents: dict[str, int]
) -> dict[str, Any]:
    """Return people and respondents per role, response rates and the number of matches."""
    people = {r: len(roster.role(r)) for r in ROLES}
    return {
        "people": people,
        "matches": len(matches.matches),
        "response_rate": {
            r: (round(respondents.get(r, 0) / people[r], 3) if people[r] else None) for r in ROLES
        },
    }


def session_figures(
    *, program: Program, matches: MatchesFile, sessions: SessionsFile, as_of: dt.date
) -> dict[str, Any]:
    """Return planned (in all, and due by as_of), held, held on time and median minutes."""
    plan = [p for p in plan_sessions(program=program, matches=matches) if p.kind == "match"]
    when = {(p.match, p.number): p.date for p in plan}
    known = {m.id for m in matches.matches}
    held = [
        r for r in sessions.sessions if r.status == "held" and r.date <= as_of and r.match in known
    ]
    grace = dt.timedelta(days=ON_TIME_DAYS)
    on_time = sum(
        1
        for r in held
        if (r.match, r.number) in when and r.date <= when[(r.match, r.number)] + grace
    )
    minutes = [r.minutes for r in held if r.minutes > 0]
    return {
        "planned": len(plan),
        "due": sum(p.date <= as_of for p in plan),
        "held": len(held),
        "held_on_time": on_time,
        "cancelled": sum(
            r.status == "cancelled" and r.date <= as_of and r.match in known
            for r in sessions.sessions
        ),
        "median_minutes": statistics.median(minutes) if minutes else None,
    }


def month_ends(program: Program, as_of: dt.date) -> list[dt.date]:
    """Return the last day of every program month up to as_of (as_of for the running month)."""
    days: list[dt.date] = []
    for month in range(1, program.months + 1):
        last = add_months(program.start, month) - dt.timedelta(days=1)
        if add_months(program.start, month - 1) > as_of:
            break
        days.append(min(last, as_of))
    return days


def flag_history(snapshot: Snapshot, *, as_of: dt.date) -> list[dict[str, Any]]:
    """Return, per flag code, how many matches ever raised it at a month's end."""
    ever: dict[str, set[str]] = {}
    hints: dict[str, str] = {}
    months: dict[str, list[int]] = {}
    for index, day in enumerate(month_ends(snapshot.program, as_of), start=1):
        status = status_of(snapshot, as_of=day)
        for match in status.matches:
            for flag in match.flags:
                ever.setdefault(flag.code, set()).add(match.id)
                hints.setdefault(flag.code, flag.hint)
                if index not in months.setdefault(flag.code, []):
                    months[flag.code].append(index)
    return [
        {"code": code, "hint": hints[code], "matches": len(ids), "months": months[code]}
        for code, ids in sorted(ever.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
