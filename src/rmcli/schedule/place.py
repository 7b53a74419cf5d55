"""Place sessions in time: inside the working hours all their people share, never two at once.

Every session has a wanted day (the plan's weekday in its month). Placement looks at that
day first, then the later days up to the next session of the series, then the earlier ones
back to the previous session; on each day it takes the free start closest to the program's
`[calendar] time`, on a quarter-hour grid. A start is free when it falls inside every
person's working hours (their zone, hours and working days, off the program's holidays) and
none of them has another session then. Sessions with the most people are placed first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from rmcli.models import Program, Roster
from rmcli.models.program import WEEKDAYS
from rmcli.models.zones import parse_hours
from rmcli.schedule.apart import Order, apart, order, rank

STEP = 15 * 60  # seconds between candidate starts
DAY = 24 * 3600


@dataclass(frozen=True)
class Hours:
    """When one person works: a zone, local hours, working weekdays and holidays."""

    zone: str
    start: int  # minutes after local midnight
    end: int
    days: frozenset[int]  # 0 = Monday
    holidays: frozenset[dt.date]

    def fits(self, start: int, minutes: int) -> bool:
        """Return whether a session from epoch second `start` lies in these working hours."""
        return self.fits_local(_local(self.zone, start), minutes)

    def fits_local(self, local: tuple[int, dt.date, int], minutes: int) -> bool:
        """Return whether a session at a local (weekday, day, minute) lies in these hours."""
        weekday, day, begin = local
        return (
            weekday in self.days
            and day not in self.holidays
            and self.start <= begin
            and begin + minutes <= self.end
        )


class Wish(NamedTuple):
    """One session to place: who meets, how long, the day it belongs on and its window.

    A named tuple, not a frozen dataclass: a big program makes 60,000 of them, 3x faster.
    """

    key: tuple[str, int]  # (match, number)
    people: tuple[str, ...]
    minutes: int
    wanted: dt.date
    earliest: dt.date
    latest: dt.date
    at: dt.datetime | None = None  # a time fixed by the organiser (a moved session)


class Span(NamedTuple):
    """What placement reads of one session of a series besides its match and people."""

    number: int
    minutes: int
    wanted: dt.date
    earliest: dt.date
    latest: dt.date
    at: dt.datetime | None = None  # a time fixed by the organiser (a moved session)


class Series(NamedTuple):
    """One match's sessions to place: its people, the same in each, and each number once.

    The matches whose sessions the log did not change share one tuple of spans, so a big
    program's placement works per match, and per pattern (`apart`), not per session.
    """

    match: str
    people: tuple[str, ...]
    spans: tuple[Span, ...]

    def wish(self, span: Span) -> Wish:
        """Return one of its sessions as a session to place on its own."""
        key = (self.match, span.number)
        return Wish(
            key, self.people, span.minutes, span.wanted, span.earliest, span.latest, span.at
        )


@dataclass(frozen=True)
class Unplaced:
    """A session that found no free time shared by all its people in its window."""

    key: tuple[str, int]
    earliest: dt.date
    latest: dt.date
    shared_minutes: int  # the working time its people share on a day; 0 = none at all
    minutes: int
    moved: bool = False  # moved by the organiser onto another session of its people


@dataclass(frozen=True)
class Placement:
    """Where each session starts, and the sessions that could not be placed."""

    starts: dict[tuple[str, int], dt.datetime]  # of the sessions placed one by one
    # of a match placed apart: each session's start in the order of its spans (None: it is
    # unplaced); the matches placed alike share one tuple
    series: dict[str, tuple[dt.datetime | None, ...]]
    unplaced: list[Unplaced]

    def start(self, series: Series, index: int) -> dt.datetime | None:
        """Return where the session of a series' span `index` starts (None: it found no time)."""
        found = self.series.get(series.match)
        if found is not None:
            return found[index]
        return self.starts.get((series.match, series.spans[index].number))


def hours_of(*, program: Program, roster: Roster | None) -> dict[str, Hours]:
    """Return everyone's working hours: their own zone and hours, else the program's."""
    days = frozenset(WEEKDAYS.index(d) for d in program.schedule.days)
    holidays = program.holidays()
    found: dict[str, Hours] = {}
    kinds: dict[tuple[str, str], Hours] = {}  # thousands of people share a few
    for person in roster.people if roster else []:
        kind = (person.timezone, person.hours or program.schedule.hours)
        hours = kinds.get(kind)
        if hours is None:
            start, end = parse_hours(kind[1])
            hours = kinds[kind] = Hours(kind[0], start, end, days, holidays)
        found[person.id] = hours
    return found


