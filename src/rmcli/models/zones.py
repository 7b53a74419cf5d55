"""Time-zone names checked against the IANA database."""

from __future__ import annotations

import zoneinfo
from functools import cache

from rmcli.words import say


@cache
def _available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def check_zone(value: str) -> str:
    """Return `value` if it names an IANA time zone, else raise ValueError."""
    if value not in _available():
        raise ValueError(say("expected an IANA time-zone name such as 'Europe/Berlin'"))
    return value


def parse_hours(value: str) -> tuple[int, int]:
    """Return working hours "HH:MM-HH:MM" as minutes after local midnight, or raise ValueError."""
    try:
        start, end = (_minutes(part) for part in value.split("-"))
    except ValueError:
        start = end = 0
    if not start < end:
        raise ValueError(
            say("expected working hours such as '09:00-17:00', the start before the end")
        )
    return start, end


def check_hours(value: str) -> str:
    """Return `value` if it is working hours such as "09:00-17:00", else raise ValueError."""
    parse_hours(value)
    return value


def _minutes(text: str) -> int:
    hour, minute = text.strip().split(":")
    if len(hour) != 2 or len(minute) != 2 or not (hour + minute).isdigit():
        raise ValueError(text)
    if int(hour) > 24 or int(minute) > 59 or (int(hour) == 24 and int(minute)):
        raise ValueError(text)
    return int(hour) * 60 + int(minute)
