"""Groups: juniors and seniors in groups within size bounds, maximising in-group pair fit.

One senior per group: one exact slot assignment of juniors to seniors.
Several: seniors are placed round by round onto junior groups, juniors re-seated onto
the senior teams, alternating while the total rises (each step is an exact assignment).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules
from rmcli.matching.score import Bools, Floats, build
from rmcli.matching.slots import bound, fill
from rmcli.models import Match, Person
from rmcli.models.program import Matching

if TYPE_CHECKING:
    from rmcli.matching.engine import Context

MAX_ROUNDS = 20


def match_groups(
    pool: Pool, *, ctx: Context, rules: Rules, matching: Matching, seed: int
) -> tuple[list[Match], float | None]:
    """Return groups of the pool and an upper bound on their total."""
    juniors, seniors = pool.juniors, pool.seniors
    jmin, jmax = matching.juniors_per_group
    smin, smax = matching.seniors_per_group
    count = min(len(seniors) // smin, len(juniors) // jmin)
    if count == 0:
        return [], None
    table = build(juniors, seniors, weights=ctx.weights, rules=rules, day=ctx.day)
    s, a = table.score, table.allowed
    pool.count_eligible(a)
    apart_j = _apart(juniors, rules)
    apart_s = _apart(seniors, rules)
    teams: list[list[int]] = []
    if smin == smax == 2:  # two seniors: pair them by what their best juniors add
        from rmcli.matching.pairbound import pair_seniors

        teams = pair_seniors(s, a, count=count, high=jmax, apart=apart_s)
    if not teams:
        teams = _leads(s, a, count, jmin)
    sizes = (jmin, jmax, smin, smax)
    two = smin == smax == 2
    # with two seniors, a first rough grouping only prices the juniors for the bound,
    # whose own senior pairing is then grown and polished too; the better one is kept
    groups = _solve(
        s, a, teams, count, apart_j=apart_j, apart_s=apart_s, sizes=sizes, polish=not two
    )
    limit, again = _bound(s, a, groups, apart_s, matching, count)
    if two:
        other = (
            _solve(s, a, again, count, apart_j=apart_j, apart_s=apart_s, sizes=sizes)
            if again
            else []
        )
        if _rank(s, other) <= _rank(s, groups):
            first = [ks for ks, _ in groups]
            other = _solve(s, a, first, count, apart_j=apart_j, apart_s=apart_s, sizes=sizes)
        if _rank(s, other) > _rank(s, groups):
            groups = other
    found = [
        Match(id="new", juniors=[juniors[j].id for j in js], seniors=[seniors[k].id for k in ks])
        for ks, js in groups
    ]
    from rmcli.matching.engine import rescore

    people = {p.id: p for p in [*juniors, *seniors]}
    return [rescore(m, people, ctx) for m in found], limit


def _solve(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    count: int,
    *,
    apart_j: set[tuple[int, int]],
    apart_s: set[tuple[int, int]],
    sizes: tuple[int, int, int, int],
    polish: bool = True,
) -> list[tuple[list[int], list[int]]]:
    """Return groups grown from starting teams: seat, re-place, re-split, fill gaps."""
    jmin, jmax, smin, smax = sizes
    if not teams:
        return []
    seats = _seat_juniors(s, a, teams, apart_j, jmin, jmax)
    best = _total(s, teams, seats)
    for _ in range(MAX_ROUNDS if smax > 1 or s.shape[1] > count else 0):
        new_teams = _place_seniors(s, a, seats, count, apart_s, smin, smax)
        new_seats = _seat_juniors(s, a, new_teams, apart_j, jmin, jmax)
        total = _total(s, new_teams, new_seats)
        if total <= best + 1e-9:
            break
        teams, seats, best = new_teams, new_seats, total
    if polish and len(teams) > 1:
        from rmcli.matching.resplit import improve

        teams, seats = improve(s, a, teams, seats, apart_j=apart_j, apart_s=apart_s, sizes=sizes)
    groups = _complete(teams, seats, jmin, smin)
    _fill_gaps(s, a, groups, apart_j=apart_j, apart_s=apart_s, jmax=jmax, smax=smax)
    return groups


def _rank(s: Floats, groups: list[tuple[list[int], list[int]]]) -> tuple[int, float]:
    """Return people placed, then the total: what a better grouping has more of."""
    placed = sum(len(ks) + len(js) for ks, js in groups)
    return placed, round(float(sum(s[js][:, ks].sum() for ks, js in groups)), 9)


def _bound(
    s: Floats,
    a: Bools,
    groups: list[tuple[list[int], list[int]]],
    apart_s: set[tuple[int, int]],
    matching: Matching,
    count: int,
) -> tuple[float, list[list[int]]]:
    """Return the tighter of the slot and (two seniors at most) pair bound, and its pairs."""
    jmax, (smin, smax) = matching.juniors_per_group[1], matching.seniors_per_group
    loose = bound(s, a, copies=smax, high=jmax)
    if smax != 2:
        return loose, []
    from rmcli.matching.pairbound import pair_bound

    prices = np.zeros(s.shape[0])
    for ks, js in groups:
        prices[js] = s[js][:, ks].sum(axis=1)
    tight, pairs = pair_bound(
        s,
        a,
        high=jmax,
        singles=smin <= 1,
        apart=apart_s,
        prices=prices,
        floor=_rank(s, groups)[1],
        count=count,
    )
    return min(loose, tight), pairs if smin == 2 else []


def _complete(
    teams: list[list[int]], seats: list[int], jmin: int, smin: int
) -> list[tuple[list[int], list[int]]]:
    """Return (seniors, juniors) of every group that reaches the smallest sizes."""
    members: list[list[int]] = [[] for _ in teams]
    for j, g in enumerate(seats):
        if g >= 0:
            members[g].append(j)
    # a group the hard rules kept below the smallest size is dissolved; its people are free
    return [
        (t, m) for t, m in zip(teams, members, strict=True) if len(t) >= smin and len(m) >= jmin
    ]


def _fill_gaps(
    s: Floats,
    a: Bools,
    groups: list[tuple[list[int], list[int]]],
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


def _apart(people: Sequence[Person], rules: Rules) -> set[tuple[int, int]]:
    """Return index pairs of same-role people who may not share a group."""
    from rmcli.matching.rules import sparse_forbidden

    rows, cols = sparse_forbidden(people, people, rules)
    found = {(r, c) for r, c in zip(rows, cols, strict=True) if r != c}
    return found | {(c, r) for r, c in found}


def _leads(s: Floats, a: Bools, count: int, jmin: int) -> list[list[int]]:
    """Return `count` one-senior teams: the seniors with the best `jmin` juniors."""
    masked = np.where(a, s, 0.0)
    top = -np.sort(-masked, axis=0)[:jmin].sum(axis=0)
    order = sorted(range(s.shape[1]), key=lambda k: (-top[k], k))
    return [[k] for k in sorted(order[:count])]


def _seat_juniors(
    s: Floats, a: Bools, teams: list[list[int]], apart: set[tuple[int, int]], jmin: int, jmax: int
) -> list[int]:
    """Return each junior's team index (or -1): exact, then repaired for junior conflicts."""
    score = np.stack([s[:, team].sum(axis=1) for team in teams], axis=1)
    allowed = np.stack([a[:, team].all(axis=1) for team in teams], axis=1)
    while True:
        seats = fill(score, allowed, low=jmin, high=jmax)
        clash = _first_clash(seats, apart, score)
        if clash is None:
            return seats
        allowed[clash, seats[clash]] = False


def _first_clash(seats: list[int], apart: set[tuple[int, int]], score: Floats) -> int | None:
    """Return the weaker of the first two people seated together against a rule."""
    for x, y in sorted(apart):
        if x < y and seats[x] >= 0 and seats[x] == seats[y]:
            g = seats[x]
            return x if (score[x, g], -x) < (score[y, g], -y) else y
    return None


def _place_seniors(
    s: Floats,
    a: Bools,
    seats: list[int],
    count: int,
    apart: set[tuple[int, int]],
    smin: int,
    smax: int,
) -> list[list[int]]:
    """Return senior teams for the junior groups, one exact assignment per round."""
    members: list[list[int]] = [[] for _ in range(count)]
    for j, g in enumerate(seats):
        if g >= 0:
            members[g].append(j)
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


def _total(s: Floats, teams: list[list[int]], seats: list[int]) -> float:
    """Return the summed pair score of all groups."""
    return float(sum(s[j, k] for j, g in enumerate(seats) if g >= 0 for k in teams[g]))
