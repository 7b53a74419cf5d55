"""Reseat: a last exact step on a finished grouping.

Juniors are seated afresh onto the groups' senior teams (each group jmin..jmax), then
seniors onto the senior seats of the groups' junior sets (each group keeping its
count); each is one assignment (a member's value at a group is its summed fit with the
other side there). A result is kept only when it places as many people, keeps every
size and rule and raises the total, so none of these is ever lost.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.grouping import Group, Pairs, members_of, total
from rmcli.matching.groups.seating import first_clash, team_fits, team_sums
from rmcli.matching.groups.slots import fill
from rmcli.matching.score import Bools, Floats

FORBIDDEN = -1e9  # cost of a seat a rule forbids; a result using one is dropped


def reseat(
    s: Floats,
    a: Bools,
    *,
    groups: list[Group],
    apart_j: Pairs,
    apart_s: Pairs,
    jmin: int,
    jmax: int,
    seated: bool = False,
) -> list[Group]:
    """Return the groups after re-seating juniors, then seniors, when that raises the total.

    `seated`: the juniors sit as `seating.seat_juniors` seats them onto these teams (one
    group a team, in order), so seating them afresh, the same assignment, would change
    nothing; only the seniors are re-seated.
    """
    if len(groups) < 2:
        return groups
    juniors = None if seated else _juniors(s, a, groups=groups, apart=apart_j, jmin=jmin, jmax=jmax)
    if juniors is not None:
        found = [(ks, js) for (ks, _), js in zip(groups, juniors, strict=True)]
        if total(s, found) > total(s, groups) + 1e-9:
            groups = found
    seniors = _seats(
        np.stack([s[js].sum(axis=0) for _, js in groups], axis=1),
        np.stack([a[js].all(axis=0) for _, js in groups], axis=1),
        sizes=[len(ks) for ks, _ in groups],
        apart=apart_s,
    )
    if seniors is not None:
        found = [(ks, js) for ks, (_, js) in zip(seniors, groups, strict=True)]
        if total(s, found) > total(s, groups) + 1e-9:
            groups = found
    return groups


def _juniors(
    s: Floats, a: Bools, *, groups: list[Group], apart: Pairs, jmin: int, jmax: int
) -> list[list[int]] | None:
    """Return each group's juniors seated exactly onto its seniors, or None if fewer fit."""
    teams = [ks for ks, _ in groups]
    value = team_sums(s, teams=teams)
    spot = fill(value, team_fits(a, teams=teams), low=jmin, high=jmax)
    members = members_of(spot, len(groups))
    if sum(map(len, members)) < sum(len(js) for _, js in groups):
        return None
    if any(not jmin <= len(m) <= jmax for m in members):
        return None
    return None if first_clash(spot, apart=apart, score=value) is not None else members


def _seats(value: Floats, ok: Bools, *, sizes: list[int], apart: Pairs) -> list[list[int]] | None:
    """Return each group's members (rows) filling exactly `sizes` seats, or None."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    cols = np.repeat(np.arange(len(sizes)), sizes)
    cost = np.where(ok[:, cols], value[:, cols], FORBIDDEN)
    if cost.shape[0] < cost.shape[1]:
        return None
    rows, at = linear_sum_assignment(cost, maximize=True)
    if bool((cost[rows, at] <= FORBIDDEN / 2).any()):
        return None
    spot = [-1] * value.shape[0]
    for r, c in zip(rows.tolist(), at.tolist(), strict=True):
        spot[r] = int(cols[c])
    if first_clash(spot, apart=apart, score=value) is not None:
        return None
    return members_of(spot, len(sizes))
