"""Team values for the pair bound: each senior pair's (or single's) best priced juniors.

value(S) = 0 when fewer than `low` juniors are allowed with all of S, else
max(0, extra + the `low` largest of v_S(j) - lam_j + the positive parts of the next
`high - low`) over the juniors j allowed with all of S, v_S(j) = the summed fit of j
with the seniors of S. With low = 0, senior s looks only at the juniors who could add
to some team with s (f(s, j) + max(best f of j, 0) > lam_j); the others add nothing.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.cores import by_rows
from rmcli.matching.groups.grouping import row_sums
from rmcli.matching.score import Bools, Floats

FEW = 8  # a row's largest entries, at most, found by argmax passes (more: one partition)


def columns(near: Floats, *, low: int) -> np.ndarray:
    """Return the juniors to look at for one senior: all of them when `low` counts."""
    return np.arange(near.size) if low else np.flatnonzero(near > 0.0)


def pair_values(
    f: Floats,
    *,
    lam: Floats,
    extra: float,
    high: int,
    low: int,
    singles: bool,
    apart: set[tuple[int, int]],
    never: Bools | None = None,
) -> Floats:
    """Return W: every pair's value off the diagonal, a single's doubled on it (or 0).

    `f` is seniors x juniors with -inf where a junior may not join a senior; `never`
    marks teams with too few juniors allowed (see `too_few`). Sums run in float32 for
    speed; `slack` covers their rounding.
    """
    ns = f.shape[0]
    f32 = f.astype(np.float32)
    g32 = (f - lam[None, :]).astype(np.float32)
    near = f + (np.maximum(f.max(axis=0), 0.0) - lam)[None, :]
    w = np.zeros((ns, ns))
    for s in range(ns):
        if s == ns - 1 and not singles:
            break
        cols = columns(near[s], low=low)
        x = f32[s, cols][None, :] + g32[s + 1 :][:, cols]
        if singles:  # the single as an extra first row: its own priced values
            x = np.vstack([g32[s, cols][None, :], x])
        top = extra + top_values(x, high=high, low=low)
        np.maximum(top, 0.0, out=top)
        if singles:
            w[s, s] = 2.0 * top[0]
            top = top[1:]
        w[s, s + 1 :] = top
        w[s + 1 :, s] = top
    if never is not None:
        w[never] = 0.0
    if not singles:
        np.fill_diagonal(w, 0.0)
    for s, t in apart:
        w[s, t] = 0.0
    return w


def too_few(f: Floats, *, low: int) -> Bools:
    """Return which teams (pairs, and singles on the diagonal) have under `low` juniors."""
    ok = np.isfinite(f).astype(np.float32)
    found: Bools = (ok @ ok.T) < low
    return found


def top_values(x: Floats, *, high: int, low: int) -> Floats:
    """Return each row's `low` largest plus the positive parts of its next, to `high`."""
    if not low:
        return top_sum(np.maximum(x, 0.0), k=high)  # -inf (not allowed) becomes 0
    k = min(high, x.shape[1])
    if k < low:
        return np.full(x.shape[0], -np.inf)
    return summed(best_first(np.array(x, copy=True, order="C"), k=k), low=low)


def best_first(x: np.ndarray, *, k: int) -> np.ndarray:
    """Return the k largest entries of each row of x (its last axis), largest first, as k
    planes (found[i] holds each row's i-th largest), in x's type; x (contiguous) is
    overwritten.

    Up to FEW of them by k vectorised argmax passes (each taken entry set to -inf), a few
    times faster than partitioning rows of 64 to 256 entries; the same values as a sort,
    ties included, since only values come out. More: one partition. Planes: the sums
    that follow add whole contiguous planes (`row_sums`), not short rows.
    """
    width = x.shape[-1]
    if k > FEW or not k:
        np.negative(x, out=x)
        x.partition(k - 1, axis=-1)
        found: np.ndarray = np.moveaxis(-np.sort(x[..., :k], axis=-1), -1, 0)
        return found
    rows = x.reshape(-1, width)  # a view: x is contiguous
    flat = rows.reshape(-1)
    start = np.arange(0, flat.size, width)
    top = np.empty((k, rows.shape[0]), dtype=x.dtype)
    for i in range(k):
        at = rows.argmax(axis=1)
        at += start
        flat.take(at, out=top[i])
        flat[at] = -np.inf
    return top.reshape(k, *x.shape[:-1])


