"""Figures about how the program ran: participation, sessions and status flags over time."""

from __future__ import annotations

import datetime as dt
import statistics
from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING, Any

from rmcli.dates import add_months
from rmcli.evaluation.anonymity import Hidden, minimum
from rmcli.evaluation.kept import Counts, kept_counts
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.roster import ROLES
from rmcli.progress import Progress, due, quiet
from rmcli.schedule.plan import PlannedSession, plan_sessions
from rmcli.status.compute import flags_by_match
from rmcli.status.rules import CHALLENGE_FLAGS, HINTS
from rmcli.words import say, translation

if TYPE_CHECKING:
    from rmcli.folder import Snapshot

ON_TIME_DAYS = 7  # as `rmcli status`: held within a week of its planned date


def in_matches(roster: Roster, matches: MatchesFile) -> Roster:
    """Return the evaluation's population: the roster's people who are in a match."""
    matched = {person for m in matches.matches for person in m.people}
    return Roster(people=[p for p in roster.people if p.id in matched], org=roster.org)


def participation(
    *, roster: Roster, matches: MatchesFile, respondents: dict[str, int]
) -> dict[str, Any]:
    """Return matched people and respondents per role, response rates and the number of matches.

    Only people in a match took part; the others of the roster are counted apart, by why
    they are left out (not a volunteer, or a volunteer in no match).
    """
    population = in_matches(roster, matches)
    people = {r: len(population.role(r)) for r in ROLES}
    inside = {p.id for p in population.people}
    others = [p for p in roster.people if p.id not in inside]
    return {
        "people": people,
        "left_out": {
            "not_volunteer": sum(not p.volunteer for p in others),
            "unmatched": sum(p.volunteer for p in others),
        },
        "matches": len(matches.matches),
        "response_rate": {
            r: (round(respondents.get(r, 0) / people[r], 3) if people[r] else None) for r in ROLES
        },
    }


def session_figures(
    *,
    program: Program,
    matches: MatchesFile,
    sessions: SessionsFile,
    as_of: dt.date,
    planned: list[PlannedSession],
) -> dict[str, Any]:
    """Return planned (in all, and due by as_of), held, held on time and median minutes.

    `planned` is the program's schedule (`plan_sessions`). One pass over the log counts
    every figure; a record's program month is found by bisecting the months' starts.
    """
    plan = [p for p in planned if p.kind == "match"]
    when = {(p.match, p.number): p.date for p in plan}
    known = {m.id for m in matches.matches}
    count = len(month_ends(program, as_of))
    rows = [{"month": m, "due": 0, "held": 0, "cancelled": 0} for m in range(1, count + 1)]
    due = 0
    for p in plan:
        if p.date <= as_of:
            due += 1
            if 1 <= p.month <= count:
                rows[p.month - 1]["due"] += 1
    starts = [add_months(program.start, m) for m in range(1, count + 1)]  # of months 2, 3, ...
    month_of: dict[dt.date, int] = {}  # a day's program month, or 0 (a big log has few days)
    grace = dt.timedelta(days=ON_TIME_DAYS)
    held = on_time = cancelled = 0
    minutes: list[int] = []
    for r in sessions.latest():
        day, status = r.date, r.status
        if day > as_of or (status != "held" and status != "cancelled") or r.match not in known:
            continue
        if status == "held":
            held += 1
            planned_on = when.get((r.match, r.number))
            on_time += planned_on is not None and day <= planned_on + grace
            if r.minutes > 0:
                minutes.append(r.minutes)
        else:
            cancelled += 1
        month = month_of.get(day)
        if month is None:
            month = month_of[day] = bisect_right(starts, day) + 1 if day >= program.start else 0
        if 1 <= month <= count:
            rows[month - 1][status] += 1
    return {
        "planned": len(plan),
        "due": due,
        "held": held,
        "held_on_time": on_time,
        "cancelled": cancelled,
        "median_minutes": statistics.median(minutes) if minutes else None,
        "by_month": rows,
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


def flag_history(
    snapshot: Snapshot,
    *,
    as_of: dt.date,
    planned: list[PlannedSession] | None = None,
    progress: Progress = quiet,
    min_group: int | None = None,
) -> tuple[list[dict[str, Any]], list[Hidden]]:
    """Return, per flag code, how many matches raised it at each month's end, and what is held back.

    The challenges come from confidential check-ins: a count of matches below the
    program's minimum group (or `min_group`, when a comparison raises it) is held back
    (null), as survey figures are.
    """
    program = snapshot.program
    limit = minimum(program.privacy.min_group if min_group is None else min_group)
    plan = planned
    if plan is None:
        plan = plan_sessions(
            program=program,
            matches=snapshot.matches,
            roster=snapshot.roster,
            log=snapshot.sessions,
        )
    days = month_ends(program, as_of)

    def recount() -> Counts:
        return _count(snapshot, days=days, planned=plan, progress=progress)

    kept = kept_counts(snapshot, days=days, planned=plan, count=recount)
    ever, raised = kept.ever, kept.raised
    by_month: dict[str, dict[int, int]] = {}
    for (code, index), count in raised.items():
        by_month.setdefault(code, {})[index] = count
    _ = translation(program.language).gettext
    hints = {code: _(HINTS[code]) for code in ever}
    history: list[dict[str, Any]] = []
    hidden: list[Hidden] = []
    for code, matches in sorted(ever.items(), key=lambda kv: (-kv[1], kv[0])):
        counts = by_month[code]
        entry: dict[str, Any] = {
            "code": code,
            "hint": hints[code],
            "matches": matches,
            "months": sorted(counts),
            "by_month": {str(m): n for m, n in sorted(counts.items())},
        }
        if code in CHALLENGE_FLAGS:
            if matches < limit:
                entry["matches"] = None
                hidden.append(Hidden("challenge", code, "small", limit))
            entry["by_month"] = {
                m: (n if n >= limit else None) for m, n in entry["by_month"].items()
            }
        history.append(entry)
    return history, hidden


def _count(
    snapshot: Snapshot, *, days: list[dt.date], planned: list[PlannedSession], progress: Progress
) -> Counts:
    """Return how many matches raised each flag in some month, and in each of `days`."""
    ever: Counter[str] = Counter()  # code -> matches raising it in some month
    raised: Counter[tuple[str, int]] = Counter()  # (code, month) -> matches raising it then
    phase = say("status at each month's end")
    found = flags_by_match(
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=snapshot.sessions,
        checkins=snapshot.checkins,
        planned=planned,
        days=days,
    )
    total = len(snapshot.matches.matches)
    for done, (_match, codes_by_day) in enumerate(found, start=1):
        if due(done, total):
            progress(phase, done, total)
        mine: set[str] = set()
        for index, codes in enumerate(codes_by_day, start=1):
            if codes:
                raised.update([(code, index) for code in set(codes)])
                mine.update(codes)
        ever.update(mine)
    return Counts(ever=ever, raised=raised)
