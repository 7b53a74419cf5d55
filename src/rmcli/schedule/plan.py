"""Turn a program's plan and its matches into dated sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any, Literal
from zoneinfo import ZoneInfo

from rmcli.dates import add_months
from rmcli.errors import ActionNeeded
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.program import Topic
from rmcli.schedule.changes import Change, changes_of
from rmcli.schedule.place import Series, Span, Unplaced, hours_of, place
from rmcli.words import say

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
    start: dt.datetime  # timezone-aware, in program.calendar.timezone; `date` is its day there
    minutes: int
    month: int  # 1-based program month the session belongs to
    topic: Topic | None
    first: bool
    last: bool
    people: tuple[str, ...]  # ids, juniors first
    part: int = 1  # with a biweekly cadence: 1 or 2 within the month
    parts: int = 1  # sessions of this series in the month
    total: int = 1  # sessions in this match's (or the cohort's) series
    window: tuple[dt.date, dt.date] | None = None  # the days placement may choose from
    sequence: int = 0  # how often the organiser moved or cancelled it (iCalendar SEQUENCE)
    cancelled: bool = False
    teacher: Literal["junior", "senior", ""] = ""  # peer format: who teaches; "" = both
    group: bool = False  # group format: a moderated discussion of several people
    project: str = ""  # project format: the id of the match's project
    project_plan: bool = False  # the session follows the project, not the month's topic

    @property
    def end(self) -> dt.datetime:
        """Return when the session ends."""
        return self.start + dt.timedelta(minutes=self.minutes)


def copied(session: PlannedSession, own: dict[str, Any]) -> PlannedSession:
    """Return `replace(session, **own)`, without the dataclass `__init__`.

    Its frozen `__init__` sets its 22 fields one by one: a tenth of a second for a 10,000
    people program; a session has no other state, and the round-trip tests compare them.
    A copy of a session's fields keeps the table of names all sessions share (`dict | dict`
    copies it as it is), a third of the memory of a new one.
    """
    fresh: PlannedSession = object.__new__(PlannedSession)
    object.__setattr__(fresh, "__dict__", vars(session) | own)
    return fresh


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
    """Return the timezone-aware start of a session on `day` at the program's preferred time."""
    hour, minute = (int(part) for part in program.calendar.time.split(":"))
    return dt.datetime.combine(
        day, dt.time(hour, minute), tzinfo=ZoneInfo(program.calendar.timezone)
    )


@dataclass(frozen=True)
class Schedule:
    """Every planned session, and those that found no free time shared by all their people."""

    sessions: list[PlannedSession]
    unplaced: list[Unplaced]
    # by id, the sessions placed as drafted: the match sessions of one number share every
    # field but their match's (match, people, project, project_plan), so `plan_json` reads
    # them once (the cohort has one session a number)
    drafted: dict[int, PlannedSession] = field(default_factory=dict, compare=False, repr=False)


def plan_sessions(
    *,
    program: Program,
    matches: MatchesFile,
    roster: Roster | None = None,
    log: SessionsFile | None = None,
) -> list[PlannedSession]:
    """Return every session of every match plus the cohort sessions, by (date, match, number)."""
    return plan_schedule(program=program, matches=matches, roster=roster, log=log).sessions


def plan_schedule(
    *,
    program: Program,
    matches: MatchesFile,
    roster: Roster | None = None,
    log: SessionsFile | None = None,
    changes: dict[tuple[str, int], Change] | None = None,
) -> Schedule:
    """Return the sessions placed in their people's shared working hours, none overlapping.

    Without a roster everyone works the program's hours in its zone. A session logged as
    moved with a new day or time (`to`) keeps it; unplaced sessions stay at their wanted day
    and the preferred time, listed in `unplaced`. `changes` are `changes_of(log)` when the
    caller has them.
    """
    if changes is None:
        changes = changes_of(log)
    numbers = _numbers(program)
    owns = _owns(program, matches)
    changed = {match for match, _number in changes}
    # every match the log did not change is placed from one tuple of spans
    spans = tuple(_span(program, session, None) for session in numbers)
    series = [
        _series(program, own["match"], own["people"], numbers, changes)
        if own["match"] in changed
        else Series(own["match"], own["people"], spans)
        for own in owns
    ]
    cohort = _cohort_sessions(program=program, matches=matches) if matches.matches else []
    others = [_series(program, COHORT, cohort[0].people, cohort, changes)] if cohort else []
    hours = hours_of(program=program, roster=roster)
    placed = place(program=program, hours=hours, series=[*series, *others])
    plain: list[dict[str, Any]] = []  # matches whose every session is as drafted
    odd: list[tuple[dict[str, Any], Series]] = []  # the others
    drafted_starts: dict[int, bool] = {}  # by id: matches placed alike share their starts
    for own, one in zip(owns, series, strict=True):
        starts = placed.series.get(one.match)
        if one.spans is spans and starts is not None:
            same = drafted_starts.get(id(starts))
            if same is None:
                same = drafted_starts[id(starts)] = _as_drafted(starts, numbers)
            if same:
                plain.append(own)
                continue
        odd.append((own, one))
    # number by number, each number's matches by id: the order sessions are sorted in, so
    # that the sort finds it nearly done (and reads them in the order they were made)
    kept = [copied(session, own) for session in numbers for own in plain]
    drafts = [
        (one, index, copied(session, own))
        for index, session in enumerate(numbers)
        for own, one in odd
    ]
    drafts += [(one, index, session) for one in others for index, session in enumerate(cohort)]
    sessions = list(kept)
    for one, index, draft in drafts:
        change = changes.get((draft.match, draft.number))
        session = _settled(draft, start=placed.start(one, index), change=change)
        sessions.append(session)
        if session is draft:
            kept.append(draft)
    sessions.sort(key=_in_order)
    drafted = dict(zip(map(id, kept), kept, strict=True))
    return Schedule(sessions=sessions, unplaced=placed.unplaced, drafted=drafted)


