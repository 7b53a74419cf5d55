"""Find the matches that nothing placed after them can touch, so placement works each pattern once.

Placement goes through the sessions in one order (`order`). A match whose people meet in
no other match, or only in matches placed wholly before it (the cohort meetings), reads
nothing of the matches placed after it: its placement is a function of its people's hours,
the bookings made for them before it, and its sessions' windows. Two such matches alike in
all of these are placed alike, so a big program of pairs is placed once per pattern.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from operator import attrgetter
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


W = TypeVar("W", bound=Placed)
_key = attrgetter("key")


def order(wish: Placed) -> Order:
    """Return where a session comes in placement: fixed times, the most people, then by day."""
    return (wish.at is None, -len(wish.people), wish.wanted, wish.key)


def apart(ordered: list[W]) -> dict[str, list[W]]:
    """Return match -> its sessions in order, for the matches placed apart from all later ones.

    Such a match has no session at a fixed time, the same people in every session, and
    shares a person only with matches whose every session comes before its first.
    """
    series: defaultdict[str, list[W]] = defaultdict(list)
    for wish in ordered:
        series[wish.key[0]].append(wish)
    if len(set(map(_key, ordered))) != len(ordered):
        return {}  # a session twice: keys must name one session each
    members: dict[str, list[str]] = {}
    for match, own in series.items():
        for person in _everyone(own):
            members.setdefault(person, []).append(match)
    last = {match: order(own[-1]) for match, own in series.items()}
    found: dict[str, list[W]] = {}
    for match, own in series.items():
        people = own[0].people
        if any(w.at is not None or w.people != people for w in own):
            continue
        first = order(own[0])
        others = {m for p in people for m in members[p]}
        others.discard(match)
        if all(last[other] < first for other in others):
            found[match] = own
    return found


def _everyone(own: list[W]) -> Iterator[str]:
    """Yield each person of a match's sessions once."""
    crowds = dict.fromkeys(wish.people for wish in own)
    yield from dict.fromkeys(person for crowd in crowds for person in crowd)
