"""Compute the status of a whole program as of a day, from its files as models."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from rmcli.models import Match, MatchesFile, Program, Roster, SessionRecord, SessionsFile
from rmcli.models.checkins import Checkin, CheckinsFile
from rmcli.schedule.plan import PlannedSession, plan_sessions
from rmcli.status.flags import Codes, Facts, raise_flags
from rmcli.status.log import Log
from rmcli.status.model import Flag, MatchStatus, ProgramStatus, Success, Upcoming
from rmcli.status.rules import GRACE_DAYS, STREAK_SUCCESS, UPCOMING_DAYS

if TYPE_CHECKING:
    from rmcli.folder import Snapshot

_GRACE = dt.timedelta(days=GRACE_DAYS)


def status_of(
    snapshot: Snapshot, *, as_of: dt.date, planned: list[PlannedSession] | None = None
) -> ProgramStatus:
    """Return the status of a loaded program folder as of a day.

    `planned` is the program's schedule when the caller has it already (it does not
    depend on the day): the evaluation asks for the status at every month's end.
    """
    return compute_status(
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=snapshot.sessions,
        checkins=snapshot.checkins,
        as_of=as_of,
        planned=planned,
    )


def compute_status(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: SessionsFile,
    checkins: CheckinsFile,
    as_of: dt.date,
    planned: list[PlannedSession] | None = None,
) -> ProgramStatus:
    """Return the figures and flags of every match as of a day; later records are ignored."""
    if planned is None:
        planned = plan_sessions(program=program, matches=matches, roster=roster, log=sessions)
    answers = _latest(checkins, as_of=as_of)
    grace = dt.timedelta(days=GRACE_DAYS)
    results: list[MatchStatus] = []
    on_time = past_due = 0
    for series in _series(matches=matches, roster=roster, sessions=sessions, planned=planned):
        facts = _facts(
            series,
            program=program,
            as_of=as_of,
            latest={p: answers[p] for p in series.people if p in answers},
        )
        held = {r.number: r for r in facts.held}  # of a number logged twice: the last
        for p in series.plan:
            record = held.get(p.number)
            if record is not None:
                past_due += 1
                on_time += record.date <= p.date + grace
            elif p.date + grace < as_of:
                past_due += 1
        results.append(_match_status(series, facts=facts, flags=raise_flags(facts)))
    return ProgramStatus(
        as_of=as_of,
        name=program.name,
        start=program.start,
        end=program.end(),
        matches=results,
        on_time=on_time,
        past_due=past_due,
        upcoming=_upcoming(planned, sessions=sessions, as_of=as_of),
        successes=_successes(results),
    )


def flags_by_match(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: SessionsFile,
    checkins: CheckinsFile,
    planned: list[PlannedSession],
    days: list[dt.date],
) -> Iterator[tuple[str, list[list[str]]]]:
    """Yield every match's id and its flags' codes on each of `days` as `compute_status`.

    The plan, the log and the check-ins are indexed once, and each match's log is walked
    once over the days in order (`days` may come in any order, and repeat).
    """
    answers = _answers_by_person(checkins)
    walk = sorted(set(days))
    for series in _series(matches=matches, roster=roster, sessions=sessions, planned=planned):
        swept = list(_sweep(series, program=program, answers=answers, days=walk))
        if walk != days:  # else each day is its own place in `walk` (month ends are)
            found = dict(zip(walk, swept, strict=True))
            swept = [found[day] for day in days]
        yield series.match.id, swept


def _sweep(
    series: _Series, *, program: Program, answers: dict[str, Answers], days: list[dt.date]
) -> Iterator[list[str]]:
    """Yield a match's flags' codes on each of `days` (ascending), adding its records as they come."""
    mine = {p: answers[p] for p in series.people if p in answers}
    # the days its people answered: the latest answers change only on the first day after one
    changes = sorted({day for said_on, _kept in mine.values() for day in said_on})
    seen = 0  # how many of `changes` are on or before the previous day
    codes = Codes()
    latest: dict[str, Checkin] = {}
    sides = _side_last(series, latest)
    for day, log in zip(days, _logs(series, days=days), strict=True):
        if day < program.start:
            yield []  # as `Codes`: no flags before the start
            continue
        if seen < len(changes) and changes[seen] <= day:
            # a new answer: a new dict, so that `codes` checks the answers again
            seen = bisect_right(changes, day)
            latest = {}
            for person, kept in mine.items():
                if (answer := _answer_on(kept, day)) is not None:
                    latest[person] = answer
            sides = _side_last(series, latest)
        facts = _facts(series, program=program, as_of=day, latest=latest, log=log, side_last=sides)
        yield codes(facts)


def _logs(series: _Series, *, days: list[dt.date]) -> Iterator[Log]:
    """Yield a match's log as of each of `days` (ascending); one log grows when it can."""
    records = series.records
    dates = list(map(_date, records))
    if dates != sorted(dates):
        for day in days:  # a session logged before an earlier-numbered one: filter each day
            yield _log(series, as_of=day)
        return
    log = Log(juniors=series.juniors, teachers=series.teachers, planned=series.by_date)
    added = 0
    for day in days:
        upto = bisect_right(dates, day)
        for record in records[added:upto]:
            log.add(record)
        added = upto
        yield log


