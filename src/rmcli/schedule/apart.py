"""Find the matches that nothing placed after them can touch, so placement works each pattern once.

Placement goes through the sessions in one order (`order`). A match whose people meet in
no other match, or only in matches placed wholly before it (the cohort meetings), reads
nothing of the matches placed after it: its placement is a function of its people's hours,
the bookings made for them before it, and its sessions' windows. Two such matches alike in
all of these are placed alike, so a big program of pairs is placed once per pattern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol, TypeVar

Order = tuple[bool, int, dt.date, tuple[str, int]]


class Placed(Protocol):
    """What the order of placement reads of a session to place (`place.Wish`)."""

    @property
    def key(self) -> tuple[str, int]: ...  # (match, number)
    @property
    def people(self) -> tuple[str, ...]: ...
    @property
    def wanted(self) -> dt.date: ...
    @property
    def at(self) -> dt.datetime | None: ...


class Timed(Protocol):
    """What the order of placement reads of one session of a series (`place.Span`)."""

    @property
    def number(self) -> int: ...
    @property
    def wanted(self) -> dt.date: ...
    @property
    def at(self) -> dt.datetime | None: ...


class Planned(Protocol):
    """What `apart` reads of a match's sessions to place (`place.Series`)."""

    @property
    def match(self) -> str: ...
    @property
    def people(self) -> tuple[str, ...]: ...
    @property
    def spans(self) -> Sequence[Timed]: ...


S = TypeVar("S", bound=Planned)


def order(wish: Placed) -> Order:
    """Return where a session comes in placement: fixed times, the most people, then by day."""
    return _order(wish.at, wish.people, wish.wanted, wish.key)


def order_in(series: Planned, span: Timed) -> Order:
    """Return the `order` of one session of a series."""
    return _order(span.at, series.people, span.wanted, (series.match, span.number))


def _order(
    at: dt.datetime | None, people: tuple[str, ...], wanted: dt.date, key: tuple[str, int]
) -> Order:
    return (at is None, -len(people), wanted, key)


def apart(series: list[S]) -> dict[str, S]:
    """Return match -> its series, for the matches placed apart from all later ones.

    Such a match has no session at a fixed time and shares a person only with matches
    whose every session comes before its first. A series holds one match's sessions, each
    number once, with the same people in each.
    """
    if len({one.match for one in series}) != len(series):
        return {}  # a match twice: keys must name one session each
    members: dict[str, list[str]] = {}
    for one in series:
        for person in dict.fromkeys(one.people):
            members.setdefault(person, []).append(one.match)
    # most matches share one tuple of spans (the log changed none of their sessions)
    outlines: dict[int, tuple[bool, Timed, Timed]] = {}
    first: dict[str, Order] = {}
    last: dict[str, Order] = {}
    for one in series:
        outline = outlines.get(id(one.spans))
        if outline is None:
            outline = outlines[id(one.spans)] = _outline(one.spans)
        first[one.match] = order_in(one, outline[1])
        last[one.match] = order_in(one, outline[2])
    found: dict[str, S] = {}
    for one in series:
        if outlines[id(one.spans)][0]:
            continue
        match, begins = one.match, first[one.match]
        others = (m for p in one.people for m in members[p] if m != match)
        if all(last[other] < begins for other in others):
            found[match] = one
    return found


def _outline(spans: Sequence[Timed]) -> tuple[bool, Timed, Timed]:
    """Return whether a series has a session at a fixed time, and its first and last session.

    Within a series the match and the people are one, so `order` goes by the rest.
    """
    ranked = sorted(spans, key=rank)
    return any(span.at is not None for span in spans), ranked[0], ranked[-1]


def rank(span: Timed) -> tuple[bool, dt.date, int]:
    """Return where a session comes in placement among those of its series (see `order`)."""
    return (span.at is None, span.wanted, span.number)
