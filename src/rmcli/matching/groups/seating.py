"""Seating: juniors onto senior teams and seniors onto junior groups, each step exact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import numpy.typing as npt

from rmcli.matching.groups.grouping import PAIRWISE, Pairs, added, members_of
from rmcli.matching.groups.slots import fill
from rmcli.matching.rules import Rules, sparse_forbidden
from rmcli.matching.score import Bools, Floats
from rmcli.models import Person


def apart(people: Sequence[Person], rules: Rules) -> Pairs:
    """Return index pairs of same-role people who may not share a group."""
    rows, cols = sparse_forbidden(people, people, rules)
    found = {(r, c) for r, c in zip(rows, cols, strict=True) if r != c}
    return found | {(c, r) for r, c in found}


def leads(s: Floats, a: Bools, *, count: int, jmin: int) -> list[list[int]]:
    """Return `count` one-senior teams: the seniors with the best `jmin` juniors."""
    masked = np.where(a, s, 0.0)
    top = -np.sort(-masked, axis=0)[:jmin].sum(axis=0)
    order = sorted(range(s.shape[1]), key=lambda k: (-top[k], k))
    return [[k] for k in sorted(order[:count])]


def team_sums(s: Floats, *, teams: list[list[int]]) -> Floats:
    """Return each junior's summed score with each team (juniors x teams)."""
    at = _uniform(teams)
    if at is not None and at.shape[1] < PAIRWISE:  # a column of seniors at a time
        return added(np.take(s, col, axis=1) for col in at.T)
    if at is not None:  # one gather: the same sums, in the same order
        gathered: Floats = s[:, at].sum(axis=2)
        return gathered
    return np.stack([s[:, team].sum(axis=1) for team in teams], axis=1)


def team_fits(a: Bools, *, teams: list[list[int]]) -> Bools:
    """Return whether each junior may join all of each team's seniors."""
    at = _uniform(teams)
    if at is not None:
        return cast(Bools, a[:, at].all(axis=2))
    return np.stack([a[:, team].all(axis=1) for team in teams], axis=1)


def _uniform(teams: list[list[int]]) -> npt.NDArray[np.intp] | None:
    """Return the teams as one index array when all are of one size (not 0), else None."""
    if teams and teams[0] and all(len(team) == len(teams[0]) for team in teams):
        return np.array(teams, dtype=np.intp)
    return None


def seat_juniors(
    s: Floats, a: Bools, *, teams: list[list[int]], apart: Pairs, jmin: int, jmax: int
) -> list[int]:
    """Return each junior's team index (or -1): exact, then repaired for junior conflicts."""
    score, allowed = team_sums(s, teams=teams), team_fits(a, teams=teams)
    while True:
        seats = fill(score, allowed, low=jmin, high=jmax)
        clash = first_clash(seats, apart=apart, score=score)
        if clash is None:
            return seats
        allowed[clash, seats[clash]] = False


def first_clash(seats: list[int], *, apart: Pairs, score: Floats) -> int | None:
    """Return the weaker of the first two people seated together against a rule."""
    for x, y in sorted(apart):
        if x < y and seats[x] >= 0 and seats[x] == seats[y]:
            g = seats[x]
            return x if (score[x, g], -x) < (score[y, g], -y) else y
    return None


def place_seniors(
    s: Floats,
    a: Bools,
    *,
    seats: list[int],
    count: int,
    apart: Pairs,
    smin: int,
    smax: int,
) -> list[list[int]]:
    """Return senior teams for the junior groups, one exact assignment per round."""
    members = members_of(seats, count)
    score = np.stack([s[m].sum(axis=0) for m in members], axis=1)  # seniors x groups
    allowed = np.stack([a[m].all(axis=0) for m in members], axis=1)
    near: dict[int, list[int]] = {}
    for x, y in apart:
        near.setdefault(y, []).append(x)
    teams: list[list[int]] = [[] for _ in range(count)]
    for round_no in range(smax):
        ok = allowed.copy()
        for t, team in enumerate(teams):
            ok[team, :] = False  # placed already
            for other in team:
                ok[near.get(other, []), t] = False
        spot = fill(score, ok, low=1 if round_no < smin else 0, high=1)
        for k, t in enumerate(spot):
            if t >= 0:
                teams[t].append(k)
    return teams


def total(s: Floats, *, teams: list[list[int]], seats: list[int]) -> float:
    """Return the summed pair score of all groups."""
    return float(sum(s[j, k] for j, g in enumerate(seats) if g >= 0 for k in teams[g]))
