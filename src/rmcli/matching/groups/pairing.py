"""Senior pairing for groups of two seniors: pairs valued by their best juniors.

A maximum-weight matching of seniors, approximated by an assignment on the pair values
(its two-cycles are pairs; longer cycles give their heavier edges), the rest greedily.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.cores import by_rows, share, workers
from rmcli.matching.groups.grouping import row_sums
from rmcli.matching.score import Bools, Floats

CANDIDATES = 8  # per senior, times the group's junior count: where pairs seek juniors
BLOCK = 8  # seniors valued at a time (memory: BLOCK x seniors x candidates floats, in cache)
THREADS = 2  # value blocks at once, from SMALL seniors on (up to the machine's cores)
SMALL = 200


def pair_seniors(
    score: Floats, allowed: Bools, *, count: int, high: int, apart: set[tuple[int, int]]
) -> list[list[int]]:
    """Return up to `count` senior pairs: each pair valued by its best `high` juniors.

    The pairs come from the best assignment on those values (its two-cycles and then
    the heavier edges of longer cycles), the rest paired greedily; best pairs first.
    A pair's juniors are sought among each senior's best few only (a heuristic).
    """
    by_junior = np.where(allowed, score, -np.inf)  # a junior's row is gathered whole
    nj, ns = by_junior.shape
    k = min(high, nj)
    if ns < 2 or k == 0:
        return []
    few = min(nj, CANDIDATES * k)
    best = np.empty((ns, few), dtype=np.intp)

    def candidates(rows: slice) -> None:
        """Find each senior's `few` best juniors, on a row of its own (the same values in
        the same order as its column, so the same partition; rows partition faster)."""
        ranked = np.negative(np.nan_to_num(by_junior[:, rows].T, neginf=-1e300), order="C")
        best[rows] = np.argpartition(ranked, few - 1, axis=1)[:, :few]

    by_rows(ns, candidates)  # a senior's row alone: any blocks give the same
    w = np.zeros((ns, ns))

    def value(start: int) -> None:
        """Value the pairs of a block of seniors with every senior: x[s, t, i]."""
        rows = np.arange(start, min(ns, start + BLOCK))
        cols = best[rows]
        y = by_junior[cols]  # y[s, i, t]
        y += by_junior[cols, rows[:, None]][:, :, None]
        np.maximum(y, 0.0, out=y)
        x = np.negative(y.transpose(0, 2, 1), order="C")  # -x[s, t, i], each (s, t) in a row
        x.partition(k - 1, axis=2)
        w[rows] = -row_sums([x[:, :, i] for i in range(k)])  # as x[:, :, :k].sum(axis=2)

    share(value, range(0, ns, BLOCK), threads=workers(ns, cap=THREADS, small=SMALL))
    w = np.maximum(w, w.T)
    np.fill_diagonal(w, 0.0)
    for s, t in apart:
        w[s, t] = -1.0  # never chosen while another partner is left
    _, sigma = assign(w)
    return read_pairs(w, sigma=sigma, count=count, apart=apart)


def read_pairs(
    w: Floats, *, sigma: list[int], count: int, apart: set[tuple[int, int]]
) -> list[list[int]]:
    """Return up to `count` senior pairs: the assignment's cycles, then greedy, best first."""
    ns = w.shape[0]
    edges = sorted(((-w[s, t], s, t) for s, t in enumerate(sigma) if s != t))
    used: set[int] = set()
    pairs: list[list[int]] = []
    for _, s, t in edges:
        if s not in used and t not in used and (s, t) not in apart:
            used |= {s, t}
            pairs.append([s, t])
    rest = [s for s in range(ns) if s not in used]
    while len(rest) >= 2:
        s = rest.pop(0)
        t = max(rest, key=lambda t: (w[s, t], -t))
        if (s, t) not in apart:
            pairs.append([s, t])
        rest.remove(t)
    pairs.sort(key=lambda p: (-w[p[0], p[1]], p))
    return [sorted(p) for p in pairs[:count]]


def assign(w: Floats) -> tuple[float, list[int]]:
    """Return the best assignment value on W and each row's column."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    r, c = linear_sum_assignment(w, maximize=True)
    sigma = [0] * w.shape[0]
    for row, col in zip(r.tolist(), c.tolist(), strict=True):
        sigma[row] = col
    return float(w[r, c].sum()), sigma
