"""Feasible groups: place the most people the sizes and hard rules allow.

The heuristic grouping is kept when it reaches a simple upper bound on the people any
grouping can place. Otherwise a repair re-solves, exactly, the free people together with
the groups nearest to them (a few rounds, wider each time); if that still falls short,
the whole roster goes to the exact model, with a time limit. A note says when the number
placed could not be proven the most possible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rmcli.matching.groups.exact.model import Found, most_placed, solve_exact
from rmcli.matching.groups.exact.regroup import regroup
from rmcli.matching.groups.grouping import Apart, Group, Pairs, Sizes, placed
from rmcli.matching.score import Bools, Floats
from rmcli.words import N_, say

NEAR = (8, 16, 32)  # groups re-solved with the free people, per repair round
REPAIR_SECONDS = 2.0
EXACT_SECONDS = 10.0
POLISH_ALL = 100  # up to this many groups, all are regrouped for score after a repair
NOT_PROVEN = N_(
    "{placed} people are in groups, which is not proven the most possible: the sizes and "
    "partners allow at most {cap}, and the exact search {why}"
)


@dataclass
class Memo:
    """What one run's whole-roster search found, so later `settle` calls skip it."""

    searched: bool = False
    groups: list[Group] = field(default_factory=list)  # the most people it placed
    proven: bool = False  # no grouping places more
    why: str = ""  # why not proven


def settle(
    s: Floats,
    a: Bools,
    *,
    groups: list[Group],
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
    notes: list[str],
    memo: Memo | None = None,
) -> list[Group]:
    """Return groups placing the most people possible; add a note when not proven.

    Calls that share a `memo` search the whole roster once at most (a run passes one).
    """
    memo = memo or Memo()
    cap = most_placed(a, sizes=sizes)
    if memo.proven:
        cap = min(cap, placed(memo.groups))
    if placed(groups) >= cap:
        return groups  # the common case: nothing to search
    rules = Apart(juniors=apart_j, seniors=apart_s, sizes=sizes)
    start = groups
    for near in NEAR:
        if near >= len(groups) or placed(groups) >= cap:
            break  # the whole roster is searched below
        chosen = nearest(a, groups=groups, rules=rules, count=near)
        rest = [g for i, g in enumerate(groups) if i not in chosen]
        keep = [g for i, g in enumerate(groups) if i in chosen]
        found = _exact(a, keep=keep, rest=rest, rules=rules, seconds=REPAIR_SECONDS)
        if found is not None and placed(found.groups) > placed(keep):
            groups = rest + found.groups
    if placed(groups) < cap and not memo.searched:
        found = _exact(a, keep=groups, rest=[], rules=rules, seconds=EXACT_SECONDS)
        memo.searched, memo.groups = True, found.groups if found else []
        memo.proven = found is not None and found.proven
        if found is None:
            memo.why = say("is too large for this roster")
        elif not found.proven:
            memo.why = (
                say("did not finish within its time limit") if found.stopped else say("failed")
            )
    if placed(groups) < placed(memo.groups):
        groups = [(list(ks), list(js)) for ks, js in memo.groups]
    if placed(groups) > placed(start):
        groups = _regroup(s, a, start=start, groups=groups, rules=rules)
    if placed(groups) < cap and memo.why:
        notes.append(say(NOT_PROVEN, placed=placed(groups), cap=cap, why=memo.why))
    return groups


def _regroup(
    s: Floats, a: Bools, *, start: list[Group], groups: list[Group], rules: Apart
) -> list[Group]:
    """Return the groups with the re-formed ones regrouped for score (all when few)."""
    if len(groups) <= POLISH_ALL:
        return regroup(s, a, groups=groups, rules=rules)
    # the untouched groups were polished by the heuristic already
    before = {_key(g) for g in start}
    same = [g for g in groups if _key(g) in before]
    return same + regroup(s, a, groups=[g for g in groups if _key(g) not in before], rules=rules)


def _key(group: Group) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return a group's members in a comparable form."""
    return tuple(sorted(group[0])), tuple(sorted(group[1]))


def _exact(
    a: Bools, *, keep: list[Group], rest: list[Group], rules: Apart, seconds: float
) -> Found | None:
    """Return the exact grouping of everyone outside `rest`, keeping `keep` where it can."""
    taken_s = {k for ks, _ in rest for k in ks}
    taken_j = {j for _, js in rest for j in js}
    return solve_exact(
        a,
        juniors=[j for j in range(a.shape[0]) if j not in taken_j],
        seniors=[k for k in range(a.shape[1]) if k not in taken_s],
        apart_j=rules.juniors,
        apart_s=rules.seniors,
        sizes=rules.sizes,
        keep=keep,
        seconds=seconds,
    )


def nearest(a: Bools, *, groups: list[Group], rules: Apart, count: int) -> set[int]:
    """Return the indices of the `count` groups whose members the free people fit best."""
    jmin, _, smin, _ = rules.sizes
    free_j = sorted(set(range(a.shape[0])) - {j for _, js in groups for j in js})
    free_s = sorted(set(range(a.shape[1])) - {k for ks, _ in groups for k in ks})
    free_j = [j for j in free_j if a[j].any()]  # who could join no group is no reason
    free_s = [k for k in free_s if a[:, k].sum() >= jmin]
    fit: list[tuple[float, int]] = []
    for g, (ks, js) in enumerate(groups):
        # a free person's share of the group's members they may meet: swaps start there
        ok = float(a[np.ix_(free_j, ks)].sum() + a[np.ix_(js, free_s)].sum())
        ok += sum(len(js) - sum((j, o) in rules.juniors for o in js) for j in free_j)
        ok += sum(len(ks) - sum((k, o) in rules.seniors for o in ks) for k in free_s)
        ok /= len(ks) + len(js)
        # members beyond the smallest size who fit every free person of the other role
        # can leave to start a new group with them
        ok += min(len(js) - jmin, int(a[np.ix_(js, free_s)].all(axis=1).sum()) if free_s else 0)
        ok += min(len(ks) - smin, int(a[np.ix_(free_j, ks)].all(axis=0).sum()) if free_j else 0)
        fit.append((-ok, g))
    return {g for _, g in sorted(fit)[:count]}