class _Series(NamedTuple):
    """One match: its people still on the roster, its plan and its whole log, by number.

    A named tuple, not a frozen dataclass: `status` makes one for each of 5,000 matches.
    """

    match: Match
    juniors: tuple[str, ...]
    seniors: tuple[str, ...]
    people: tuple[str, ...]  # the juniors, then the seniors
    plan: list[PlannedSession]  # its 1:1 (or group) sessions, by number
    records: list[SessionRecord]  # every record logged for it, by number
    teachers: dict[int, str]  # peer: session number -> who teaches
    last_logged: dt.date | None  # the latest day of a record
    plan_dates: list[dt.date]  # of `plan`, ascending
    by_date: list[int]  # the numbers of `plan`, in the order of `plan_dates`


def _series(
    *, matches: MatchesFile, roster: Roster, sessions: SessionsFile, planned: list[PlannedSession]
) -> list[_Series]:
    """Return every match with its plan and log, grouped once (a big program has thousands)."""
    known = set(roster.by_id())
    plans: dict[str, list[PlannedSession]] = defaultdict(list)
    for p in planned:
        if p.kind == "match":
            plans[p.match].append(p)
    logs: dict[str, list[SessionRecord]] = defaultdict(list)
    for r in sessions.latest():
        logs[r.match].append(r)
    found = []
    for match in matches.matches:
        plan = plans[match.id]
        plan.sort(key=_number)
        dates = list(map(_date, plan))
        if dates == sorted(dates):  # numbered in date order, as nearly always: sorted by both
            by_date, plan_dates = plan, dates
        else:
            by_date = sorted(plan, key=_date)
            plan_dates = list(map(_date, by_date))
        records = logs[match.id]
        records.sort(key=_number)  # stable: as in the file
        juniors, seniors = _known(match.juniors, known), _known(match.seniors, known)
        found.append(
            _Series(
                match,
                juniors,
                seniors,
                juniors + seniors,
                plan,
                records,
                {p.number: p.teacher for p in plan if p.teacher},
                max(map(_date, records)) if records else None,
                plan_dates,
                list(map(_number, by_date)),
            )
        )
    return found


def _known(people: list[str], known: set[str]) -> tuple[str, ...]:
    """Return those of `people` still on the roster (nearly always all of them)."""
    if known.issuperset(people):
        return tuple(people)
    return tuple([p for p in people if p in known])


_number = attrgetter("number")
_date = attrgetter("date")


def _facts(
    series: _Series,
    *,
    program: Program,
    as_of: dt.date,
    latest: dict[str, Checkin],
    log: Log | None = None,
    side_last: dict[str, dt.date | None] | None = None,
) -> Facts:
    """Return what is known about a match as of a day, from `latest` answers of its people.

    `log` and `side_last` are the match's log as of the day and `_side_last(latest)` when
    the caller has them.
    """
    if log is None:
        log = _log(series, as_of=as_of)
    return Facts(
        as_of=as_of,
        program=program,
        juniors=series.juniors,
        seniors=series.seniors,
        log=log,
        due=bisect_right(series.plan_dates, as_of),
        # the planned sessions late by as_of: planned before as_of less the grace days
        overdue=log.overdue(bisect_left(series.plan_dates, as_of - _GRACE)),
        latest=latest,
        side_last=_side_last(series, latest) if side_last is None else side_last,
    )


def _side_last(series: _Series, latest: dict[str, Checkin]) -> dict[str, dt.date | None]:
    """Return the day of the latest answer of anyone on each side of a match."""
    return {"juniors": _last(series.juniors, latest), "seniors": _last(series.seniors, latest)}


