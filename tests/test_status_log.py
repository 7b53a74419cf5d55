"""A match's log keeps its counts as records are added; its median is statistics.median's."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import given
from hypothesis import strategies as st

from rmcli.models import SessionRecord
from rmcli.status.log import Log, walk

DAY = dt.date(2027, 2, 1)


def record(number: int, minutes: int, status: str) -> SessionRecord:
    """Return a record of match m1 with this number, length and status."""
    return SessionRecord.model_validate(
        {"match": "m1", "number": number, "date": DAY, "minutes": minutes, "status": status}
    )


@given(
    st.lists(
        st.tuples(st.integers(0, 600), st.sampled_from(["held", "held", "cancelled", "moved"])),
        min_size=1,
        max_size=12,
    )
)
def test_median_minutes_is_that_of_the_held_records_so_far(drawn: list[tuple[int, str]]) -> None:
    """After each record, the median is statistics.median of the held ones' minutes (type too)."""
    log = Log(juniors=("j1",), teachers={}, planned=[])
    for number, (minutes, status) in enumerate(drawn, start=1):
        log.add(record(number, minutes, status))
        held = [r.minutes for r in log.held]
        if held:
            expected = statistics.median(held)
            assert log.median_minutes == expected
            assert type(log.median_minutes) is type(expected)


_RECORDS = st.lists(
    st.tuples(
        st.integers(1, 6),  # numbers repeat: a session logged twice
        st.sampled_from(["held", "held", "cancelled", "moved"]),
        st.sampled_from(["", "technology", "culture"]),
        st.sampled_from(["", "j1", "s1"]),  # led_by
        st.sampled_from([None, True, False]),  # senior_shared
        st.integers(0, 90),
    ),
    max_size=10,
)


def _made(
    number: int, status: str, area: str, led: str, shared: bool | None, minutes: int
) -> SessionRecord:
    """Return a record of match m1 with these values."""
    return SessionRecord.model_validate(
        {
            "match": "m1",
            "number": number,
            "date": DAY,
            "minutes": minutes,
            "status": status,
            "area": area,
            "led_by": led,
            "senior_shared": shared,
        }
    )


def _counts(log: Log) -> dict[str, object]:
    """Return everything a log tells the checks."""
    return {
        "records": log.records,
        "held": log.held,
        "done": log.done,
        "off_technology": log.off_technology,
        "shared": log.shared,
        "any_shared": log.any_shared,
        "led": log.led,
        "junior_led": log.junior_led,
        "sides": log.sides,
        "median": log.median_minutes if log.held else None,
        "overdue": [log.overdue(n) for n in range(len(log.planned) + 1)],
    }


@given(_RECORDS, _RECORDS, st.permutations([1, 2, 3, 4, 5, 6]))
def test_a_log_of_records_counts_as_one_they_were_added_to(
    drawn: list[tuple[int, str, str, str, bool | None, int]],
    later: list[tuple[int, str, str, str, bool | None, int]],
    planned: list[int],
) -> None:
    """`walk` counts what `add` counts record by record, and its log grows alike after it."""
    records = sorted((_made(*r) for r in drawn), key=lambda r: r.number)
    teachers = {2: "junior", 3: "senior"}
    added = Log(juniors=("j1",), teachers=teachers, planned=planned)
    for one in records:
        added.add(one)
    bulk, _kept = walk(records, as_of=DAY, juniors=("j1",), teachers=teachers, planned=planned)
    assert _counts(bulk) == _counts(added)
    top = max((r.number for r in records), default=1)
    for number, status, area, led, shared, minutes in later:  # each after all before, as `add` asks
        top += number
        record = _made(top, status, area, led, shared, minutes)
        bulk.add(record)
        added.add(record)
        assert _counts(bulk) == _counts(added)
