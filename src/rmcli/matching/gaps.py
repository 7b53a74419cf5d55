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
    placed_s = {k for ks, _ in groups for k in ks}
    placed_j = {j for _, js in groups for j in js}
    for k in sorted(set(range(s.shape[1])) - placed_s):
        options = [
            (float(s[js, k].sum()), -g)
            for g, (ks, js) in enumerate(groups)
            if k not in placed_s
            and len(ks) < smax
            and bool(a[js, k].all())
            and not any((k, other) in apart_s for other in ks)
        ]
        if options:
            groups[-max(options)[1]][0].append(k)
            placed_s.add(k)
    for j in sorted(set(range(s.shape[0])) - placed_j):
        options = [
            (float(s[j, ks].sum()), -g)
            for g, (ks, js) in enumerate(groups)
            if j not in placed_j
            and len(js) < jmax
            and bool(a[j, ks].all())
            and not any((j, other) in apart_j for other in js)
        ]
        if options:
            groups[-max(options)[1]][1].append(j)
            placed_j.add(j)


def rank(s: Floats, groups: list[Group]) -> tuple[int, float]:
    """Return people placed, then the total: what a better grouping has more of."""
    placed = sum(len(ks) + len(js) for ks, js in groups)
    return placed, round(float(sum(s[js][:, ks].sum() for ks, js in groups)), 9)
