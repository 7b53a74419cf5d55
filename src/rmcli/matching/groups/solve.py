"""The group format: juniors and seniors in groups within size bounds, maximising pair fit.

One senior per group: juniors are seated onto the seniors by one exact slot assignment.
Two: seniors are paired first (`pairing`), the grouping grown from those teams (`build`)
prices the juniors for the pair bound (`bound`), and the senior pairings the bound's
last steps chose most often are grown too; the better grouping is kept. Every grouping
is settled to place the most people the sizes and rules allow (`exact`), and a last
exact reseat (`reseat`) raises the total where it can.
"""

from __future__ import annotations

from rmcli.matching.ahead import ahead
from rmcli.matching.context import Context, rescore
from rmcli.matching.groups.bound.group import group_bound
from rmcli.matching.groups.build import MAX_ROUNDS, grow_groups
from rmcli.matching.groups.exact.feasible import Memo, settle
from rmcli.matching.groups.grouping import Group, members_of, past, rank
from rmcli.matching.groups.pairing import pair_seniors
from rmcli.matching.groups.reseat import reseat
from rmcli.matching.groups.seating import apart, leads, seat_juniors
from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules
from rmcli.matching.score import build
from rmcli.models import Match
from rmcli.models.program import Matching
from rmcli.progress import Progress, quiet
from rmcli.words import say

STAGES = 4  # scored, a first grouping, bounded, the final grouping
BOTH = 200_000  # juniors x seniors up to which the first grouping is polished and both starts grown


def match_groups(
    pool: Pool,
    *,
    ctx: Context,
    rules: Rules,
    matching: Matching,
    seed: int,
    deadline: float | None = None,
    progress: Progress = quiet,
) -> tuple[list[Match], float | None]:
    """Return groups of the pool and an upper bound on their total.

    Past `deadline` (`time.monotonic()`), the bound takes no more steps and its senior
    pairings are not grown: the first grouping is kept, still placing the most people,
    with a looser bound; reached while a pairing grows, no further round or re-split
    starts and the first grouping is not grown again. `progress` hears the grouping's stages (STAGES of them) and
    the bound's steps.
    """
    phase = say("grouping")
    progress(phase, 0, STAGES)
    juniors, seniors = pool.juniors, pool.seniors
    jmin, jmax = matching.juniors_per_group
    smin, smax = matching.seniors_per_group
    count = min(len(seniors) // smin, len(juniors) // jmin)
    if count == 0:
        return [], None
    # the assignments' scipy import overlaps the scores and the pairs' values (numpy work
    # without the interpreter lock); not for pairs, where it would meet the matrix's peak
    loading = ahead("scipy.optimize")
    table = build(juniors, seniors, weights=ctx.weights, rules=rules, day=ctx.day)
    progress(phase, 1, STAGES)  # scored
    s, a = table.score, table.allowed
    pool.count_eligible(a)
    apart_j = apart(juniors, rules)
    apart_s = apart(seniors, rules)
    teams: list[list[int]] = []
    two = smin == smax == 2
    if two:  # two seniors: pair them by what their best juniors add
        teams = pair_seniors(s, a, count=count, high=jmax, apart=apart_s)
    if not teams:
        teams = leads(s, a, count=count, jmin=jmin)
    sizes = (jmin, jmax, smin, smax)

    def grow(
        start: list[list[int]],
        polish: bool = True,
        seats: list[int] | None = None,
        until: float | None = None,
    ) -> list[Group]:
        """Return the groups grown from `start` teams (unpolished: juniors seated only).

        Past `until` no further round or re-split is started.
        """
        return grow_groups(
            s,
            a,
            teams=start,
            count=count,
            apart_j=apart_j,
            apart_s=apart_s,
            sizes=sizes,
            polish=polish,
            rounds=MAX_ROUNDS if polish else 0,
            seats=seats,
            deadline=until,
        )

    memo = Memo()  # this run's whole-roster search, shared by every settle below

    # with two seniors, a first rough grouping (large rosters: juniors seated once onto
    # the paired seniors, to leave time for the bound) only prices the juniors for the
    # bound, whose averaged senior pairings are then tried (the best one seated is grown
    # and polished too); the better grouping is kept.
    # It is settled first (the most people placed), so the bound may count on as many
    # groups as a grouping placing that many needs.
    def settled(found: list[Group], notes: list[str]) -> list[Group]:
        """Return `found` placing the most people (see `exact.feasible`)."""
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

    def best_start(starts: list[list[list[int]]]) -> tuple[list[list[list[int]]], list[int] | None]:
        """Return the start whose juniors seated once rank best, and that seating."""
        chosen: tuple[tuple[int, float], list[list[int]], list[int] | None] | None = None
        for start in starts:
            before = [list(team) for team in start]
            seats = seat_juniors(s, a, teams=start, apart=apart_j, jmin=jmin, jmax=jmax)
            found = rank(s, grow(start, polish=False, seats=seats))
            if chosen is None or found > chosen[0]:  # the first of equals, as max() keeps
                # filling gaps may add seniors to the start's teams: then seat again
                chosen = (found, start, seats if start == before else None)
        assert chosen is not None
        return [chosen[1]], chosen[2]

    groups = grow(teams, polish=not two or s.size <= BOTH)
    if two:  # interim notes are dropped: the final settle below reports
        groups = settled(groups, [])
    first = rank(s, groups)[0]
    progress(phase, 2, STAGES)  # a first grouping
    limit, again = group_bound(
        s,
        a,
        groups=groups,
        apart_s=apart_s,
        matching=matching,
        count=count,
        deadline=deadline,
        progress=progress,
    )
    progress(phase, 3, STAGES)  # bounded
    seated: list[Group] | None = None  # a start as its juniors were seated onto it, once
    if two and not past(
        deadline
    ):  # the senior pairings the bound's last steps chose most are tried
        starts = [p for p in again if p]
        seats: list[int] | None = None  # the chosen start's first seating, reused
        if len(starts) > 1:  # juniors seated once onto each; the best is grown and polished
            starts, seats = best_start(starts)
        if starts:
            if seats is None:  # as growing seats them first
                seats = seat_juniors(s, a, teams=starts[0], apart=apart_j, jmin=jmin, jmax=jmax)
            members = members_of(seats, len(starts[0]))  # before growing changes the teams
            seated = [(list(team), js) for team, js in zip(starts[0], members, strict=True)]
        other = settled(grow(starts[0], seats=seats, until=deadline), []) if starts else []
        if (rank(s, other) <= rank(s, groups) or s.size <= BOTH) and not past(deadline):
            again_first = settled(grow([ks for ks, _ in groups], until=deadline), [])
            other = max(other, again_first, key=lambda g: rank(s, g))
        if rank(s, other) > rank(s, groups):
            groups = other
    groups = settled(groups, pool.notes)
    # grown back to the start's own seating (nothing re-placed, re-split or added), the
    # juniors sit as seating them afresh would put them: only the seniors are reseated
    groups = reseat(
        s,
        a,
        groups=groups,
        apart_j=apart_j,
        apart_s=apart_s,
        jmin=jmin,
        jmax=jmax,
        seated=groups == seated,
    )
    # the bound counts on as many people placed as the first grouping (never fewer here)
    proven = rank(s, groups)[0] >= first
    progress(phase, STAGES, STAGES)
    found = [
        Match(id="new", juniors=[juniors[j].id for j in js], seniors=[seniors[k].id for k in ks])
        for ks, js in groups
    ]
    people = {p.id: p for p in [*juniors, *seniors]}
    loading.join()
    return [rescore(m, people, ctx) for m in found], limit if proven else None
