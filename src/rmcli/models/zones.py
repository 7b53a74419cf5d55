"""Time-zone names checked against the IANA database."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache
from pathlib import Path

from rmcli.words import say

# Names made only of these parts hold no "." or "..", so they cannot leave the zone folder.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")
_LEFT_OUT = frozenset({"posix", "posixrules", "right"})  # available_timezones() skips these


@cache
def _available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


@cache
def _listed(name: str) -> bool:
    """Return whether `available_timezones()` lists `name`, reading its file when it can."""
    return _surely_listed(name) or name in _available()


def _surely_listed(name: str) -> bool:
    """Return whether a zone folder holds `name` as available_timezones() walks it.

    Walking the whole database costs 15-50 ms a command; this reads one file. A name it
    cannot vouch for goes to the full list, so both accept and refuse the same names.
    """
    parts = name.split("/")
    if not _PLAIN_NAME.fullmatch(name) or parts[0] in _LEFT_OUT:
        return False
    for root in map(Path, zoneinfo.TZPATH):
        folders = [root.joinpath(*parts[:i]) for i in range(1, len(parts))]
        if any(f.is_symlink() or not f.is_dir() for f in folders):
            continue  # the walk does not follow links to folders
        try:
            with root.joinpath(*parts).open("rb") as file:  # a folder cannot be opened
                if file.read(4) == b"TZif":
                    return True
        except OSError:
            continue
    return False


def check_zone(value: str) -> str:
    """Return `value` if it names an IANA time zone, else raise ValueError."""
    if not _listed(value):
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
