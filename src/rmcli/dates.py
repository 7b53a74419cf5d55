"""Calendar arithmetic that the standard library leaves out."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

# The days rmcli accepts anywhere: a sane range keeps date arithmetic (a program's end, the
# weeks of a plan, an --as-of far ahead) clear of the calendar's own limits.
FIRST_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)


@lru_cache(maxsize=4096)  # pure: a big program asks for its few month boundaries thousands of times
def add_months(day: dt.date, months: int) -> dt.date:
    """Return `day` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
