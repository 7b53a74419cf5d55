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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from rmcli.models import Program, Roster
from rmcli.models.program import WEEKDAYS
from rmcli.models.zones import parse_hours
from rmcli.schedule.apart import apart, order

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


@dataclass(frozen=True)
class Unplaced:
    """A session that found no free time shared by all its people in its window."""

    key: tuple[str, int]
    earliest: dt.date
    latest: dt.date
    shared_minutes: int  # the working time its people share on a day; 0 = none at all
    minutes: int
    moved: bool = False  # moved by the organiser onto another session of its people


@dataclass
class Placement:
    """Where each session starts, and the sessions that could not be placed."""

    starts: dict[tuple[str, int], dt.datetime] = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)


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


def place(*, program: Program, hours: dict[str, Hours], wishes: Iterable[Wish]) -> Placement:
    """Return a start for every session that fits, and those that do not.

    The sessions go in `order`; a match placed apart from all later ones (`apart`) goes
    last instead, as it reads nothing they book, and is copied from one placed alike.
    """
    placer = _Placer(program=program, hours=hours)
    ordered = sorted(wishes, key=order)
    alone = apart(ordered)
    for wish in ordered:
        if wish.key[0] not in alone:
            placer.add(wish)
    for own in alone.values():
        placer.add_alike(own)
    if alone and placer.placement.unplaced:  # listed in placement order, as placed one by one
        rank = {wish.key: index for index, wish in enumerate(ordered)}
        placer.placement.unplaced.sort(key=lambda u: rank[u.key])
    return placer.placement


def place_each(*, program: Program, hours: dict[str, Hours], wishes: Iterable[Wish]) -> Placement:
    """Return what `place` returns, placing every session one by one (what it must equal)."""
    placer = _Placer(program=program, hours=hours)
    for wish in sorted(wishes, key=order):
        placer.add(wish)
    return placer.placement


def shared_minutes(*, program: Program, people: list[Hours], day: dt.date) -> int:
    """Return how many minutes of `day` (the program's zone) lie in everyone's working hours."""
    base = _midnight(program, day)
    count = sum(
        1
        for start in range(base, base + DAY, STEP)
        if all(h.fits(start, STEP // 60) for h in dict.fromkeys(people))
    )
    return count * STEP // 60


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
        # a match placed apart, by all it reads -> each session's start, or it unplaced
        self.alike: dict[tuple[object, ...], list[int | Unplaced]] = {}
        self.placement = Placement()

    def add(self, wish: Wish) -> int | Unplaced:
        """Place one session: return its start (epoch seconds), or it as unplaced."""
        profiles = self._profiles(wish.people)
        if wish.at is not None:
            start = int(wish.at.timestamp())
            if not self._free(wish.people, start, wish.minutes):
                self.placement.unplaced.append(
                    Unplaced(wish.key, wish.earliest, wish.latest, 0, wish.minutes, moved=True)
                )
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
        unplaced = Unplaced(wish.key, wish.earliest, wish.latest, shared, wish.minutes)
        self.placement.unplaced.append(unplaced)
        return unplaced

    def add_alike(self, own: list[Wish]) -> None:
        """Place a match placed apart (`apart`): as one alike in all it reads, else one by one.

        It reads its people's hours, what was booked for them before it and its sessions'
        windows; a copy books nothing, as no later session shares its people.
        """
        people = own[0].people
        before = sorted({b for p in people for b in self.booked.get(p, ())})
        key = (self._profiles(people), tuple(before), tuple(map(_span, own)))
        found = self.alike.get(key)
        if found is None:
            self.alike[key] = [self.add(wish) for wish in own]
            return
        starts, moments = self.placement.starts, self.moment_cache  # each placed start is kept
        for wish, done in zip(own, found, strict=True):
            if isinstance(done, int):
                starts[wish.key] = moments[done]
            else:
                self.placement.unplaced.append(replace(done, key=wish.key))

    def _profiles(self, people: tuple[str, ...]) -> tuple[int, ...]:
        """Return the distinct numbers of these people's working hours, in order."""
        profiles = self.numbers_of.get(people)
        if profiles is None:
            profiles = tuple(dict.fromkeys(self._number(p) for p in people))
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
        self.placement.starts[wish.key] = self._moment(start)

    def _moment(self, start: int) -> dt.datetime:
        """Return an epoch second in the program's zone, made once per moment."""
        moment = self.moment_cache.get(start)
        if moment is None:  # every pair of a big program meets at the same few moments
            moment = self.moment_cache[start] = dt.datetime.fromtimestamp(start, self.zone)
        return moment


_span = attrgetter("minutes", "wanted", "earliest", "latest")  # what a session's placement reads


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
