"""An exact model of grouping: the most people in groups within sizes and hard rules.

A mixed-integer program solved by HiGHS (scipy's `milp`). Every possible group is named
by its first senior in index order: senior r opens group r and only seniors after r may
join it, so no two solutions differ by renaming groups (no symmetry to search through).
Two people the rules keep apart never share a group: one row per pair and group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rmcli.matching.groups.exact.rows import build
from rmcli.matching.groups.grouping import Group, Pairs, Sizes
from rmcli.matching.score import Bools

MAX_ENTRIES = 400_000  # constraint non-zeros beyond which the model is not built


def most_placed(a: Bools, *, sizes: Sizes) -> int:
    """Return an upper bound on the people any grouping places: counts, sizes, partners."""
    jmin, jmax, smin, smax = sizes
    hosts = a.sum(axis=0) >= jmin  # a senior needs `jmin` allowed juniors to be in a group
    seniors = int(hosts.sum())
    juniors = int(a[:, hosts].any(axis=1).sum())
    count = min(seniors // smin, juniors // jmin)
    return min(juniors, count * jmax) + min(seniors, count * smax)


@dataclass(frozen=True)
class Found:
    """A grouping from the model, and whether its number of people placed is proven best."""

    groups: list[Group]
    proven: bool
    stopped: bool = False  # by the time limit


def solve_exact(
    a: Bools,
    *,
    juniors: list[int],
    seniors: list[int],
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
    keep: list[Group],
    seconds: float,
) -> Found | None:
    """Return the grouping of these people placing the most, keeping `keep` where it can.

    None when the model is too large to build; no groups, unproven, when the time ran
    out before any grouping was found.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp  # noqa: PLC0415
    from scipy.sparse import coo_matrix  # noqa: PLC0415

    nj, ns = len(juniors), len(seniors)
    sub = a[np.ix_(juniors, seniors)]
    s_at = {k: i for i, k in enumerate(seniors)}
    j_at = {j: i for i, j in enumerate(juniors)}
    near_s = np.zeros((ns, ns), dtype=bool)
    for x, y in apart_s:
        if x in s_at and y in s_at:
            near_s[s_at[x], s_at[y]] = near_s[s_at[y], s_at[x]] = True
    pairs = {tuple(sorted((j_at[x], j_at[y]))) for x, y in apart_j if x in j_at and y in j_at}
    near_j = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    built = build(sub, near_s=near_s, near_j=near_j, sizes=sizes, limit=MAX_ENTRIES)
    if built is None:
        return None
    layout, rows = built
    if not layout.columns:
        return Found(groups=[], proven=True)
    n = layout.columns
    for role, count in ((0, ns), (1, nj)):  # everyone in at most one group
        cols = [
            layout.starts[g] + (0 if role == 0 else len(layout.seniors[g])) + np.arange(len(m))
            for g, m in enumerate(layout.seniors if role == 0 else layout.juniors)
        ]
        people = np.concatenate(layout.seniors if role == 0 else layout.juniors)
        first = len(rows.low)
        rows.row.append(first + people)
        rows.col.append(np.concatenate(cols))
        rows.val.append(np.ones(len(people)))
        rows.low.extend([-np.inf] * count)
        rows.high.extend([1.0] * count)
    # a cut the relaxation misses: it proves the most at once when the search reaches it
    rows.add(np.arange(n), np.ones(n), -np.inf, float(most_placed(sub, sizes=sizes)))
    # most people first; among those, the most people left where `keep` has them
    everyone = nj + ns
    weight = 2.0 * (everyone + 1)  # > twice the largest keep bonus: room for a gap below
    gain = np.full(n, weight)
    group_of = {r: g for g, r in enumerate(layout.leads)}
    for ks, js in keep:
        g = group_of.get(min(s_at[k] for k in ks))
        if g is None:
            continue
        ms, mj = layout.seniors[g], layout.juniors[g]
        where = [s_at[k] for k in ks], [j_at[j] for j in js]
        for members, offset, local in ((ms, 0, where[0]), (mj, len(ms), where[1])):
            spot = np.searchsorted(members, local)
            hit = (spot < len(members)) & (members[np.minimum(spot, len(members) - 1)] == local)
            gain[layout.starts[g] + offset + spot[hit]] += 1.0
    matrix = coo_matrix(
        (np.concatenate(rows.val), (np.concatenate(rows.row), np.concatenate(rows.col))),
        shape=(len(rows.low), n),
    ).tocsr()
    result = milp(
        -gain,
        constraints=LinearConstraint(matrix, np.array(rows.low), np.array(rows.high)),
        integrality=np.ones(n),
        bounds=Bounds(0.0, 1.0),
        # a gap this small can hide keep bonus but never one more person (see below)
        options={"time_limit": seconds, "mip_rel_gap": 0.4 / max(everyone, 1)},
    )
    stopped = result.status == 1  # a time (or node) limit; other codes are failures
    if result.x is None:
        return Found(groups=[], proven=False, stopped=stopped)
    placed = round(float(result.x.sum()))
    # the objective is weight x placed + kept (kept <= people): a dual bound below
    # weight x (placed + 1) proves that no grouping places more
    bound = getattr(result, "mip_dual_bound", None)
    proven = bound is not None and -float(bound) < weight * (placed + 1) - 0.5
    chosen = result.x > 0.5
    groups: list[Group] = []
    for g, start in enumerate(layout.starts):
        ms, mj = layout.seniors[g], layout.juniors[g]
        if not chosen[start]:
            continue
        in_s = chosen[start : start + len(ms)]
        in_j = chosen[start + len(ms) : start + len(ms) + len(mj)]
        groups.append(
            (
                sorted(seniors[k] for k in ms[in_s].tolist()),
                sorted(juniors[j] for j in mj[in_j].tolist()),
            )
        )
    return Found(groups=groups, proven=proven, stopped=stopped)
