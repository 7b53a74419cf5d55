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
from rmcli.status.log import DONE, Kept, Log, walk
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


def flags_of(
    snapshot: Snapshot, *, planned: list[PlannedSession], days: list[dt.date]
) -> MatchFlags:
    """Return the flags' codes of a loaded program folder's matches on each of `days`."""
    return MatchFlags(
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=snapshot.sessions,
        checkins=snapshot.checkins,
        planned=planned,
        days=days,
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
    results: list[MatchStatus] = []
    on_time = past_due = 0
    for series in _series(matches=matches, roster=roster, sessions=sessions, planned=planned):
        log, kept = walk(
            series.records, as_of=as_of, juniors=series.juniors, teachers=series.teachers
        )
        seen = _seen(series.plan, kept=kept, as_of=as_of)
        on_time += seen.on_time
        past_due += seen.past_due
        latest = {p: answers[p] for p in series.people if p in answers}
        facts = Facts(
            as_of=as_of,
            program=program,
            juniors=series.juniors,
            seniors=series.seniors,
            log=log,
            due=seen.due,
            overdue=seen.overdue,
            latest=latest,
            side_last=_side_last(series, latest),
        )
        results.append(
            _match_status(series, facts=facts, kept=kept, seen=seen, flags=raise_flags(facts))
        )
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


class _Seen(NamedTuple):
    """What became of a match's planned sessions as of a day."""

    due: int  # planned on or before the day
    overdue: int  # past their grace days and neither held nor moved
    past_due: int  # held, or past their grace days
    on_time: int  # held within the grace days of their planned day
    missed: int  # past their grace days and not held
    next: dt.date | None  # the first by number planned from the day on and not logged


def _seen(plan: list[PlannedSession], *, kept: Kept, as_of: dt.date) -> _Seen:
    """Return what became of a match's plan (by number) as of a day, in one walk of it."""
    late = as_of - _GRACE  # a session planned before this day is past its grace days
    logged, held_on = kept.logged, kept.held_on
    due = overdue = past_due = on_time = missed = 0
    upcoming = None
    for p in plan:
        day = p.date
        due += day <= as_of
        status = logged.get(p.number)
        if status == "held":
            past_due += 1
            on_time += held_on[p.number] <= day + _GRACE
        elif day < late:
            past_due += 1
            missed += 1
            overdue += status not in DONE
        elif status is None and upcoming is None and day >= as_of:
            upcoming = day
    return _Seen(due, overdue, past_due, on_time, missed, upcoming)


class MatchFlags:
    """The flags' codes of any run of a program's matches on each of some days, as `compute_status`
    raises them on each.

    The plan, the log and the check-ins are indexed once, when the first match is asked for,
    in the process that asks (a forked child that takes some of the matches indexes them
    itself); each match's log is walked once over the days in order (`days` may come in any
    order, and repeat).
    """

    def __init__(
        self,
        *,
        program: Program,
        roster: Roster,
        matches: MatchesFile,
        sessions: SessionsFile,
        checkins: CheckinsFile,
        planned: list[PlannedSession],
        days: list[dt.date],
    ) -> None:
        self.program, self.roster, self.matches = program, roster, matches
        self.sessions, self.checkins, self.planned = sessions, checkins, planned
        self.days = days
        self._index: tuple[_Index, dict[str, Answers]] | None = None

    def __call__(self, among: range) -> Iterator[tuple[str, list[list[str]]]]:
        """Yield the id and codes on each day of the matches `among` (indices, in file order)."""
        chosen = self.matches.matches[among.start : among.stop]
        if not chosen:
            return
        if self._index is None:
            grouped = _indexed(roster=self.roster, sessions=self.sessions, planned=self.planned)
            self._index = grouped, _answers_by_person(self.checkins)
        (index, answers), program, days = self._index, self.program, self.days
        walk = sorted(set(days))
        for match in chosen:
            series = index.series(match)
            swept = list(_sweep(series, program=program, answers=answers, days=walk))
            if walk != days:  # else each day is its own place in `walk` (month ends are)
                found = dict(zip(walk, swept, strict=True))
                swept = [found[day] for day in days]
            yield match.id, swept


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
    by_date = series.plan
    plan_dates = list(map(_date, by_date))
    if plan_dates != sorted(plan_dates):  # numbered out of date order: rare
        by_date = sorted(by_date, key=_date)
        plan_dates = list(map(_date, by_date))
    numbers = list(map(_number, by_date))
    for day, log in zip(days, _logs(series, planned=numbers, days=days), strict=True):
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
        facts = Facts(
            as_of=day,
            program=program,
            juniors=series.juniors,
            seniors=series.seniors,
            log=log,
            due=bisect_right(plan_dates, day),
            # the planned sessions late by the day: planned before it less the grace days
            overdue=log.overdue(bisect_left(plan_dates, day - _GRACE)),
            latest=latest,
            side_last=sides,
        )
        yield codes(facts)


def _logs(series: _Series, *, planned: list[int], days: list[dt.date]) -> Iterator[Log]:
    """Yield a match's log as of each of `days` (ascending); one log grows when it can.

    `planned` is the plan's numbers by planned date, as `Log.overdue` counts them.
    """
    records = series.records
    dates = list(map(_date, records))
    juniors, teachers = series.juniors, series.teachers
    if dates != sorted(dates):
        for day in days:  # a session logged before an earlier-numbered one: filter each day
            yield walk(records, as_of=day, juniors=juniors, teachers=teachers, planned=planned)[0]
        return
    log = Log(juniors=juniors, teachers=teachers, planned=planned)
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
    records: list[SessionRecord]  # its log by number, a session logged twice by its last record
    teachers: dict[int, str]  # peer: session number -> who teaches


def _series(
    *, matches: MatchesFile, roster: Roster, sessions: SessionsFile, planned: list[PlannedSession]
) -> Iterator[_Series]:
    """Yield every match with its plan and log, grouped once (a big program has thousands).

    Each is ordered as it is yielded, so that its sessions and records are still in the
    processor's cache when the caller reads them.
    """
    index = _indexed(roster=roster, sessions=sessions, planned=planned)
    for match in matches.matches:
        yield index.series(match)


class _Index:
    """A program's plan and log grouped by match, and who is still on the roster."""

    def __init__(
        self,
        *,
        known: set[str],
        plans: dict[str, list[PlannedSession]],
        logs: dict[str, dict[int, SessionRecord]],
    ) -> None:
        self.known, self.plans, self.logs = known, plans, logs

    def series(self, match: Match) -> _Series:
        """Return a match with its plan and log, each ordered by number."""
        plan = self.plans[match.id]
        plan.sort(key=_number)
        by_number = self.logs[match.id]
        known = self.known
        juniors, seniors = _known(match.juniors, known), _known(match.seniors, known)
        return _Series(
            match,
            juniors,
            seniors,
            juniors + seniors,
            plan,
            [by_number[n] for n in sorted(by_number)],
            {p.number: p.teacher for p in plan if p.teacher},
        )


def _indexed(*, roster: Roster, sessions: SessionsFile, planned: list[PlannedSession]) -> _Index:
    """Return the plan and the log grouped by match, in one pass over each."""
    plans: dict[str, list[PlannedSession]] = defaultdict(list)
    for p in planned:
        if p.kind == "match":
            plans[p.match].append(p)
    logs: dict[str, dict[int, SessionRecord]] = defaultdict(dict)
    for r in sessions.sessions:
        # of a session logged twice, the last record: as `SessionsFile.latest`
        logs[r.match][r.number] = r
    return _Index(known=set(roster.by_id()), plans=plans, logs=logs)


def _known(people: list[str], known: set[str]) -> tuple[str, ...]:
    """Return those of `people` still on the roster (nearly always all of them)."""
    if known.issuperset(people):
        return tuple(people)
    return tuple([p for p in people if p in known])


_number = attrgetter("number")
_date = attrgetter("date")


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


def _match_status(
    series: _Series, *, facts: Facts, kept: Kept, seen: _Seen, flags: list[Flag]
) -> MatchStatus:
    """Return a match's figures from its log and what became of its plan."""
    log = facts.log
    held = log.held
    return MatchStatus(
        id=series.match.id,
        juniors=facts.juniors,
        seniors=facts.seniors,
        held=len(held),
        due=seen.due,
        planned=len(series.plan),
        cancelled=kept.cancelled,
        moved=kept.moved,
        overdue=seen.overdue,
        last=kept.last,
        next=seen.next,
        median_minutes=float(log.median_minutes) if held else None,
        areas=kept.areas,
        streak=kept.streak,
        all_held=bool(held) and not seen.missed,  # every session past its grace days held
        flags=flags,
    )


def _latest(checkins: CheckinsFile, *, as_of: dt.date) -> dict[str, Checkin]:
    """Return each person's most recent answer on or before `as_of`; of one day, the first."""
    found: dict[str, Checkin] = {}
    days: dict[str, dt.date] = {}  # of `found`: each answer's day, not read from it again
    for answer in checkins.checkins:
        day = answer.date
        if day <= as_of:
            person = answer.person
            earlier = days.get(person)
            if earlier is None or day > earlier:
                found[person], days[person] = answer, day
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
