"""A match's log keeps its counts as records are added; its median is statistics.median's."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import given
from hypothesis import strategies as st

from rmcli.models import SessionRecord
from rmcli.status.log import Log

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
