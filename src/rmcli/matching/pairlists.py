"""Team values for the pair bound from each senior's short list of juniors.

A pair's value needs its best `high` juniors by v(j) = f(a, j) + f(b, j) - lam_j. Write
v(j) = g(a, j) + g(b, j) with g(s, j) = f(s, j) - lam_j / 2, and let each senior s keep
the LIST juniors of largest g(s, .), and theta_s, the largest g(s, j) left out. A junior
in neither list of a pair has v(j) <= theta_a + theta_b = t. So with u_1 >= ... >= u_k
the best k = `high` v over the two lists, the sum of max(u_i, t, 0) is at least the
positive parts of the best k over all juniors (at worst the best k of the lists and k
copies of t), hence at least the pair's value: an upper value, valid for the bound.
When t <= u_k (or t <= 0 without group minimums) no left-out junior can change the best
k, so the lists give the value itself (also its `low` smallest-group part); the other
pairs are marked loose and are summed over every junior only when asked (`exact`).
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.pairvalues import pair_values, top_values
from rmcli.matching.score import Bools, Floats

LIST = 64  # juniors kept per senior
CHUNK = 4096  # pairs summed over every junior at a time


def list_values(
    f: Floats,
    *,
    lam: Floats,
    extra: float,
    high: int,
    low: int,
    singles: bool,
    apart: set[tuple[int, int]],
    never: Bools | None = None,
) -> tuple[Floats, Bools]:
    """Return W as `pair_values` does, but upper values where marked loose, and the marks.

    `f` is seniors x juniors with -inf where a junior may not join a senior.
    """
    ns, nj = f.shape
    k = min(high, nj)
    m = min(nj - 1, max(LIST, k))
    if m < k:  # a handful of juniors: every one is looked at
        w = pair_values(
            f, lam=lam, extra=extra, high=k, low=low, singles=singles, apart=apart, never=never
        )
        return w, np.zeros((ns, ns), dtype=bool)
    g = (f - lam[None, :] / 2.0).astype(np.float32)
    f32 = f.astype(np.float32)
    f_t = np.ascontiguousarray(f32.T)  # juniors x seniors: list rows gather fast
    order = np.argpartition(-g, m, axis=1)
    lists = np.ascontiguousarray(order[:, :m])  # contiguous rows gather faster
    theta = np.take_along_axis(g, order[:, m : m + 1], axis=1)[:, 0]
    listed = np.zeros((ns, nj), dtype=bool)
    np.put_along_axis(listed, lists, True, axis=1)
    priced = np.take_along_axis((f - lam[None, :]).astype(np.float32), lists, axis=1)
    w = np.zeros((ns, ns))
    loose = np.zeros((ns, ns), dtype=bool)
    x = np.empty((ns, 2 * m), dtype=np.float32)  # per pair: a's list, then b's
    for a in range(ns - 1):
        y = x[: ns - 1 - a]
        np.add(priced[a][None, :], f_t[lists[a], a + 1 :].T, out=y[:, :m])
        others = np.where(listed[a], np.float32(-np.inf), f32[a])  # a's list counts once
        np.add(np.take(others, lists[a + 1 :]), priced[a + 1 :], out=y[:, m:])
        np.negative(y, out=y)
        y.partition(k - 1, axis=1)
        u = -np.sort(y[:, :k], axis=1)  # the best k, descending
        t = (theta[a] + theta[a + 1 :])[:, None]
        top = np.maximum(np.maximum(u, t), 0.0)  # tight: the positive parts of u
        tight = t[:, 0] <= np.maximum(u[:, -1], 0.0)
        if low:  # the `low` best must be the lists' too, and count even below zero
            tight &= t[:, 0] <= u[:, low - 1]
            top[:, :low] = np.where(tight[:, None], u[:, :low], top[:, :low])
        w[a, a + 1 :] = np.maximum(extra + top.astype(np.float64).sum(axis=1), 0.0)
        loose[a, a + 1 :] = ~tight
    w += w.T
    loose |= loose.T
    if singles:
        own = np.maximum(extra + top_values(f - lam[None, :], high=k, low=low), 0.0)
        np.fill_diagonal(w, 2.0 * own)
    zero = np.zeros((ns, ns), dtype=bool)
    if never is not None:
        zero |= never
    for s, t2 in apart:
        zero[s, t2] = True
    w[zero] = 0.0
    loose &= ~zero
    return w, loose


def exact(
    f: Floats, *, lam: Floats, extra: float, high: int, low: int, a: np.ndarray, b: np.ndarray
) -> Floats:
    """Return the values of the pairs (a[i], b[i]) summed over every junior.

    In float32 like the lists (5x faster than float64 here); `slack` covers the rounding.
    """
    k = min(high, f.shape[1])
    found = np.zeros(a.size)
    f32, lam32 = f.astype(np.float32), lam.astype(np.float32)
    for i in range(0, a.size, CHUNK):
        pa, pb = a[i : i + CHUNK], b[i : i + CHUNK]
        x = f32[pa] + f32[pb]
        x -= lam32[None, :]
        found[i : i + CHUNK] = np.maximum(extra + top_values(x, high=k, low=low), 0.0)
    return found


def fill(
    f: Floats, w: Floats, loose: Bools, *, lam: Floats, extra: float, high: int, low: int
) -> None:
    """Make every loose pair of `w` exact, in place (then `w` equals `pair_values`)."""
    a, b = np.nonzero(np.triu(loose, 1))
    w[a, b] = w[b, a] = exact(f, lam=lam, extra=extra, high=high, low=low, a=a, b=b)