def _as_drafted(starts: tuple[dt.datetime | None, ...], drafts: list[PlannedSession]) -> bool:
    """Return whether every session starts where it was drafted (None: unplaced, so it does)."""
    return all(
        start is None or _same_start(start, draft.start)
        for start, draft in zip(starts, drafts, strict=True)
    )


def _settled(
    draft: PlannedSession, *, start: dt.datetime | None, change: Change | None
) -> PlannedSession:
    """Return a session at its placed start, with the log's count; the draft when the same."""
    sequence = change.sequence if change is not None else 0
    cancelled = change is not None and change.cancelled
    if (start is None or _same_start(start, draft.start)) and not sequence and not cancelled:
        return draft  # placed as drafted: most sessions of a big program
    if start is None:  # unplaced: it stays at its wanted day and the preferred time
        start = draft.start
    return replace(draft, date=start.date(), start=start, sequence=sequence, cancelled=cancelled)


def _same_start(start: dt.datetime, wanted: dt.datetime) -> bool:
    """Return whether a placed start is the drafted one in every field (zone and fold too)."""
    return start == wanted and start.tzinfo is wanted.tzinfo and start.fold == wanted.fold


_in_order = attrgetter("date", "match", "number")
_id = attrgetter("id")


def _days(draft: PlannedSession) -> tuple[dt.date, dt.date]:
    """Return the window of a session drafted without one: its own day."""
    return draft.date, draft.date


class CannotPlace(ActionNeeded):
    """Some sessions find no time all their people share: the schedule would overlap."""

    def __init__(self, unplaced: list[Unplaced]) -> None:
        self.found = describe_unplaced(unplaced)
        super().__init__(
            self.found[0],
            hint=say(
                "give these people wider `hours` in roster.toml, fewer matches (capacity), "
                "or a lighter [cadence] in program.toml"
            ),
        )

    def lines(self) -> list[str]:
        return self.found


def describe_unplaced(unplaced: list[Unplaced]) -> list[str]:
    """Return one line per match without shared hours, and one per session without free time."""
    found: list[str] = []
    short: set[str] = set()
    for item in unplaced:
        match, number = item.key
        if item.moved:
            found.append(
                say(
                    "session {number} of match {match} was moved to {day}, when one of its "
                    "people has another session; move it again with `rmcli log --to`",
                    number=number,
                    match=match,
                    day=item.earliest.isoformat(),
                )
            )
            continue
        if item.shared_minutes < item.minutes:
            if match not in short:
                short.add(match)
                values = {
                    "match": match,
                    "shared": item.shared_minutes,
                    "minutes": item.minutes,
                    "missing": item.minutes - item.shared_minutes,
                }
                found.append(
                    say(
                        "cohort meetings: the whole cohort shares {shared} min of working hours "
                        "a day, a meeting needs {minutes} min ({missing} min short)",
                        **values,
                    )
                    if match == COHORT
                    else say(
                        "match {match}: its people share {shared} min of working hours a day, "
                        "a session needs {minutes} min ({missing} min short)",
                        **values,
                    )
                )
            continue
        found.append(
            say(
                "session {number} of match {match}: no time shared by all its people "
                "from {earliest} to {latest} without overlapping another of their sessions",
                number=number,
                match=match,
                earliest=item.earliest.isoformat(),
                latest=item.latest.isoformat(),
            )
        )
    return found


def _series(
    program: Program,
    match: str,
    people: tuple[str, ...],
    drafts: list[PlannedSession],
    changes: dict[tuple[str, int], Change],
) -> Series:
    """Return what placement reads of a match's sessions (or the cohort's), as the log left them."""
    spans = (_span(program, draft, changes.get((match, draft.number))) for draft in drafts)
    return Series(match, people, tuple(spans))


