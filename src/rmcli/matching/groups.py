"""Groups: juniors and seniors in groups within size bounds, maximising in-group pair fit.

One senior per group: one exact slot assignment of juniors to seniors.
Several: seniors are placed round by round onto junior groups, juniors re-seated onto
the senior teams, alternating while the total rises (each step is an exact assignment).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from rmcli.matching.gaps import Group, complete, fill_gaps, rank
from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules
from rmcli.matching.score import Bools, Floats, build
from rmcli.matching.seating import Pairs, apart, leads, place_seniors, seat_juniors, total
from rmcli.matching.slots import bound
from rmcli.models import Match
from rmcli.models.program import Matching

if TYPE_CHECKING:
    from rmcli.matching.engine import Context

MAX_ROUNDS = 20
Sizes = tuple[int, int, int, int]  # jmin, jmax, smin, smax


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
    apart_j = apart(juniors, rules)
    apart_s = apart(seniors, rules)
    teams: list[list[int]] = []
    two = smin == smax == 2
    if two:  # two seniors: pair them by what their best juniors add
        from rmcli.matching.pairing import pair_seniors

        teams = pair_seniors(s, a, count=count, high=jmax, apart=apart_s)
    if not teams:
        teams = leads(s, a, count=count, jmin=jmin)
    sizes = (jmin, jmax, smin, smax)

    def grow(start: list[list[int]], polish: bool = True) -> list[Group]:
        """Return the groups grown from `start` teams."""
        return solve(
            s,
            a,
            teams=start,
            count=count,
            apart_j=apart_j,
            apart_s=apart_s,
            sizes=sizes,
            polish=polish,
        )

    # with two seniors, a first rough grouping only prices the juniors for the bound,
    # whose own senior pairing is then grown and polished too; the better one is kept
    groups = grow(teams, polish=not two)
    limit, again = group_bound(s, a, groups=groups, apart_s=apart_s, matching=matching, count=count)
    if two:
        other = grow(again) if again else []
        if rank(s, other) <= rank(s, groups):
            other = grow([ks for ks, _ in groups])
        if rank(s, other) > rank(s, groups):
            groups = other
    from rmcli.matching.feasible import settle

    groups = settle(
        s, a, groups=groups, apart_j=apart_j, apart_s=apart_s, sizes=sizes, notes=pool.notes
    )
    found = [
        Match(id="new", juniors=[juniors[j].id for j in js], seniors=[seniors[k].id for k in ks])
        for ks, js in groups
    ]
    from rmcli.matching.engine import rescore

    people = {p.id: p for p in [*juniors, *seniors]}
    return [rescore(m, people, ctx) for m in found], limit


def solve(
    s: Floats,
    a: Bools,
    *,
    teams: list[list[int]],
    count: int,
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
    polish: bool = True,
) -> list[Group]:
    """Return groups grown from starting teams: seat, re-place, re-split, fill gaps."""
    jmin, jmax, smin, smax = sizes
    if not teams:
        return []
    seats = seat_juniors(s, a, teams=teams, apart=apart_j, jmin=jmin, jmax=jmax)
    best = total(s, teams=teams, seats=seats)
    for _ in range(MAX_ROUNDS if smax > 1 or s.shape[1] > count else 0):
        new_teams = place_seniors(
            s, a, seats=seats, count=count, apart=apart_s, smin=smin, smax=smax
        )
        new_seats = seat_juniors(s, a, teams=new_teams, apart=apart_j, jmin=jmin, jmax=jmax)
        now = total(s, teams=new_teams, seats=new_seats)
        if now <= best + 1e-9:
            break
        teams, seats, best = new_teams, new_seats, now
    if polish and len(teams) > 1:
        from rmcli.matching.resplit import improve

        teams, seats = improve(s, a, teams, seats, apart_j=apart_j, apart_s=apart_s, sizes=sizes)
    groups = complete(teams, seats=seats, jmin=jmin, smin=smin)
    fill_gaps(s, a, groups, apart_j=apart_j, apart_s=apart_s, jmax=jmax, smax=smax)
    return groups


def group_bound(
    s: Floats,
    a: Bools,
    *,
    groups: list[Group],
    apart_s: Pairs,
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
        floor=rank(s, groups)[1],
        count=count,
    )
    return min(loose, tight), pairs if smin == 2 else []
