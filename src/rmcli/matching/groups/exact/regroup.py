"""Regroup for score: after a repair placed more people, raise the total again.

The exact model only counts people, so the groups it re-formed are grown once more by
the score heuristic (seat juniors, re-place seniors, re-split), seeded with its senior
teams; that is kept when it places everyone the repair did, and otherwise the repair's
groups re-split in pairs.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.build import grow_groups
from rmcli.matching.groups.grouping import Apart, Group, members_of, rank
from rmcli.matching.groups.resplit import improve
from rmcli.matching.score import Bools, Floats


def regroup(s: Floats, a: Bools, *, groups: list[Group], rules: Apart) -> list[Group]:
    """Return the better of the groups' people regrown by the heuristic and re-split."""
    split = polish(s, a, groups=groups, rules=rules)
    grown = regrow(s, a, groups=groups, rules=rules)
    return grown if rank(s, grown) > rank(s, split) else split


def regrow(s: Floats, a: Bools, *, groups: list[Group], rules: Apart) -> list[Group]:
    """Return the groups' people grouped by the score heuristic from the same senior teams."""
    juniors = sorted(j for _, js in groups for j in js)
    seniors = sorted(k for ks, _ in groups for k in ks)
    j_at = {j: i for i, j in enumerate(juniors)}
    s_at = {k: i for i, k in enumerate(seniors)}
    found = grow_groups(
        s[np.ix_(juniors, seniors)],
        a[np.ix_(juniors, seniors)],
        teams=[[s_at[k] for k in ks] for ks, _ in groups],
        count=len(groups),
        apart_j={(j_at[x], j_at[y]) for x, y in rules.juniors if x in j_at and y in j_at},
        apart_s={(s_at[x], s_at[y]) for x, y in rules.seniors if x in s_at and y in s_at},
        sizes=rules.sizes,
    )
    return [(sorted(seniors[k] for k in ks), sorted(juniors[j] for j in js)) for ks, js in found]


def polish(s: Floats, a: Bools, *, groups: list[Group], rules: Apart) -> list[Group]:
    """Return the groups after re-splitting pairs of them for a higher total."""
    if len(groups) < 2:
        return groups
    seats = [-1] * a.shape[0]
    for g, (_, js) in enumerate(groups):
        for j in js:
            seats[j] = g
    teams, seats = improve(
        s,
        a,
        [list(ks) for ks, _ in groups],
        seats,
        apart_j=rules.juniors,
        apart_s=rules.seniors,
        sizes=rules.sizes,
    )
    members = members_of(seats, len(teams))
    return [(sorted(ks), sorted(js)) for ks, js in zip(teams, members, strict=True)]
