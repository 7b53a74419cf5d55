"""Exact assignment: most pairs first, then the highest total (or the fairest, then total).

One linear assignment (scipy's `linear_sum_assignment`, shortest augmenting paths after
Jonker and Volgenant) with a bonus per pair larger than any total, so cardinality comes
first. `fair` is a bottleneck assignment: bisection over the distinct scores, each step a
maximum bipartite matching (Hopcroft-Karp), then the best total above the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rmcli.matching.score import Bools, Floats, Ints


def _big(score: Floats) -> float:
    """Return a bonus per pair larger than any possible total, so cardinality comes first."""
    if score.size == 0:
        return 1.0
    largest = max(float(score.max()), -float(score.min()))  # no |score| temporary
    return (largest + 1.0) * (int(min(score.shape)) + 1)


def solve(
    score: Floats,
    allowed: Bools,
    *,
    capacity: Sequence[int] | None = None,
    fair: bool = False,
    seed: int = 0,
    reuse: bool = False,
) -> list[tuple[int, int]]:
    """Return (row, col) pairs: as many allowed pairs as possible, then the best total.

    `capacity[r]` copies row r that many times (a junior mentoring several seniors).
    With `fair`, the lowest pair score is raised as far as it goes first.
    Forbidden pairs never appear in the result. With `reuse`, `score` is overwritten
    (saves a copy of a large matrix).
    """
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    if score.size == 0 or not allowed.any():
        return []
    several = capacity is not None and any(c != 1 for c in capacity)
    rows = np.repeat(np.arange(score.shape[0]), list(capacity)) if several and capacity else None
    s = score[rows] if rows is not None else score
    a = allowed[rows] if rows is not None else allowed
    if fair:
        a = a & (s >= _fair_threshold(s, a))
    order_r, order_c = _orders(s.shape, seed)
    big = _big(s)
    cost = s if reuse and rows is None else s.copy()
    cost += big
    np.copyto(cost, 0.0, where=~a)
    if seed:
        cost = cost[order_r][:, order_c]
    r, c = linear_sum_assignment(cost, maximize=True)
    if seed:
        r, c = order_r[r], order_c[c]
    keep = a[r, c]
    r, c = r[keep], c[keep]
    if rows is not None:
        r = rows[r]
    return sorted(zip(r.tolist(), c.tolist(), strict=True))


def _orders(shape: tuple[int, ...], seed: int) -> tuple[Ints, Ints]:
    """Return row and column orders: identity, or a seeded shuffle to break ties."""
    if not seed:
        return np.arange(shape[0]), np.arange(shape[1])
    rng = np.random.default_rng(seed)
    return rng.permutation(shape[0]), rng.permutation(shape[1])


def max_pairs(allowed: Bools) -> int:
    """Return the largest number of pairs the allowed mask admits."""
    from scipy.sparse import csr_matrix  # noqa: PLC0415
    from scipy.sparse.csgraph import maximum_bipartite_matching  # noqa: PLC0415

    if not allowed.any():
        return 0
    found = maximum_bipartite_matching(csr_matrix(allowed), perm_type="column")
    return int((found >= 0).sum())


def _fair_threshold(score: Floats, allowed: Bools) -> float:
    """Return the highest t such that pairs scoring >= t still match as many people."""
    target = max_pairs(allowed)
    values = np.unique(score[allowed])
    low, high = 0, len(values) - 1  # values[low] always works
    while low < high:
        mid = (low + high + 1) // 2
        if max_pairs(allowed & (score >= values[mid])) == target:
            low = mid
        else:
            high = mid - 1
    return float(values[low])