def default_hours(program: Program) -> Hours:
    """Return the working hours of someone the roster does not know: the program's."""
    start, end = parse_hours(program.schedule.hours)
    days = frozenset(WEEKDAYS.index(d) for d in program.schedule.days)
    return Hours(program.calendar.timezone, start, end, days, program.holidays())


def place(*, program: Program, hours: dict[str, Hours], series: Iterable[Series]) -> Placement:
    """Return a start for every session that fits, and those that do not.

    The sessions go in `order`; a match placed apart from all later ones (`apart`) goes
    last instead, as it reads nothing they book, and is copied from one placed alike.
    """
    placer = _Placer(program=program, hours=hours)
    listed = [one for one in series if one.spans]
    alone = apart(listed)
    each = (one.wish(span) for one in listed if one.match not in alone for span in one.spans)
    for wish in sorted(each, key=order):
        placer.add(wish)
    for one in alone.values():
        placer.add_alike(one)
    return placer.placement()


def place_each(*, program: Program, hours: dict[str, Hours], series: Iterable[Series]) -> Placement:
    """Return what `place` returns, placing every session one by one (what it must equal)."""
    placer = _Placer(program=program, hours=hours)
    for wish in sorted((one.wish(span) for one in series for span in one.spans), key=order):
        placer.add(wish)
    return placer.placement()


