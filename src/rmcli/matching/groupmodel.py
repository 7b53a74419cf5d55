"""An exact model of grouping: the most people in groups within sizes and hard rules.

A mixed-integer program solved by HiGHS (scipy's `milp`). Every possible group is named
by its first senior in index order: senior r opens group r and only seniors after r may
join it, so no two solutions differ by renaming groups (no symmetry to search through).
Two people the rules keep apart never share a group: one row per pair and group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rmcli.matching.gaps import Group
from rmcli.matching.score import Bools

MAX_ENTRIES = 400_000  # constraint non-zeros beyond which the model is not built
Sizes = tuple[int, int, int, int]  # jmin, jmax, smin, smax


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
    apart_j: set[tuple[int, int]],
    apart_s: set[tuple[int, int]],
    sizes: Sizes,
    keep: list[Group],
    seconds: float,
) -> Found | None:
    """Return the grouping of these people placing the most, keeping `keep` where it can.

    None when the model is too large to build; no groups, unproven, when the time ran
    out before any grouping was found.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    jmin, jmax, smin, smax = sizes
    nj, ns = len(juniors), len(seniors)
    sub = a[np.ix_(juniors, seniors)]
    s_at = {k: i for i, k in enumerate(seniors)}
    j_at = {j: i for i, j in enumerate(juniors)}
    near_s = {(s_at[x], s_at[y]) for x, y in apart_s if x in s_at and y in s_at}
    near_j = sorted(
        {(j_at[x], j_at[y]) for x, y in apart_j if x in j_at and j_at.get(y, -1) > j_at[x]}
    )
    var: dict[tuple[str, int, int], int] = {}  # (role, person, group) -> column
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    low: list[float] = []
    high: list[float] = []

    def row(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        """Add one constraint lo <= sum(value * column) <= hi."""
        for col, value in entries:
            rows.append(len(low))
            cols.append(col)
            vals.append(value)
        low.append(lo)
        high.append(hi)

    for r in range(ns):
        if int(sub[:, r].sum()) < jmin:
            continue  # senior r could never lead a group
        members_s = [r] + [k for k in range(r + 1, ns) if smax > 1 and (r, k) not in near_s]
        members_j = [j for j in range(nj) if sub[j, r]]
        for k in members_s:
            var["s", k, r] = len(var)
        for j in members_j:
            var["j", j, r] = len(var)
        opened = var["s", r, r]
        sizes_s = [(var["s", k, r], 1.0) for k in members_s]
        sizes_j = [(var["j", j, r], 1.0) for j in members_j]
        row([*sizes_s, (opened, -float(smax))], -np.inf, 0.0)
        row([*sizes_s, (opened, -float(smin))], 0.0, np.inf)
        row([*sizes_j, (opened, -float(jmax))], -np.inf, 0.0)
        row([*sizes_j, (opened, -float(jmin))], 0.0, np.inf)
        for col, _ in [*sizes_s[1:], *sizes_j]:
            row([(col, 1.0), (opened, -1.0)], -np.inf, 0.0)  # nobody joins an unopened group
        others = members_s[1:]
        for i, k in enumerate(others):
            for m in others[i + 1 :]:
                if (k, m) in near_s:
                    row([(var["s", k, r], 1.0), (var["s", m, r], 1.0)], -np.inf, 1.0)
            for j in members_j:
                if not sub[j, k]:
                    row([(var["j", j, r], 1.0), (var["s", k, r], 1.0)], -np.inf, 1.0)
        for x, y in near_j:
            if ("j", x, r) in var and ("j", y, r) in var:
                row([(var["j", x, r], 1.0), (var["j", y, r], 1.0)], -np.inf, 1.0)
        if len(vals) > MAX_ENTRIES:
            return None
    if not var:
        return Found(groups=[], proven=True)
    for role, count in (("s", ns), ("j", nj)):
        per: list[list[tuple[int, float]]] = [[] for _ in range(count)]
        for (kind, person, _), col in var.items():
            if kind == role:
                per[person].append((col, 1.0))
        for entries in per:
            if len(entries) > 1:
                row(entries, -np.inf, 1.0)  # everyone in at most one group
    # a cut the relaxation misses: it proves the most at once when the search reaches it
    row([(col, 1.0) for col in range(len(var))], -np.inf, float(most_placed(sub, sizes=sizes)))
    # most people first; among those, the most people left where `keep` has them
    everyone = nj + ns
    weight = 2.0 * (everyone + 1)  # > twice the largest keep bonus: room for a gap below
    gain = np.full(len(var), weight)
    for ks, js in keep:
        r = min(s_at[k] for k in ks)
        for role, people, at in (("s", ks, s_at), ("j", js, j_at)):
            for person in people:
                kept = var.get((role, at[person], r))
                if kept is not None:
                    gain[kept] += 1.0
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(low), len(var))).tocsr()
    result = milp(
        -gain,
        constraints=LinearConstraint(matrix, np.array(low), np.array(high)),
        integrality=np.ones(len(var)),
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
    chosen = [key for key, col in var.items() if result.x[col] > 0.5]
    groups = [
        (
            sorted(seniors[k] for role, k, g in chosen if role == "s" and g == r),
            sorted(juniors[j] for role, j, g in chosen if role == "j" and g == r),
        )
        for r in sorted({g for role, k, g in chosen if role == "s" and k == g})
    ]
    return Found(groups=groups, proven=proven, stopped=stopped)
