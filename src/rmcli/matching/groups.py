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
BOTH = 200_000  # juniors x seniors up to which the first grouping is polished and both starts grown
SHARE = 0.95  # of a junior's value in the first grouping: its starting price
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
        """Return the groups grown from `start` teams (unpolished: juniors seated only)."""
        return solve(
            s,
            a,
            teams=start,
            count=count,
            apart_j=apart_j,
            apart_s=apart_s,
            sizes=sizes,
            polish=polish,
            rounds=MAX_ROUNDS if polish else 0,
        )

    from rmcli.matching.feasible import Memo, settle

    memo = Memo()  # this run's whole-roster search, shared by every settle below

    # with two seniors, a first rough grouping (large rosters: juniors seated once onto
    # the paired seniors, as re-placing them seldom helped there) only prices the juniors
    # for the bound, whose averaged senior pairings are then tried (the best one seated
    # is grown and polished too); the better grouping is kept.
    # It is settled first (the most people placed), so the bound may count on as many
    # groups as a grouping placing that many needs.
    def settled(found: list[Group], notes: list[str]) -> list[Group]:
        """Return `found` placing the most people (see `feasible`)."""
        return settle(
            s,
            a,
            groups=found,
            apart_j=apart_j,
            apart_s=apart_s,
            sizes=sizes,
            notes=notes,
            memo=memo,
        )

    groups = grow(teams, polish=not two or s.size <= BOTH)
    if two:  # interim notes are dropped: the final settle below reports
        groups = settled(groups, [])
    first = rank(s, groups)[0]
    limit, again = group_bound(s, a, groups=groups, apart_s=apart_s, matching=matching, count=count)
    if two:  # the senior pairings the bound's last steps chose most are tried
        starts = [p for p in again if p]
        if len(starts) > 1:  # juniors seated once onto each; the best is grown and polished
            starts = [max(starts, key=lambda t: rank(s, grow(t, polish=False)))]
        other = settled(grow(starts[0]), []) if starts else []
        if rank(s, other) <= rank(s, groups) or s.size <= BOTH:
            again_first = settled(grow([ks for ks, _ in groups]), [])
            other = max(other, again_first, key=lambda g: rank(s, g))
        if rank(s, other) > rank(s, groups):
            groups = other
    groups = settled(groups, pool.notes)
    from rmcli.matching.reseat import reseat

    groups = reseat(s, a, groups=groups, apart_j=apart_j, apart_s=apart_s, jmin=jmin, jmax=jmax)
    # the bound counts on as many people placed as the first grouping (never fewer here)
    proven = rank(s, groups)[0] >= first
    found = [
        Match(id="new", juniors=[juniors[j].id for j in js], seniors=[seniors[k].id for k in ks])
        for ks, js in groups
    ]
    from rmcli.matching.engine import rescore

    people = {p.id: p for p in [*juniors, *seniors]}
    return [rescore(m, people, ctx) for m in found], limit if proven else None


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
    rounds: int = MAX_ROUNDS,
) -> list[Group]:
    """Return groups grown from starting teams: seat, re-place, re-split, fill gaps.

    `rounds` bounds the alternating re-placing of seniors and re-seating of juniors.
    """
    jmin, jmax, smin, smax = sizes
    if not teams:
        return []
    seats = seat_juniors(s, a, teams=teams, apart=apart_j, jmin=jmin, jmax=jmax)
    best = total(s, teams=teams, seats=seats)
    for _ in range(rounds if smax > 1 or s.shape[1] > count else 0):
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
    steps: int = 0,
) -> tuple[float, list[list[list[int]]]]:
    """Return a bound on groupings placing as many people as `groups`, and senior pairings.

    One senior per group: the exact slot bound. At most two: the pair bound alone (the
    slot bound is looser there and slow), which also offers senior pairings to grow;
    `steps` overrides its step count (0: the default, see `pairbound.steps_for`).
    """
    (jmin, jmax), (smin, smax) = matching.juniors_per_group, matching.seniors_per_group
    if smax != 2:
        return bound(s, a, copies=smax, high=jmax), []
    from rmcli.matching.pairbound import pair_bound

    prices = np.zeros(s.shape[0])
    for ks, js in groups:
        prices[js] = s[js][:, ks].sum(axis=1)
    placed, floor = rank(s, groups)
    tight, pairings = pair_bound(
        s,
        a,
        high=jmax,
        low=jmin,
        singles=smin <= 1,
        apart=apart_s,
        prices=SHARE * prices,
        floor=floor,
        groups=fewest_groups(placed=placed, juniors=s.shape[0], jmax=jmax, smax=smax),
        count=count,
        steps=steps,
    )
    return tight, pairings if smin == 2 else []


def fewest_groups(*, placed: int, juniors: int, jmax: int, smax: int) -> int:
    """Return the fewest groups that can place `placed` people (0 when none are placed)."""
    g = 0
    while g * smax + min(juniors, g * jmax) < placed:
        g += 1
    return g
