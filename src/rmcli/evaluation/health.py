"""Figures about how the program ran: participation, sessions and status flags over time."""

from __future__ import annotations

import datetime as dt
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rmcli.dates import add_months
from rmcli.evaluation.anonymity import Hidden, minimum
from rmcli.evaluation.kept import Counts, counted_aside, kept_counts
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.roster import ROLES
from rmcli.progress import Progress, due, quiet
from rmcli.schedule.plan import PlannedSession, plan_sessions
from rmcli.status.compute import flags_of
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
    *, roster: Roster, matches: MatchesFile, population: Roster, respondents: dict[str, int]
) -> dict[str, Any]:
    """Return matched people and respondents per role, response rates and the number of matches.

    Only people in a match took part (`population`, as `in_matches` gives it); the others of
    the roster are counted apart, by why they are left out (not a volunteer, or a volunteer
    in no match).
    """
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

    `planned` is the program's schedule (`plan_sessions`). One pass over the plan and one over
    the log collect every figure; the days are put in program months once each, by bisecting
    the months' starts (a big log has many records on few days).
    """
    grace = dt.timedelta(days=ON_TIME_DAYS)
    on_time_by: dict[tuple[str, int], dt.date] = {}  # the last day a planned session is on time
    planned_count = 0
    due_months: list[int] = []
    for p in planned:
        if p.kind == "match":
            planned_count += 1
            on_time_by[p.match, p.number] = p.date + grace
            if p.date <= as_of:
                due_months.append(p.month)
    known = {m.id for m in matches.matches}
    on_time = 0
    minutes: list[int] = []
    held_on: list[dt.date] = []
    cancelled_on: list[dt.date] = []
    for r in sessions.latest():
        day = r.date
        if day > as_of:
            continue
        status = r.status
        if status == "held":
            if r.match not in known:
                continue
            held_on.append(day)
            until = on_time_by.get((r.match, r.number))
            if until is not None and day <= until:
                on_time += 1
            if (length := r.minutes) > 0:
                minutes.append(length)
        elif status == "cancelled" and r.match in known:
            cancelled_on.append(day)
    count = len(month_ends(program, as_of))
    rows = [{"month": m, "due": 0, "held": 0, "cancelled": 0} for m in range(1, count + 1)]
    for month, n in Counter(due_months).items():
        if 1 <= month <= count:
            rows[month - 1]["due"] += n
    starts = [add_months(program.start, m) for m in range(1, count + 1)]  # of months 2, 3, ...
    for status, days in (("held", held_on), ("cancelled", cancelled_on)):
        for day, n in Counter(days).items():
            month = bisect_right(starts, day) + 1 if day >= program.start else 0
            if 1 <= month <= count:
                rows[month - 1][status] += n
    return {
        "planned": planned_count,
        "due": len(due_months),
        "held": len(held_on),
        "held_on_time": on_time,
        "cancelled": len(cancelled_on),
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


def flag_counts(
    snapshot: Snapshot,
    *,
    as_of: dt.date,
    planned: list[PlannedSession] | None = None,
    progress: Progress = quiet,
) -> Callable[[], Counts]:
    """Return a function giving how many matches raised each flag at each month's end.

    A big program's counts are counted by a child process meanwhile, where it can, and
    asked for, this process counts the matches the child has not taken yet (`kept_counts`):
    start them before other work and ask for them last.
    """
    program = snapshot.program
    plan = planned
    if plan is None:
        plan = plan_sessions(
            program=program,
            matches=snapshot.matches,
            roster=snapshot.roster,
            log=snapshot.sessions,
        )
    days = month_ends(program, as_of)
    found = flags_of(snapshot, planned=plan, days=days)
    total = len(snapshot.matches.matches)

    def recount(among: range) -> Counts:
        # a part of them is counted where a child counts the rest: no progress to show then
        told = progress if len(among) == total else quiet
        return _count(found(among), total=total, progress=told)

    return kept_counts(snapshot, days=days, planned=plan, matches=total, count=recount)


def flags_aside(snapshot: Snapshot, *, as_of: dt.date) -> bool:
    """Tell whether `flag_counts` will have a child count them, from the files as read.

    Nothing is raised here: a file with problems raises them where it is first used.
    """
    program, matches = snapshot.program_file.loaded, snapshot.matches_file.loaded
    if program is None or matches is None:
        return False
    return counted_aside(len(matches.model.matches) * len(month_ends(program.model, as_of)))


def flag_history(
    snapshot: Snapshot,
    *,
    as_of: dt.date,
    planned: list[PlannedSession] | None = None,
    progress: Progress = quiet,
    min_group: int | None = None,
    counts: Callable[[], Counts] | None = None,
) -> tuple[list[dict[str, Any]], list[Hidden]]:
    """Return, per flag code, how many matches raised it at each month's end, and what is held back.

    The challenges come from confidential check-ins: a count of matches below the
    program's minimum group (or `min_group`, when a comparison raises it) is held back
    (null), as survey figures are. `counts` are those `flag_counts` started, if it was asked.
    """
    program = snapshot.program
    limit = minimum(program.privacy.min_group if min_group is None else min_group)
    if counts is None:
        counts = flag_counts(snapshot, as_of=as_of, planned=planned, progress=progress)
    kept = counts()
    ever, raised = kept.ever, kept.raised
    by_month: dict[str, dict[int, int]] = {}
    for (code, index), count in raised.items():
        by_month.setdefault(code, {})[index] = count
    _ = translation(program.language).gettext
    hints = {code: _(HINTS[code]) for code in ever}
    history: list[dict[str, Any]] = []
    hidden: list[Hidden] = []
    for code, matches in sorted(ever.items(), key=lambda kv: (-kv[1], kv[0])):
        monthly = by_month[code]
        entry: dict[str, Any] = {
            "code": code,
            "hint": hints[code],
            "matches": matches,
            "months": sorted(monthly),
            "by_month": {str(m): n for m, n in sorted(monthly.items())},
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
    found: Iterator[tuple[str, list[list[str]]]], *, total: int, progress: Progress
) -> Counts:
    """Return how many of the matches `found` raised each flag in some month, and in each month.

    `found` is each match's codes on each month's end (`MatchFlags`); progress is told of
    the matches done of `total`.
    """
    ever: Counter[str] = Counter()  # code -> matches raising it in some month
    raised: Counter[tuple[str, int]] = Counter()  # (code, month) -> matches raising it then
    phase = say("status at each month's end")
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
