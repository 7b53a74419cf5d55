"""Local search for groups: re-split the people of two groups between them, exactly.

For a pair of groups, every division of their seniors into two teams is tried and
their juniors are seated onto the two teams by an exact slot assignment; the best
division that breaks no rule replaces the two groups when it raises the total.
"""

from __future__ import annotations

from itertools import combinations
from typing import cast

import numpy as np

from rmcli.matching.groups.grouping import Pairs, Sizes, members_of, past
from rmcli.matching.groups.seating import team_fits, team_sums
from rmcli.matching.score import Bools, Floats

NEIGHBOURS = 6  # groups tried with each group, the most promising first
MANY = 150  # groups beyond which 3 neighbours are tried, so large rosters stay quick
PASSES = 4


def improve(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    seats: list[int],
    *,
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
    deadline: float | None = None,
) -> tuple[list[list[int]], list[int]]:
    """Return teams and seats after re-splitting promising pairs of groups.

    Past `deadline` (`time.monotonic()`) no further pair is re-split.
    """
    teams = [list(t) for t in teams]
    members = dict(enumerate(members_of(seats, len(teams))))
    for _ in range(PASSES):
        seats = _seats(members, len(seats))
        changed = False
        for g, h in _candidates(s, teams, seats):
            if past(deadline):
                return teams, _seats(members, len(seats))
            if _resplit(s, a, teams, members, g, h, apart_j, apart_s, sizes) is not None:
                changed = True
        if not changed:
            break
    return teams, _seats(members, len(seats))


def _seats(members: dict[int, list[int]], count: int) -> list[int]:
    """Return each junior's group index, -1 when in none."""
    seats = [-1] * count
    for g, juniors in members.items():
        for j in juniors:
            seats[j] = g
    return seats


def _candidates(s: Floats, teams: list[list[int]], seats: list[int]) -> list[tuple[int, int]]:
    """Return pairs of groups whose juniors like each other's seniors most."""
    count = len(teams)
    team_score = team_sums(s, teams=teams)  # juniors x groups
    member = np.zeros((s.shape[0], count))
    for j, g in enumerate(seats):
        if g >= 0:
            member[j, g] = 1.0
    cross = member.T @ team_score  # [g, h]: juniors of g with the seniors of h
    gain = cross + cross.T - np.diag(cross)[:, None] - np.diag(cross)[None, :]
    np.fill_diagonal(gain, -np.inf)
    pairs: set[tuple[int, int]] = set()
    near = NEIGHBOURS if count <= MANY else 3
    best = np.argsort(-gain, axis=1, kind="stable")[:, : near + 1]  # row by row, as one sort
    for g, row in enumerate(best.tolist()):
        for h in row:
            if h != g:
                pairs.add((min(g, h), max(g, h)))
    return sorted(pairs)


def _resplit(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    members: dict[int, list[int]],
    g: int,
    h: int,
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
) -> float | None:
    """Re-split groups g and h in place when that raises their total; return the gain."""
    jmin, jmax, smin, smax = sizes
    juniors = members[g] + members[h]
    seniors = teams[g] + teams[h]
    sj, aj = s[juniors], a[juniors]
    now = float(sj[: len(members[g])][:, teams[g]].sum() + sj[len(members[g]) :][:, teams[h]].sum())
    best: tuple[float, list[int], list[int], list[int]] | None = None
    splits = _splits(seniors, smin=smin, smax=smax, apart=apart_s)
    both = [team for split in splits for team in split]  # one gather for every split
    x = team_sums(sj, teams=both).T.tolist() if splits else []  # per team, the same sums
    ok = cast(list[list[bool]], team_fits(aj, teams=both).T.tolist() if splits else [])
    for n, split in enumerate(splits):
        found = two_bins(x[2 * n], x[2 * n + 1], ok[2 * n], ok[2 * n + 1], low=jmin, high=jmax)
        if found is None:
            continue
        total, spot = found
        if total <= now + 1e-9 or (best is not None and total <= best[0] + 1e-9):
            continue
        if any(_clash([juniors[i] for i, t in enumerate(spot) if t == b], apart_j) for b in (0, 1)):
            continue
        best = (total, split[0], split[1], spot)
    if best is None:
        return None
    total, teams[g], teams[h], spot = best
    members[g] = [j for j, t in zip(juniors, spot, strict=True) if t == 0]
    members[h] = [j for j, t in zip(juniors, spot, strict=True) if t == 1]
    return total - now


def _splits(seniors: list[int], *, smin: int, smax: int, apart: Pairs) -> list[list[list[int]]]:
    """Return every division of the seniors into two teams of smin..smax that breaks no rule."""
    splits: list[list[list[int]]] = []
    for size in range(smin, smax + 1):
        if not smin <= len(seniors) - size <= smax:
            continue
        for first in combinations(seniors, size):
            split = [list(first), [k for k in seniors if k not in first]]
            if not any(_clash(team, apart) for team in split):
                splits.append(split)
    return splits


def two_bins(
    x0: list[float], x1: list[float], ok0: list[bool], ok1: list[bool], *, low: int, high: int
) -> tuple[float, list[int]] | None:
    """Return the best total and bin (0/1) per item, each bin holding low..high items.

    Exact: for a given size of bin 0, the free items with the largest x0 - x1 go there.
    """
    n = len(x0)
    if any(not (p or q) for p, q in zip(ok0, ok1, strict=True)):
        return None
    forced0 = [i for i in range(n) if ok0[i] and not ok1[i]]
    forced1 = [i for i in range(n) if ok1[i] and not ok0[i]]
    free = sorted((i for i in range(n) if ok0[i] and ok1[i]), key=lambda i: (x1[i] - x0[i], i))
    base = sum(x0[i] for i in forced0) + sum(x1[i] for i in forced1) + sum(x1[i] for i in free)
    best: tuple[float, int] | None = None
    gain = 0.0
    for k in range(len(free) + 1):
        if k:
            gain += x0[free[k - 1]] - x1[free[k - 1]]
        size0 = len(forced0) + k
        fits = low <= size0 <= high and low <= n - size0 <= high
        if fits and (best is None or base + gain > best[0] + 1e-12):
            best = (base + gain, k)
    if best is None:
        return None
    bins = [1] * n
    for i in forced0 + free[: best[1]]:
        bins[i] = 0
    return best[0], bins


def _clash(members: list[int], apart: Pairs) -> bool:
    """Return whether two of the members may not share a group."""
    return any((x, y) in apart for x, y in combinations(members, 2))
