"""Turn a program's plan and its matches into dated sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from rmcli.dates import add_months
from rmcli.models import MatchesFile, Program, SessionsFile
from rmcli.models.program import Topic

COHORT = "cohort"  # the match id of the whole-cohort group sessions
COHORT_MIN_MINUTES = 90  # a cohort session gives every pair a turn, so it runs longer
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
Status = Literal["held", "cancelled", "moved", "passed", "upcoming"]


@dataclass(frozen=True)
class PlannedSession:
    """One session in the schedule: a match's 1:1 (or group) meeting, or a cohort meeting."""

    match: str  # match id; "cohort" for the whole-cohort group sessions
    number: int  # 1-based within that match's series (cohort sessions numbered separately)
    kind: Literal["match", "cohort"]
    date: dt.date
    start: dt.datetime  # timezone-aware, in program.calendar.timezone
    minutes: int
    month: int  # 1-based program month the session belongs to
    topic: Topic | None
    first: bool
    last: bool
    people: tuple[str, ...]  # ids, juniors first
    part: int = 1  # with a biweekly cadence: 1 or 2 within the month
    parts: int = 1  # sessions of this series in the month
    total: int = 1  # sessions in this match's (or the cohort's) series

    @property
    def end(self) -> dt.datetime:
        """Return when the session ends."""
        return self.start + dt.timedelta(minutes=self.minutes)


def month_start(program: Program, month: int) -> dt.date:
    """Return the first day of a 1-based program month (clamped for short months)."""
    return add_months(program.start, month - 1)


def month_last_day(program: Program, month: int) -> dt.date:
    """Return the last day of a 1-based program month."""
    return add_months(program.start, month) - dt.timedelta(days=1)


def working_day(day: dt.date, *, skip: frozenset[dt.date], not_before: dt.date) -> dt.date:
    """Return `day` or the nearest usable working day: later that week, earlier, then onwards."""
    if _usable(day, skip):
        return day
    monday = day - dt.timedelta(days=day.weekday())
    same_week = [monday + dt.timedelta(days=i) for i in range(5)]
    later = [d for d in same_week if d > day and _usable(d, skip)]
    if later:
        return later[0]
    earlier = [d for d in reversed(same_week) if not_before <= d < day and _usable(d, skip)]
    if earlier:
        return earlier[0]
    candidate = monday + dt.timedelta(days=7)
    while not _usable(candidate, skip):
        candidate += dt.timedelta(days=1)
    return candidate


def _usable(day: dt.date, skip: frozenset[dt.date]) -> bool:
    return day.weekday() < 5 and day not in skip


def first_weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    """Return the first date with this weekday (0 = Monday) on or after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def last_weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """Return the last date with this weekday (0 = Monday) on or before `day`."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def match_dates(program: Program) -> list[tuple[int, int, dt.date]]:
    """Return (month, part, date) of every session of one match, in order."""
    weekday = WEEKDAYS.index(program.calendar.weekday)
    skip = frozenset(program.calendar.skip)
    parts = 2 if program.cadence.one_to_one == "biweekly" else 1
    dates: list[tuple[int, int, dt.date]] = []
    for month in range(1, program.months + 1):
        first = first_weekday_on_or_after(month_start(program, month), weekday)
        for part in range(parts):
            wanted = first + dt.timedelta(days=14 * part)
            if dates and wanted <= dates[-1][2]:
                # A long closure pushed the previous session this far: keep them on separate days.
                wanted = dates[-1][2] + dt.timedelta(days=1)
            floor = max(first, dates[-1][2] + dt.timedelta(days=1)) if dates else first
            dates.append((month, part + 1, working_day(wanted, skip=skip, not_before=floor)))
    return dates


def cohort_months(program: Program) -> list[int]:
    """Return the months after which the whole cohort meets (every third month and the last)."""
    if program.cadence.group != "quarterly":
        return []
    months = list(range(3, program.months + 1, 3))
    if program.months not in months:
        months.append(program.months)
    return months


def cohort_dates(program: Program) -> list[tuple[int, dt.date]]:
    """Return (month, date) of every cohort session: the month's last planned weekday."""
    weekday = WEEKDAYS.index(program.calendar.weekday)
    skip = frozenset(program.calendar.skip)
    found = []
    for month in cohort_months(program):
        wanted = last_weekday_on_or_before(month_last_day(program, month), weekday)
        found.append(
            (month, working_day(wanted, skip=skip, not_before=month_start(program, month)))
        )
    return found


def cohort_minutes(program: Program) -> int:
    """Return the length of a cohort session: at least 90 minutes, never shorter than a 1:1."""
    return max(COHORT_MIN_MINUTES, program.session_minutes)


def session_start(program: Program, day: dt.date) -> dt.datetime:
    """Return the timezone-aware start of a session on `day`."""
    hour, minute = (int(part) for part in program.calendar.time.split(":"))
    return dt.datetime.combine(
        day, dt.time(hour, minute), tzinfo=ZoneInfo(program.calendar.timezone)
    )


def plan_sessions(*, program: Program, matches: MatchesFile) -> list[PlannedSession]:
    """Return every session of every match plus the cohort sessions, by (date, match, number)."""
    planned: list[PlannedSession] = []
    dates = match_dates(program)
    parts = 2 if program.cadence.one_to_one == "biweekly" else 1
    for match in matches.matches:
        people = tuple(match.people)
        for number, (month, part, day) in enumerate(dates, start=1):
            planned.append(
                PlannedSession(
                    match=match.id,
                    number=number,
                    kind="match",
                    date=day,
                    start=session_start(program, day),
                    minutes=program.session_minutes,
                    month=month,
                    topic=program.topic_for_month(month),
                    first=number == 1,
                    last=number == len(dates),
                    people=people,
                    part=part,
                    parts=parts,
                    total=len(dates),
                )
            )
    if matches.matches:
        planned.extend(_cohort_sessions(program=program, matches=matches))
    planned.sort(key=lambda s: (s.date, s.match, s.number))
    return planned


def _cohort_sessions(*, program: Program, matches: MatchesFile) -> list[PlannedSession]:
    juniors = _unique(j for m in matches.matches for j in m.juniors)
    seniors = _unique(s for m in matches.matches for s in m.seniors)
    dates = cohort_dates(program)
    return [
        PlannedSession(
            match=COHORT,
            number=number,
            kind="cohort",
            date=day,
            start=session_start(program, day),
            minutes=cohort_minutes(program),
            month=month,
            topic=program.topic_for_month(month),
            first=number == 1,
            last=number == len(dates),
            people=(*juniors, *seniors),
            total=len(dates),
        )
        for number, (month, day) in enumerate(dates, start=1)
    ]


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def status_of(session: PlannedSession, *, log: SessionsFile, as_of: dt.date) -> Status:
    """Return what became of a session: as logged, else passed or upcoming by date."""
    for record in log.sessions:
        if record.match == session.match and record.number == session.number:
            return record.status
    return "passed" if session.date < as_of else "upcoming"


def next_session(
    sessions: list[PlannedSession], *, match: str, log: SessionsFile
) -> PlannedSession | None:
    """Return the first session of a match that has not been logged as held."""
    held = {r.number for r in log.sessions if r.match == match and r.status == "held"}
    return next((s for s in sessions if s.match == match and s.number not in held), None)
