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
