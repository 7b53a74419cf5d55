"""Shared working hours from IANA time zones, on a given day, 9-17 local time."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

WORKDAY_HOURS = 8.0  # 9:00-17:00 local


@cache
def utc_offset_hours(zone: str, day: dt.date) -> float:
    """Return a zone's offset from UTC in hours at noon on `day`."""
    moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone))
    offset = moment.utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def overlap_hours(zone_a: str, zone_b: str, day: dt.date) -> float:
    """Return how many hours of two 9-17 local working days coincide on `day`."""
    gap = abs(utc_offset_hours(zone_a, day) - utc_offset_hours(zone_b, day)) % 24
    gap = min(gap, 24 - gap)
    return max(0.0, WORKDAY_HOURS - gap)