def summed(top: np.ndarray, *, low: int) -> Floats:
    """Return each row's `low` first plus the positive parts of the rest, from planes
    largest first (`best_first`)."""
    forced = row_sums(list(top[:low])) if low else np.zeros(top.shape[1:])
    rest = row_sums([np.maximum(p, 0.0) for p in top[low:]]) if low < top.shape[0] else 0.0
    return forced + rest


def top_sum(x: Floats, *, k: int) -> Floats:
    """Return the sum of each row's `k` largest entries (x >= 0; x is overwritten)."""
    rows = np.arange(x.shape[0])
    total = np.zeros(x.shape[0])
    for _ in range(min(k, x.shape[1])):
        at = x.argmax(axis=1)
        total += x[rows, at]
        x[rows, at] = 0.0
    return total


def largest(f: Floats) -> float:
    """Return the largest absolute fit of `f` (-inf entries left out), for `slack`."""
    return float(np.abs(f[np.isfinite(f)]).max(initial=0.0))


def slack(fit: float, lam: Floats, k: int) -> float:
    """Return how far float32 rounding could lower one entry of W (generously).

    `fit` is the largest absolute fit (`largest`), the same at every step.
    """
    big = 2.0 * fit + float(lam.max(initial=0.0))
    return 2.0 * (k + 4) * k * big * 2.0**-23


def uses(
    f: Floats,
    *,
    lam: Floats,
    high: int,
    low: int,
    sigma: list[int],
    w: Floats,
) -> tuple[Floats, float]:
    """Return how often each junior is chosen by the assignment's rows, and its groups.

    A row's pair counts half for the groups (the pair appears in two rows), a single whole.
    """
    ns = f.shape[0]
    partner = np.array(sigma)
    alone = partner == np.arange(ns)
    formed = w[np.arange(ns), partner] > 0.0  # else nothing chosen, or a pair that may not meet
    at = np.empty((ns, high), dtype=np.intp)
    weight = np.empty((ns, high))

    def part(rows: slice) -> None:
        # every junior is looked at: those left out of a senior's columns add nothing
        x = f[rows] - lam[None, :]
        np.add(x, f[partner[rows]], out=x, where=~alone[rows, None])  # no masked copies
        np.negative(x, out=x)  # the best first, in place
        np.minimum(x, np.finfo(np.float64).max, out=x)  # -inf (not allowed) to the lowest
        top = np.argpartition(x, high - 1, axis=1)[:, :high]
        vals = -np.take_along_axis(x, top, axis=1)
        rank = np.argsort(np.argsort(-vals, axis=1, kind="stable"), axis=1, kind="stable")
        allowed = vals > -np.finfo(np.float64).max
        chosen = ((rank < low) & allowed | (vals > 0.0)) & formed[rows, None]
        at[rows] = top
        weight[rows] = np.where(alone[rows], 2.0, 1.0)[:, None] * chosen

    by_rows(ns, part)
    use = np.zeros(f.shape[1])
    np.add.at(use, at, weight)
    return use, float(np.where(alone, 1.0, 0.5)[formed].sum())


def partitioned(x: np.ndarray, kth: int) -> np.ndarray:
    """Return np.argpartition(x, kth, axis=1), its rows shared among threads (`by_rows`:
    a row's order does not depend on the other rows, so the same array as one call)."""
    found = np.empty(x.shape, dtype=np.intp)

    def part(rows: slice) -> None:
        found[rows] = np.argpartition(x[rows], kth, axis=1)

    by_rows(x.shape[0], part)
    return found


def cells(mask: Bools) -> tuple[np.ndarray, np.ndarray]:
    """Return np.nonzero of a 2-d mask (row by row) from one flat pass: on large sparse
    masks several times faster than np.nonzero's two-index walk."""
    flat = np.flatnonzero(mask)
    return np.divmod(flat, max(mask.shape[1], 1))