def _last(people: tuple[str, ...], latest: dict[str, Checkin]) -> dt.date | None:
    """Return the day of the latest answer of any of `people`, if any answered."""
    found = None
    for person in people:  # a loop, not max() over a generator: the flag history asks often
        answer = latest.get(person)
        if answer is not None and (found is None or answer.date > found):
            found = answer.date
    return found


def _log(series: _Series, *, as_of: dt.date) -> Log:
    """Return a match's log as of a day."""
    if series.last_logged is None or series.last_logged <= as_of:
        records = series.records
    else:
        records = [r for r in series.records if r.date <= as_of]
    return Log.of(records, juniors=series.juniors, teachers=series.teachers, planned=series.by_date)


def _match_status(series: _Series, *, facts: Facts, flags: list[Flag]) -> MatchStatus:
    records, held, plan, as_of = facts.records, facts.held, series.plan, facts.as_of
    streak = 0
    for record in reversed(records):
        if record.status != "held":
            break
        streak += 1
    statuses = [r.status for r in records]
    logged = {r.number for r in records}
    # the sessions past their grace days: the first of the plan by date (as `_facts` counts)
    past = series.by_date[: bisect_left(series.plan_dates, as_of - _GRACE)]
    return MatchStatus(
        id=series.match.id,
        juniors=facts.juniors,
        seniors=facts.seniors,
        held=len(held),
        due=facts.due,
        planned=len(plan),
        cancelled=statuses.count("cancelled"),
        moved=statuses.count("moved"),
        overdue=facts.overdue,
        last=max([r.date for r in held]) if held else None,
        next=next((p.date for p in plan if p.date >= as_of and p.number not in logged), None),
        median_minutes=float(facts.log.median_minutes) if held else None,
        areas=tuple(sorted({r.area for r in held if r.area})),
        streak=streak,
        all_held=bool(held) and {r.number for r in held}.issuperset(past),
        flags=flags,
    )


def _latest(checkins: CheckinsFile, *, as_of: dt.date) -> dict[str, Checkin]:
    """Return each person's most recent answer on or before `as_of`."""
    found: dict[str, Checkin] = {}
    for answer in checkins.checkins:
        earlier = found.get(answer.person)
        if answer.date <= as_of and (earlier is None or answer.date > earlier.date):
            found[answer.person] = answer
    return found


# A person's answers as (days ascending, the answer `_latest` keeps for each day).
Answers = tuple[list[dt.date], list[Checkin]]


def _answers_by_person(checkins: CheckinsFile) -> dict[str, Answers]:
    """Return each person's answers by day; of two on one day the first in the file wins."""
    kept: dict[str, dict[dt.date, Checkin]] = defaultdict(dict)
    for answer in checkins.checkins:
        kept[answer.person].setdefault(answer.date, answer)
    found: dict[str, Answers] = {}
    for person, by_day in kept.items():
        days = sorted(by_day)
        found[person] = (days, [by_day[d] for d in days])
    return found


def _answer_on(answers: Answers | None, day: dt.date) -> Checkin | None:
    """Return the answer `_latest` finds for a person as of a day, from `_answers_by_person`."""
    if answers is None:
        return None
    days, kept = answers
    index = bisect_right(days, day)
    return kept[index - 1] if index else None


def _upcoming(
    planned: list[PlannedSession], *, sessions: SessionsFile, as_of: dt.date
) -> list[Upcoming]:
    horizon = as_of + dt.timedelta(days=UPCOMING_DAYS)
    soon = [p for p in planned if as_of <= p.date <= horizon]
    numbers = {p.number for p in soon}  # a few: only records of these numbers are looked up
    logged = {
        (r.match, r.number) for r in sessions.sessions if r.number in numbers and r.date <= as_of
    }
    return [
        Upcoming(
            match=p.match,
            number=p.number,
            kind=p.kind,
            date=p.date,
            topic=p.topic.title if p.topic else "",
            teacher=p.teacher,
        )
        for p in soon
        if (p.match, p.number) not in logged
    ]


def _successes(matches: list[MatchStatus]) -> list[Success]:
    """Return what to celebrate; a match that needs the organiser's action has earned none."""
    found: list[Success] = []
    for match in matches:
        if any(f.action for f in match.flags):
            continue
        if match.all_held:
            found.append(Success(match=match.id, code="all-held", count=match.held))
        if match.streak >= STREAK_SUCCESS:
            found.append(Success(match=match.id, code="streak", count=match.streak))
    return found
