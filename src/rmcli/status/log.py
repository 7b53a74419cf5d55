"""A match's log up to a day, with the running counts the flag checks read."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable

from rmcli.models import SessionRecord

DONE = ("held", "moved")  # a logged session in these states is not overdue


class Log:
    """A match's records in session-number order, and what the checks count in them.

    `status` fills one from the records up to its day; the flag history adds the records
    one by one as it walks the days, so that each day costs only its new records.
    """

    def __init__(
        self, *, juniors: tuple[str, ...], teachers: dict[int, str], planned: list[int]
    ) -> None:
        self.juniors = juniors
        self.teachers = teachers  # peer: session number -> who teaches
        self.planned = planned  # the plan's session numbers, by planned date
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

    @classmethod
    def of(
        cls,
        records: Iterable[SessionRecord],
        *,
        juniors: tuple[str, ...],
        teachers: dict[int, str],
        planned: list[int],
    ) -> Log:
        """Return the log of these records (in session-number order), as `add` would count them.

        A pass per count over the whole list instead of `add` per record: `status` makes
        one for each of 5,000 matches (a fresh log has no late sessions to subtract).
        """
        log = cls(juniors=juniors, teachers=teachers, planned=planned)
        log.records = kept = list(records)
        log.done = {r.number for r in kept if r.status in DONE}
        log.held = held = [r for r in kept if r.status == "held"]
        if not held:
            return log
        log._minutes = sorted([r.minutes for r in held])
        log.off_technology = len(held) - [r.area for r in held].count("technology")
        shared = [said for r in held if (said := r.senior_shared) is not None]
        log.shared, log.any_shared = len(shared), any(shared)
        sides = log.sides
        for record in held:
            if led_by := record.led_by:
                log.led += 1
                junior = led_by in juniors
                log.junior_led = log.junior_led or junior
                sides.append("junior" if junior else "senior")
            elif teacher := teachers.get(record.number):
                sides.append(teacher)
        return log

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