def _span(program: Program, draft: PlannedSession, change: Change | None) -> Span:
    """Return what placement reads of a session, moved where the log moved it."""
    moved = change.to if change is not None else None  # kept when later logged as held
    if isinstance(moved, dt.datetime):
        at = moved.replace(tzinfo=ZoneInfo(program.calendar.timezone))
        return Span(draft.number, draft.minutes, at.date(), at.date(), at.date(), at=at)
    if isinstance(moved, dt.date):
        return Span(draft.number, draft.minutes, moved, moved, moved)
    return Span(draft.number, draft.minutes, draft.date, *(draft.window or _days(draft)))


def _numbers(program: Program) -> list[PlannedSession]:
    """Return each match session on its wanted day at the preferred time, of no match yet.

    Every match meets on the same days: each day's start, topic and teacher are worked out
    once, and a match's sessions are these with its own fields (`_owns`).
    """
    dates = match_dates(program)
    parts = 2 if program.cadence.one_to_one == "biweekly" else 1
    windows = _windows(program, dates)
    total = len(dates)
    return [
        PlannedSession(
            match="",
            number=number,
            kind="match",
            date=day,
            start=session_start(program, day),
            minutes=program.session_minutes,
            month=month,
            topic=program.topic_for_month(month),
            first=number == 1,
            last=number == total,
            people=(),
            part=part,
            parts=parts,
            total=total,
            window=window,
            teacher=teacher_of(program, number=number, total=total, month=month),
            group=program.format == "group",
        )
        for number, ((month, part, day), window) in enumerate(
            zip(dates, windows, strict=True), start=1
        )
    ]


def _owns(program: Program, matches: MatchesFile) -> list[dict[str, Any]]:
    """Return the fields of each match's sessions that are its own, the matches by id."""
    by_project = program.plan == "project"
    return [
        {
            "match": match.id,
            "people": tuple(match.people),
            "project": match.project or "",
            "project_plan": by_project and bool(match.project),
        }
        for match in sorted(matches.matches, key=_id)
    ]


def _windows(
    program: Program, dates: list[tuple[int, int, dt.date]]
) -> list[tuple[dt.date, dt.date]]:
    """Return the days each session of a series may move within: its month, between neighbours."""
    windows = []
    one_day = dt.timedelta(days=1)
    for index, (month, _part, day) in enumerate(dates):
        earliest = month_start(program, month)
        if index:
            earliest = max(earliest, dates[index - 1][2] + one_day)
        latest = month_last_day(program, month)
        if index + 1 < len(dates):
            latest = min(latest, dates[index + 1][2] - one_day)
        windows.append((min(earliest, day), max(latest, day)))
    return windows


def teacher_of(
    program: Program, *, number: int, total: int, month: int
) -> Literal["junior", "senior", ""]:
    """Return who teaches a peer pair's session: the topic's choice, else in turn.

    The first session (getting to know each other) and the last (the retrospective)
    belong to both; in between the junior teaches the even-numbered sessions and the
    senior the odd-numbered ones, so both sides teach as often.
    """
    if program.format != "peer" or number in (1, total):
        return ""
    topic = program.topic_for_month(month)
    if topic is not None and topic.teacher:
        return topic.teacher
    return "junior" if number % 2 == 0 else "senior"


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
            window=(
                min(day, month_start(program, month)),
                max(day, month_last_day(program, month)),
            ),
        )
        for number, (month, day) in enumerate(dates, start=1)
    ]


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def status_of(session: PlannedSession, *, log: SessionsFile, as_of: dt.date) -> Status:
    """Return what became of a session: as logged, else passed or upcoming by date."""
    return status_in(logged_statuses(log), session, as_of=as_of)


def logged_statuses(log: SessionsFile) -> dict[tuple[str, int], Status]:
    """Return (match, number) -> the logged status, the last record of a session winning.

    Last, as planning (`changes_of`) and the status timeline read a session logged twice
    (which `validate` reports), so that no two commands tell it apart.
    """
    return {(record.match, record.number): record.status for record in log.sessions}


def status_in(
    logged: dict[tuple[str, int], Status], session: PlannedSession, *, as_of: dt.date
) -> Status:
    """Return a session's status from an index made by `logged_statuses`."""
    found = logged.get((session.match, session.number))
    if found is not None:
        return found
    return "passed" if session.date < as_of else "upcoming"


def next_session(
    sessions: list[PlannedSession], *, match: str, log: SessionsFile
) -> PlannedSession | None:
    """Return the first session of a match that has not been logged as held."""
    return next_sessions(sessions, log=log).get(match)


def next_sessions(
    sessions: list[PlannedSession], *, log: SessionsFile
) -> dict[str, PlannedSession]:
    """Return match id -> its first session not logged as held, for every such match."""
    held = {(r.match, r.number) for r in log.latest() if r.status == "held"}
    found: dict[str, PlannedSession] = {}
    for s in sessions:
        if s.match not in found and (s.match, s.number) not in held:
            found[s.match] = s
    return found
