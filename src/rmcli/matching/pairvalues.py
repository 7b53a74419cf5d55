"""Team values for the pair bound: each senior pair's (or single's) best priced juniors.

value(S) = extra + the `high` largest positive parts of v_S(j) - lam_j over the juniors
j allowed with all of S, where v_S(j) = the summed fit of j with the seniors of S.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.pairing import top_sum
from rmcli.matching.score import Floats


def pair_values(
    f: Floats, *, lam: Floats, extra: float, high: int, singles: bool, apart: set[tuple[int, int]]
) -> Floats:
    """Return W: every pair's value off the diagonal, a single's doubled on it (or 0).

    `f` is seniors x juniors with -inf where a junior may not join a senior. Sums run
    in float32 for speed; `slack` covers their rounding.
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
        x = f32[s, cols][None, :] + g32[s + 1 :][:, cols]
        if singles:  # the single as an extra first row: its own priced values
            x = np.vstack([g32[s, cols][None, :], x])
        np.maximum(x, 0.0, out=x)  # -inf (not allowed) becomes 0
        top = extra + top_sum(x, k=high)
        if singles:
            w[s, s] = 2.0 * top[0]
            top = top[1:]
        w[s, s + 1 :] = top
        w[s + 1 :, s] = top
    for s, t in apart:
        w[s, t] = 0.0
    return w


def slack(f: Floats, lam: Floats, k: int) -> float:
    """Return how far float32 rounding could lower one entry of W (generously)."""
    finite = f[np.isfinite(f)]
    big = 2.0 * float(np.abs(finite).max(initial=0.0)) + float(lam.max(initial=0.0))
    return 2.0 * (k + 4) * k * big * 2.0**-23


def uses(f: Floats, *, lam: Floats, high: int, sigma: list[int], w: Floats) -> tuple[Floats, float]:
    """Return how often each junior is chosen by the assignment's rows, and its groups.

    A row's pair counts half for the groups (the pair appears in two rows), a single whole.
    """
    rows = np.arange(f.shape[0])
    partner = np.array(sigma)
    alone = partner == rows
    x = f - lam[None, :] + np.where(alone[:, None], 0.0, f[partner])
    formed = w[rows, partner] > 0.0  # else nothing chosen, or a pair that may not meet
    x[~formed] = 0.0
    x = np.nan_to_num(np.maximum(x, 0.0))
    at = np.argpartition(-x, high - 1, axis=1)[:, :high]
    chosen = np.take_along_axis(x, at, axis=1) > 0.0
    weight = np.where(alone, 2.0, 1.0)[:, None] * chosen
    use = np.zeros(f.shape[1])
    np.add.at(use, at, weight)
    return use, float(np.where(alone, 1.0, 0.5)[formed].sum())
