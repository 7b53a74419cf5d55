"""An upper bound for groups of at most two seniors: prices on juniors (Lagrangian).

Why it is valid. Take any grouping: each group g has seniors S_g (one or two), at most
`high` juniors J_g, each allowed with every senior of g, every junior in at most one
group. Write v_g(j) = sum of f(j, s) over s in S_g. For any prices lam_j >= 0:

    total = sum_g sum_{j in J_g} (v_g(j) - lam_j) + sum_{j placed} lam_j
          <= sum_g value(S_g) + sum_j lam_j

where value(S) = the `high` largest positive parts of v_S(j) - lam_j over the juniors
allowed with all of S (J_g is at most `high` of them; each term <= its positive part).
The teams S_g are disjoint, so they form a matching of seniors (pairs and singles). Put
W[s, t] = value({s, t}) (0 when s and t may not share a group) and W[s, s] =
2 value({s}) when single-senior groups are allowed, else 0. A matching read as a
permutation (pairs swapped, everyone else fixed) scores sum_s W[s, sigma(s)] >=
2 sum_g value(S_g), as W >= 0. So half the best assignment on W plus sum lam bounds
every grouping's total. The prices only tighten it; any lam >= 0 gives a valid bound.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.pairing import assign, read_pairs, top_sum
from rmcli.matching.score import Bools, Floats

STEPS = 16  # subgradient steps on the prices
PATIENCE = 1  # steps without progress before the step length halves


def pair_bound(
    score: Floats,
    allowed: Bools,
    *,
    high: int,
    singles: bool,
    apart: set[tuple[int, int]],
    prices: Floats,
    floor: float,
    count: int = 0,
) -> tuple[float, list[list[int]]]:
    """Return an upper bound on any grouping of at most two seniors per group.

    `prices` start the juniors' prices (e.g. their value in a found grouping);
    `floor` is a known achievable total, used only to size the steps. Also returns
    up to `count` senior pairs read from the assignment at the best prices (a start
    for the grouping, not part of the bound).
    """
    f = np.where(allowed, score, -np.inf).T.copy()  # seniors x juniors
    nj = f.shape[1]
    k = min(high, nj)
    if f.size == 0 or k == 0:
        return 0.0, []
    lam = np.maximum(prices.astype(np.float64), 0.0)
    best, pace, stuck = np.inf, 1.0, 0
    chosen: tuple[Floats, list[int]] | None = None
    for _ in range(STEPS + 1):
        w = _values(f, lam, k, singles=singles, apart=apart)
        value, sigma = assign(w)
        bound = value / 2.0 + float(lam.sum()) + f.shape[0] * _slack(f, lam, k)
        stuck = stuck + 1 if bound >= best else 0
        if bound < best:
            chosen = (w, sigma)
        if stuck == PATIENCE:
            pace, stuck = pace / 2.0, 0  # no progress for a while: shorter steps
        best = min(best, bound)
        use = _uses(f, lam, k, sigma, w)
        grad = 1.0 - use / 2.0
        grad[(lam <= 0.0) & (grad > 0.0)] = 0.0  # prices stay >= 0
        norm = float((grad**2).sum())
        if norm == 0.0 or bound - floor <= 1e-9:
            break
        lam = np.maximum(lam - pace * (bound - floor) / norm * grad, 0.0)
    pairs = (
        read_pairs(chosen[0], sigma=chosen[1], count=count, apart=apart) if chosen and count else []
    )
    return float(best), pairs


def _values(
    f: Floats, lam: Floats, k: int, *, singles: bool, apart: set[tuple[int, int]]
) -> Floats:
    """Return W: each pair's (and single's, doubled) best `k` priced juniors.

    Sums run in float32 for speed; `_slack` covers their rounding.
    """
    ns = f.shape[0]
    f32 = f.astype(np.float32)
    g32 = (f - lam[None, :]).astype(np.float32)
    # junior j can add to a team with s only if f(j, s) + (its best other f) > lam_j
    reach = np.maximum(f.max(axis=0), 0.0) - lam
    w = np.zeros((ns, ns))
    for s in range(ns):
        if s == ns - 1 and not singles:
            break
        cols = np.flatnonzero(f[s] + reach > 0.0)
        if cols.size == 0:
            continue
        x = f32[s, cols][None, :] + g32[s + 1 :][:, cols]
        if singles:  # the single as an extra first row: its own priced values
            x = np.vstack([g32[s, cols][None, :], x])
        np.maximum(x, 0.0, out=x)  # -inf (not allowed) becomes 0
        top = top_sum(x, k=k)
        if singles:
            w[s, s] = 2.0 * top[0]
            top = top[1:]
        w[s, s + 1 :] = top
        w[s + 1 :, s] = top
    for s, t in apart:
        w[s, t] = 0.0
    return w


def _slack(f: Floats, lam: Floats, k: int) -> float:
    """Return how far float32 rounding could lower one entry of W (generously)."""
    finite = f[np.isfinite(f)]
    big = 2.0 * float(np.abs(finite).max(initial=0.0)) + float(lam.max(initial=0.0))
    return 2.0 * (k + 4) * k * big * 2.0**-23


def _uses(f: Floats, lam: Floats, k: int, sigma: list[int], w: Floats) -> Floats:
    """Return how often each junior is among the chosen best of the assignment's rows."""
    rows = np.arange(f.shape[0])
    partner = np.array(sigma)
    x = f - lam[None, :] + np.where((partner == rows)[:, None], 0.0, f[partner])
    x[w[rows, partner] <= 0.0] = 0.0  # nothing chosen, or a pair that may not meet
    x = np.nan_to_num(np.maximum(x, 0.0))
    at = np.argpartition(-x, k - 1, axis=1)[:, :k]
    chosen = np.take_along_axis(x, at, axis=1) > 0.0
    weight = np.where(partner == rows, 2.0, 1.0)[:, None] * chosen
    use = np.zeros(f.shape[1])
    np.add.at(use, at, weight)
    return use
