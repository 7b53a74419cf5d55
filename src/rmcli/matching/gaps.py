"""Gaps: keep the groups that reach the smallest sizes, then seat free people where they fit."""

from __future__ import annotations

import numpy as np

from rmcli.matching.score import Bools, Floats

Group = tuple[list[int], list[int]]  # (seniors, juniors), as indices


def members_of(seats: list[int], count: int) -> list[list[int]]:
    """Return the people (indices) seated at each of `count` groups; -1 is no group."""
    members: list[list[int]] = [[] for _ in range(count)]
    for person, g in enumerate(seats):
        if g >= 0:
            members[g].append(person)
    return members


def complete(teams: list[list[int]], *, seats: list[int], jmin: int, smin: int) -> list[Group]:
    """Return (seniors, juniors) of every group that reaches the smallest sizes."""
    members = members_of(seats, len(teams))
    # a group the hard rules kept below the smallest size is dissolved; its people are free
    return [
        (t, m) for t, m in zip(teams, members, strict=True) if len(t) >= smin and len(m) >= jmin
    ]


def fill_gaps(
    s: Floats,
    a: Bools,
    groups: list[Group],
    *,
    apart_j: set[tuple[int, int]],
    apart_s: set[tuple[int, int]],
    jmax: int,
    smax: int,
) -> None:
    """Add free people to groups with room where no rule objects, best gain first."""
    _seat_free(s.T, a.T, groups, own=0, apart=apart_s, room=smax)  # seniors first
    _seat_free(s, a, groups, own=1, apart=apart_j, room=jmax)


def _seat_free(
    score: Floats,
    allowed: Bools,
    groups: list[Group],
    *,
    own: int,
    apart: set[tuple[int, int]],
    room: int,
) -> None:
    """Seat the free people of one role (rows; `own` 0 seniors, 1 juniors) where they gain most."""
    placed = {p for group in groups for p in group[own]}
    for p in sorted(set(range(score.shape[0])) - placed):
        options = [
            (float(score[p, group[1 - own]].sum()), -g)
            for g, group in enumerate(groups)
            if len(group[own]) < room
            and bool(allowed[p, group[1 - own]].all())
            and not any((p, other) in apart for other in group[own])
        ]
        if options:
            groups[-max(options)[1]][own].append(p)


def placed(groups: list[Group]) -> int:
    """Return how many people the groups hold."""
    return sum(len(ks) + len(js) for ks, js in groups)


def total(s: Floats, groups: list[Group]) -> float:
    """Return the summed pair score of the groups."""
    return float(sum(s[np.ix_(js, ks)].sum() for ks, js in groups))


def rank(s: Floats, groups: list[Group]) -> tuple[int, float]:
    """Return people placed, then the total: what a better grouping has more of."""
    return placed(groups), round(total(s, groups), 9)
