"""Gaps: keep the groups that reach the smallest sizes, then seat free people where they fit."""

from __future__ import annotations

from rmcli.matching.score import Bools, Floats

Group = tuple[list[int], list[int]]  # (seniors, juniors), as indices


def complete(teams: list[list[int]], *, seats: list[int], jmin: int, smin: int) -> list[Group]:
    """Return (seniors, juniors) of every group that reaches the smallest sizes."""
    members: list[list[int]] = [[] for _ in teams]
    for j, g in enumerate(seats):
        if g >= 0:
            members[g].append(j)
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


def rank(s: Floats, groups: list[Group]) -> tuple[int, float]:
    """Return people placed, then the total: what a better grouping has more of."""
    placed = sum(len(ks) + len(js) for ks, js in groups)
    return placed, round(float(sum(s[js][:, ks].sum() for ks, js in groups)), 9)