def shared_minutes(*, program: Program, people: list[Hours], day: dt.date) -> int:
    """Return how many minutes of `day` (the program's zone) lie in everyone's working hours."""
    base = _midnight(program, day)
    count = sum(
        1
        for start in range(base, base + DAY, STEP)
        if all(h.fits(start, STEP // 60) for h in dict.fromkeys(people))
    )
    return count * STEP // 60


# a series placed apart: each session's start in the order of its spans, and the unplaced
_Alike = tuple[tuple[dt.datetime | None, ...], list[tuple[int, Unplaced]]]


class _Placer:
    def __init__(self, *, program: Program, hours: dict[str, Hours]) -> None:
        self.program = program
        self.hours = hours
        self.fallback = default_hours(program)
        self.zone = _zone(program.calendar.timezone)
        hour, minute = (int(p) for p in program.calendar.time.split(":"))
        self.preferred = hour * 3600 + minute * 60
        # (person, epoch day) -> their sessions that day (one spanning midnight: on both days)
        self.busy: dict[tuple[str, int], list[tuple[int, int]]] = {}
        # Everyone's hours numbered once: thousands of people share a few distinct ones.
        self.numbers: dict[Hours, int] = {}
        self.profiles: list[Hours] = []
        self.number_of: dict[str, int] = {}
        self.numbers_of: dict[tuple[str, ...], tuple[int, ...]] = {}  # a match's sessions: one
        self.fitting_cache: dict[tuple[tuple[int, ...], dt.date, int], list[int]] = {}
        self.order_cache: dict[int, list[int]] = {}
        self.moment_cache: dict[int, dt.datetime] = {}
        self.shared_cache: dict[tuple[tuple[int, ...], dt.date], int] = {}
        self.booked: dict[str, list[tuple[int, int]]] = {}  # person -> their sessions so far
        # a match placed apart, by all it reads -> its starts, and its unplaced sessions by index
        self.alike: dict[tuple[object, ...], _Alike] = {}
        self.patterns: dict[tuple[Span, ...], int] = {}
        self.pattern_of: dict[int, int] = {}  # by a tuple's id: its number in `patterns`
        self.starts: dict[tuple[str, int], dt.datetime] = {}
        self.series: dict[str, tuple[dt.datetime | None, ...]] = {}
        self.missed: list[tuple[Order, Unplaced]] = []

    def placement(self) -> Placement:
        """Return what was placed; the unplaced sessions in placement order, as one by one."""
        unplaced = [u for _, u in sorted(self.missed, key=itemgetter(0))]
        return Placement(starts=self.starts, series=self.series, unplaced=unplaced)

    def add(self, wish: Wish) -> None:
        """Place one session: keep its start, or it as unplaced."""
        done = self._place(wish)
        if isinstance(done, int):
            self.starts[wish.key] = self._moment(done)
        else:
            self._miss(wish, done)

    def _place(self, wish: Wish) -> int | Unplaced:
        """Book one session: return its start (epoch seconds), or it as unplaced.

        A session fixed at a time when one of its people is busy is booked and listed unplaced.
        """
        profiles = self._profiles(wish.people)
        if wish.at is not None:
            start = int(wish.at.timestamp())
            if not self._free(wish.people, start, wish.minutes):
                unplaced = Unplaced(wish.key, wish.earliest, wish.latest, 0, wish.minutes, True)
                self._miss(wish, unplaced)
            self._book(wish, start)
            return start
        for day in _days(wish):
            for start in self._fitting(profiles, day, wish.minutes):
                if self._free(wish.people, start, wish.minutes):
                    self._book(wish, start)
                    return start
        shared = self.shared_cache.get((profiles, wish.wanted))
        if shared is None:
            people = [self.profiles[n] for n in profiles]
            shared = shared_minutes(program=self.program, people=people, day=wish.wanted)
            self.shared_cache[profiles, wish.wanted] = shared
        return Unplaced(wish.key, wish.earliest, wish.latest, shared, wish.minutes)

    def add_alike(self, series: Series) -> None:
        """Place a match placed apart (`apart`): as one alike in all it reads, else one by one.

        It reads its people's hours, what was booked for them before it and its sessions'
        spans; a copy books nothing, as no later session shares its people.
        """
        people = series.people
        before = sorted({b for p in people for b in self.booked.get(p, ())})
        key = (self._profiles(people), tuple(before), self._pattern(series.spans))
        found = self.alike.get(key)
        if found is None:
            found = self.alike[key] = self._each(series)
        starts, missed = found
        self.series[series.match] = starts
        for index, unplaced in missed:
            span = series.spans[index]
            self._miss(series.wish(span), replace(unplaced, key=(series.match, span.number)))

    def _pattern(self, spans: tuple[Span, ...]) -> int:
        """Return the number of a tuple of spans: equal spans, equal numbers.

        Most matches share one tuple: each tuple is hashed once, found again by its id (`place`
        holds every series until it returns, so no other tuple can take that id meanwhile).
        """
        found = self.pattern_of.get(id(spans))
        if found is None:
            found = self.patterns.setdefault(spans, len(self.patterns))
            self.pattern_of[id(spans)] = found
        return found

    def _each(self, series: Series) -> _Alike:
        """Place a series' sessions one by one, in placement order."""
        spans = series.spans
        starts: list[dt.datetime | None] = [None] * len(spans)
        missed: list[tuple[int, Unplaced]] = []
        for index in sorted(range(len(spans)), key=lambda i: rank(spans[i])):
            done = self._place(series.wish(spans[index]))
            if isinstance(done, int):
                starts[index] = self._moment(done)
            else:
                missed.append((index, done))
        return tuple(starts), missed

    def _miss(self, wish: Wish, unplaced: Unplaced) -> None:
        self.missed.append((order(wish), unplaced))

    def _profiles(self, people: tuple[str, ...]) -> tuple[int, ...]:
        """Return the distinct numbers of these people's working hours, in order."""
        profiles = self.numbers_of.get(people)
        if profiles is None:
            profiles = tuple(dict.fromkeys(map(self._number, people)))
            self.numbers_of[people] = profiles
        return profiles

    def _number(self, person: str) -> int:
        """Return the number of a person's working hours (equal hours, equal numbers)."""
        found = self.number_of.get(person)
        if found is None:
            hours = self.hours.get(person, self.fallback)
            found = self.numbers.get(hours)
            if found is None:
                found = self.numbers[hours] = len(self.profiles)
                self.profiles.append(hours)
            self.number_of[person] = found
        return found

    def _starts(self, day: dt.date) -> list[int]:
        """Return the candidate starts of a day, the closest to the preferred time first."""
        base = _midnight(self.program, day)
        order = self.order_cache.get(base)
        if order is None:
            following = _midnight(self.program, day + dt.timedelta(days=1))
            wanted = base + self.preferred
            order = sorted(range(base, following, STEP), key=lambda s: (abs(s - wanted), s))
            self.order_cache[base] = order
        return order

    def _fitting(self, profiles: tuple[int, ...], day: dt.date, minutes: int) -> list[int]:
        """Return the starts on `day` inside everyone's working hours, best first."""
        key = (profiles, day, minutes)
        found = self.fitting_cache.get(key)
        if found is None:
            found = self._fitting_one(profiles[0], day, minutes)
            for other in profiles[1:]:
                inside = set(self._fitting_one(other, day, minutes))
                found = [start for start in found if start in inside]
            self.fitting_cache[key] = found
        return found

    def _fitting_one(self, profile: int, day: dt.date, minutes: int) -> list[int]:
        """Return the starts on `day` inside one person's working hours, best first."""
        key = ((profile,), day, minutes)
        found = self.fitting_cache.get(key)
        if found is None:
            hours = self.profiles[profile]
            local = self._locals(hours.zone, day)
            found = [s for s in self._starts(day) if hours.fits_local(local[s], minutes)]
            self.fitting_cache[key] = found
        return found

    def _locals(self, zone: str, day: dt.date) -> dict[int, tuple[int, dt.date, int]]:
        """Return the local (weekday, day, minute) in `zone` of each candidate start of a day."""
        base = _midnight(self.program, day)
        following = _midnight(self.program, day + dt.timedelta(days=1))
        starts = range(base, following, STEP)
        return dict(zip(starts, _day_in_zone(zone, base, len(starts)), strict=True))

    def _free(self, people: tuple[str, ...], start: int, minutes: int) -> bool:
        end = start + minutes * 60
        days = range(start // DAY, (end - 1) // DAY + 1)
        busy = self.busy
        for person in people:
            for day in days:
                for begin, finish in busy.get((person, day), ()):
                    if begin < end and start < finish:
                        return False
        return True

    def _book(self, wish: Wish, start: int) -> None:
        end = start + wish.minutes * 60
        days = range(start // DAY, (end - 1) // DAY + 1)
        busy = self.busy
        for person in wish.people:
            for day in days:
                busy.setdefault((person, day), []).append((start, end))
            self.booked.setdefault(person, []).append((start, end))

    def _moment(self, start: int) -> dt.datetime:
        """Return an epoch second in the program's zone, made once per moment."""
        moment = self.moment_cache.get(start)
        if moment is None:  # every pair of a big program meets at the same few moments
            moment = self.moment_cache[start] = dt.datetime.fromtimestamp(start, self.zone)
        return moment


def _days(wish: Wish) -> Iterator[dt.date]:
    """Yield the days to try: the wanted day, later ones in the window, then earlier ones."""
    one = dt.timedelta(days=1)
    day = wish.wanted
    while day <= wish.latest:
        yield day
        day += one
    day = wish.wanted - one
    while day >= wish.earliest:
        yield day
        day -= one


def _midnight(program: Program, day: dt.date) -> int:
    zone = _zone(program.calendar.timezone)
    return int(dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone).timestamp())


_ZONES: dict[str, ZoneInfo] = {}


@lru_cache(maxsize=1 << 12)
def _day_in_zone(zone: str, base: int, count: int) -> tuple[tuple[int, dt.date, int], ...]:
    """Return the local (weekday, day, minute) in `zone` of `count` quarter hours from `base`.

    Two conversions and clock arithmetic instead of one conversion per quarter hour, when the
    zone keeps one offset from the first to the last (zones change their clocks at most
    twice a year, never twice within a day); on a day it changes, each is converted.
    """
    first = dt.datetime.fromtimestamp(base, _zone(zone))
    last = dt.datetime.fromtimestamp(base + (count - 1) * STEP, _zone(zone))
    if first.utcoffset() != last.utcoffset():
        return tuple(_local(zone, base + i * STEP) for i in range(count))
    naive = first.replace(tzinfo=None)
    found = []
    for i in range(count):
        moment = naive + dt.timedelta(seconds=i * STEP)
        found.append((moment.weekday(), moment.date(), moment.hour * 60 + moment.minute))
    return tuple(found)


@lru_cache(maxsize=1 << 16)
def _local(zone: str, start: int) -> tuple[int, dt.date, int]:
    """Return the weekday, day and minute of the day an epoch second is in a zone.

    Placing a big program asks this hundreds of thousands of times for a few thousand
    distinct moments (the quarter hours of its weeks, in a handful of zones).
    """
    local = dt.datetime.fromtimestamp(start, _zone(zone))
    return local.weekday(), local.date(), local.hour * 60 + local.minute


def _zone(name: str) -> ZoneInfo:
    found = _ZONES.get(name)
    if found is None:
        found = _ZONES[name] = ZoneInfo(name)
    return found


def best_shared_minutes(*, program: Program, people: list[Hours]) -> int:
    """Return the most working minutes these people share on a day of the program's first week."""
    week = [program.start + dt.timedelta(days=i) for i in range(7)]
    return max(shared_minutes(program=program, people=people, day=day) for day in week)
