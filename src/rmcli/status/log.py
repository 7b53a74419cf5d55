"""A match's log up to a day, with the running counts the flag checks and the figures read."""

from __future__ import annotations

import datetime as dt
from bisect import insort
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rmcli.models import SessionRecord

DONE = ("held", "moved")  # a logged session in these states is not overdue


class Log:
    """A match's records in session-number order, and what the checks count in them.

    `status` fills one in a single walk of the records up to its day (`walk`); the flag
    history adds the records one by one as it walks the days, so that each day costs only
    its new records.
    """

    def __init__(
        self, *, juniors: tuple[str, ...], teachers: dict[int, str], planned: Sequence[int] = ()
    ) -> None:
        self.juniors = juniors
        self.teachers = teachers  # peer: session number -> who teaches
        self.planned = planned  # the plan's session numbers by planned date, for `overdue`
        self._late: dict[int, int] = {}  # of the first `_lates` planned: each number's count
        self._lates = 0
        self._missing = 0  # of those: how many are not done
        self.records: list[SessionRecord] = []
        self.held: list[SessionRecord] = []
        self.done: set[int] = set()  # numbers of the held or moved records
        self.off_technology = 0  # held in another area, or none
        self.shared = 0  # held with senior_shared answered
        self.any_shared = False
        self.led = 0  # held with led_by named
        self.junior_led = False
        self.sides: list[str] = []  # "junior"/"senior": who taught each held one, when known
        self._minutes: list[int] = []  # of the held records, ascending

    def add(self, record: SessionRecord) -> None:
        """Count a record numbered at or after every record before it."""
        self.records.append(record)
        status, number = record.status, record.number
        if status in DONE and number not in self.done:
            self.done.add(number)
            self._missing -= self._late.get(number, 0)
        if status != "held":
            return
        self.held.append(record)
        insort(self._minutes, record.minutes)
        self.off_technology += record.area != "technology"
        if record.senior_shared is not None:
            self.shared += 1
            self.any_shared = self.any_shared or record.senior_shared
        if led_by := record.led_by:
            self.led += 1
            junior = led_by in self.juniors
            self.junior_led = self.junior_led or junior
            self.sides.append("junior" if junior else "senior")
        elif teacher := self.teachers.get(number):
            self.sides.append(teacher)

    @property
    def median_minutes(self) -> float:
        """Return the median minutes of the held records (there is at least one)."""
        # as statistics.median: the middle one, or the mean of the middle two (a float)
        minutes = self._minutes
        half = len(minutes) // 2
        return minutes[half] if len(minutes) % 2 else (minutes[half - 1] + minutes[half]) / 2

    def overdue(self, lates: int) -> int:
        """Return how many of the first `lates` planned sessions are not done.

        A log that grows is asked with `lates` that grow: each planned session is counted once.
        """
        if lates < self._lates:
            self._late.clear()
            self._lates = self._missing = 0
        late, done = self._late, self.done
        for number in self.planned[self._lates : lates]:
            late[number] = late.get(number, 0) + 1  # not a Counter: no call for a new number
            self._missing += number not in done
        self._lates = lates
        return self._missing


class Kept(NamedTuple):
    """What `status` reads of a match's records up to a day besides its `Log`."""

    logged: dict[int, str]  # number -> the status of its last record
    held_on: dict[int, dt.date]  # number -> the day of its last record, when that was held
    cancelled: int
    moved: int
    streak: int  # held in a row, counted back from the last record
    last: dt.date | None  # the latest day of a held record
    areas: tuple[str, ...]  # named by the held records, sorted


def walk(
    records: Iterable[SessionRecord],
    *,
    as_of: dt.date,
    juniors: tuple[str, ...],
    teachers: dict[int, str],
    planned: Sequence[int] = (),
) -> tuple[Log, Kept]:
    """Return the log of these records (by session number) up to a day and what else is kept.

    One walk that reads each record once, its counts in local names, instead of a pass per
    count or `Log.add` per record: `status` makes one for each of 5,000 matches. The log
    counts what `add` counts (a fresh log has no late sessions to subtract).
    """
    log = Log(juniors=juniors, teachers=teachers, planned=planned)
    kept, held, done, minutes, sides = log.records, log.held, log.done, log._minutes, log.sides
    logged: dict[int, str] = {}
    held_on: dict[int, dt.date] = {}
    areas: set[str] = set()
    cancelled = moved = streak = off_technology = shared = led = 0
    any_shared = junior_led = False
    last: dt.date | None = None
    for record in records:
        day = record.date
        if day > as_of:
            continue
        kept.append(record)
        number, status = record.number, record.status
        logged[number] = status
        if status != "held":
            streak = 0
            if status == "cancelled":
                cancelled += 1
                continue
            moved += 1
            done.add(number)
            continue
        done.add(number)
        held_on[number] = day
        streak += 1
        held.append(record)
        if last is None or day > last:
            last = day
        minutes.append(record.minutes)
        if area := record.area:
            areas.add(area)
        off_technology += area != "technology"
        if (said := record.senior_shared) is not None:
            shared += 1
            any_shared = any_shared or said
        if led_by := record.led_by:
            led += 1
            junior = led_by in juniors
            junior_led = junior_led or junior
            sides.append("junior" if junior else "senior")
        elif teacher := teachers.get(number):
            sides.append(teacher)
    minutes.sort()
    log.off_technology, log.shared, log.any_shared = off_technology, shared, any_shared
    log.led, log.junior_led = led, junior_led
    return log, Kept(logged, held_on, cancelled, moved, streak, last, tuple(sorted(areas)))
