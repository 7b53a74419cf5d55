"""Seating: juniors onto senior teams and seniors onto junior groups, each step exact."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from rmcli.matching.groups.grouping import Pairs, members_of
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
    parts = [(where, _sums(s, at)) for where, at in _by_size(teams)]
    if len(parts) == 1:  # one size: the teams in order
        return parts[0][1]
    sums = np.empty((s.shape[0], len(teams)))
    for where, part in parts:
        sums[:, where] = part
    return sums


def team_fits(a: Bools, *, teams: list[list[int]]) -> Bools:
    """Return whether each junior may join all of each team's seniors."""
    fits = np.empty((a.shape[0], len(teams)), dtype=bool)
    for where, at in _by_size(teams):
        both = a[:, at[:, 0]] & a[:, at[:, 1]] if at.shape[1] == 2 else a[:, at].all(axis=2)
        fits[:, where] = both
    return fits


def _sums(s: Floats, at: npt.NDArray[np.intp]) -> Floats:
    """Return the rows' summed score with each team of `at` (teams x members)."""
    if at.shape[1] == 2:  # two column gathers: x + y, as the sum of the pair is
        pair: Floats = s[:, at[:, 0]] + s[:, at[:, 1]]
        return pair
    sums: Floats = s[:, at].sum(axis=2)
    return sums


def _by_size(teams: list[list[int]]) -> list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]]:
    """Return, per team size, the teams' positions and their members as one index array."""
    sizes: dict[int, list[int]] = {}
    for t, team in enumerate(teams):
        sizes.setdefault(len(team), []).append(t)
    return [
        (
            np.array(where, dtype=np.intp),
            np.array([teams[t] for t in where], dtype=np.intp).reshape(len(where), size),
        )
        for size, where in sizes.items()
    ]


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
