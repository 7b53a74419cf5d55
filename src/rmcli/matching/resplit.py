"""Local search for groups: re-split the people of two groups between them, exactly.

For a pair of groups, every division of their seniors into two teams is tried and
their juniors are seated onto the two teams by an exact slot assignment; the best
division that breaks no rule replaces the two groups when it raises the total.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from rmcli.matching.score import Bools, Floats
from rmcli.matching.slots import fill

NEIGHBOURS = 6  # groups tried with each group, the most promising first
PASSES = 4


def improve(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    seats: list[int],
    *,
    apart_j: set[tuple[int, int]],
    apart_s: set[tuple[int, int]],
    sizes: tuple[int, int, int, int],
) -> tuple[list[list[int]], list[int]]:
    """Return teams and seats after re-splitting promising pairs of groups."""
    teams = [list(t) for t in teams]
    seats = list(seats)
    for _ in range(PASSES):
        changed = False
        for g, h in _candidates(s, teams, seats):
            better = _resplit(s, a, teams, seats, g, h, apart_j, apart_s, sizes)
            if better is not None:
                changed = True
        if not changed:
            break
    return teams, seats


def _candidates(s: Floats, teams: list[list[int]], seats: list[int]) -> list[tuple[int, int]]:
    """Return pairs of groups whose juniors like each other's seniors most."""
    count = len(teams)
    team_score = np.stack([s[:, t].sum(axis=1) for t in teams], axis=1)  # juniors x groups
    member = np.zeros((s.shape[0], count))
    for j, g in enumerate(seats):
        if g >= 0:
            member[j, g] = 1.0
    cross = member.T @ team_score  # [g, h]: juniors of g with the seniors of h
    gain = cross + cross.T - np.diag(cross)[:, None] - np.diag(cross)[None, :]
    np.fill_diagonal(gain, -np.inf)
    pairs: set[tuple[int, int]] = set()
    for g in range(count):
        for h in np.argsort(-gain[g], kind="stable")[:NEIGHBOURS].tolist():
            pairs.add((min(g, h), max(g, h)))
    return sorted(pairs)


def _resplit(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    seats: list[int],
    g: int,
    h: int,
    apart_j: set[tuple[int, int]],
    apart_s: set[tuple[int, int]],
    sizes: tuple[int, int, int, int],
) -> float | None:
    """Re-split groups g and h in place when that raises their total; return the gain."""
    jmin, jmax, smin, smax = sizes
    juniors = [j for j, t in enumerate(seats) if t in (g, h)]
    seniors = teams[g] + teams[h]
    now = sum(s[j, k] for j in juniors for k in teams[seats[j]])
    best: tuple[float, list[int], list[int], list[int]] | None = None
    for size in range(smin, smax + 1):
        if not smin <= len(seniors) - size <= smax:
            continue
        for first in combinations(seniors, size):
            second = [k for k in seniors if k not in first]
            split = [list(first), second]
            if any(_clash(team, apart_s) for team in split):
                continue
            score = np.stack([s[juniors][:, t].sum(axis=1) for t in split], axis=1)
            allowed = np.stack([a[juniors][:, t].all(axis=1) for t in split], axis=1)
            spot = fill(score, allowed, low=jmin, high=jmax)
            if not spot or min(spot) < 0 or any(spot.count(t) < jmin for t in (0, 1)):
                continue
            if any(
                _clash([juniors[i] for i, t in enumerate(spot) if t == x], apart_j) for x in (0, 1)
            ):
                continue
            total = float(sum(score[i, t] for i, t in enumerate(spot)))
            if total > now + 1e-9 and (best is None or total > best[0] + 1e-9):
                best = (total, split[0], split[1], spot)
    if best is None:
        return None
    total, first_team, second_team, spot = best
    teams[g], teams[h] = first_team, second_team
    for i, j in enumerate(juniors):
        seats[j] = g if spot[i] == 0 else h
    return float(total - now)


def _clash(members: list[int], apart: set[tuple[int, int]]) -> bool:
    """Return whether two of the members may not share a group."""
    return any((x, y) in apart for x, y in combinations(members, 2))
