"""The best assignment on the pair table, solved on a few edges and certified on all.

Half the best assignment on W bounds the teams (see `lagrange`). For any prices v on the
columns, sum_i max_j (W[i, j] - v_j) + sum_j v_j is at least every assignment's value
(each row's term is at least its entry minus its column's price, and every column is
used once): so any v gives a valid bound, the optimal dual prices give the best
assignment's value itself. The table's upper values (`lists.Table`) may stand for W.

The assignment is solved on each senior's few best partners (by the lower values) and
on the edges of earlier steps, with scipy's sparse solver; the column prices come from
its optimum (shortest paths on the remaining exchanges); then every entry of the upper
table is checked against them. Loose entries that exceed their row's price are made
exact, entries that still exceed join the edges, and it is solved again, until no
more than ENOUGH entries do or ROUNDS are spent. With none above, the sparse optimum
is the best of the whole table; with a few, the bound stays valid, a hair above, and a
subgradient step needs no more (a further round cost a whole solve, and most steps
took one only for the last few dozen entries). The solver works on the table rounded
to whole multiples of a small unit (`BITS`); the prices are exact for that table, and
the bound is taken on the upper table itself, so the rounding cannot make it invalid.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rmcli.matching.groups.bound.lists import Table
from rmcli.matching.groups.bound.values import cells, partitioned
from rmcli.matching.groups.certify import best_matching, longest
from rmcli.matching.groups.cores import by_rows
from rmcli.matching.score import Bools, Floats

PARTNERS = 8  # each senior's best partners by the lower values start the edges
ROUNDS = 8  # solves at most per table
ENOUGH = 64  # entries left above their prices with which a step stops (see `certified`)
TOLERANCE = 1e-9  # relative: smaller excesses are float rounding
BITS = 36  # the table is solved in whole multiples of 2^-(BITS - log2 of its largest entry)


def certified(
    table: Table,
    *,
    settle: Callable[[np.ndarray, np.ndarray], None],
    edges: Bools | None = None,
) -> tuple[float, list[int], Bools]:
    """Return a bound on the best assignment on W (equal to it when certified).

    Also returns the best assignment on the edges (each row's column) and the edges
    used, to start the next table's edges from. `settle(a, b)` makes the pairs
    (a[i], b[i]) of the table exact.
    """
    upper, lower, loose = table.upper, table.lower, table.loose
    n = upper.shape[0]
    keep = np.zeros((n, n), dtype=bool) if edges is None else edges.copy()
    rows = np.arange(n)
    few = min(PARTNERS, n)
    best = partitioned(-lower, few - 1)[:, :few]
    keep[rows[:, None], best] = True
    keep |= keep.T
    keep[rows, rows] = True  # staying alone: a full assignment always exists
    top = float(np.abs(upper).max(initial=0.0))
    scale = 2.0 ** (BITS - max(0, int(np.ceil(np.log2(top + 1.0)))))
    tol = TOLERANCE * (1.0 + top)  # above the rounding to 1 / scale
    bound, sigma = np.inf, rows

    def whole(i: np.ndarray, j: np.ndarray) -> Floats:
        """Return lower[i, j] in whole numbers: the solver's sums are exact."""
        found: Floats = np.round(lower.take(i * n + j) * scale)  # flat: faster than [i, j]
        return found

    for _ in range(ROUNDS):
        r, c = cells(keep)  # row by row; keep is symmetric: (c, r) goes column by column
        sigma = _solve(whole(r, c), r=r, c=c, n=n)
        v = _prices(whole(c, r) - whole(c, sigma[c]), cols=r, rows=c, sigma=sigma) / scale
        u = whole(rows, sigma) / scale - v[sigma]
        gain, over, lax = _above(upper, loose, u=u + tol, v=v)
        if lax.any():  # loose entries priced too high: make them exact, look again
            a, b = _pairs(lax)
            settle(a, b)
            for x, y in ((a, b), (b, a)):  # only these entries changed
                at = x * n + y
                changed = upper.take(at) - v[y]
                np.put(gain, at, changed)
                np.put(over, at, changed > u[x] + tol)
        bound = min(bound, float(_row_max(gain).sum() + v.sum()))
        keep |= over | over.T  # the next step starts from them too
        if np.count_nonzero(over) <= ENOUGH:
            break
    return bound, sigma.tolist(), keep


def _above(upper: Floats, loose: Bools, *, u: Floats, v: Floats) -> tuple[Floats, Bools, Bools]:
    """Return upper - v by column, where it is above u by row, and where loose as well
    (on row blocks, one a thread: `by_rows`)."""
    gain = np.empty(upper.shape)
    over = np.empty(upper.shape, dtype=bool)
    lax = np.empty(upper.shape, dtype=bool)

    def part(rows: slice) -> None:
        np.subtract(upper[rows], v[None, :], out=gain[rows])
        np.greater(gain[rows], u[rows, None], out=over[rows])
        np.logical_and(over[rows], loose[rows], out=lax[rows])

    by_rows(upper.shape[0], part)
    return gain, over, lax


def _row_max(gain: Floats) -> Floats:
    """Return each row's largest entry (on row blocks, one a thread)."""
    found = np.empty(gain.shape[0])

    def part(rows: slice) -> None:
        found[rows] = gain[rows].max(axis=1)

    by_rows(gain.shape[0], part)
    return found


def _pairs(lax: Bools) -> tuple[np.ndarray, np.ndarray]:
    """Return the pairs (a <= b) marked either way, row by row (np.nonzero of the upper
    triangle of lax | lax.T, from one pass over lax)."""
    n = lax.shape[0]
    a, b = cells(lax)
    marked = np.zeros(n * n, dtype=bool)  # a flag a pair, read in order: no sort
    marked[np.minimum(a, b) * n + np.maximum(a, b)] = True
    found = np.flatnonzero(marked)
    return found // n, found % n


def _solve(values: Floats, *, r: np.ndarray, c: np.ndarray, n: int) -> np.ndarray:
    """Return each of n rows' column in the best assignment on the entries (r[i], c[i]).

    `values` are whole numbers (see `best_matching`).
    """
    rr, cc = best_matching(values, rows=r, cols=c, shape=(n, n))
    sigma = np.empty(n, dtype=np.intp)
    sigma[rr] = cc
    return sigma


def _prices(gain: Floats, *, cols: np.ndarray, rows: np.ndarray, sigma: np.ndarray) -> Floats:
    """Return column prices v that are optimal duals of `sigma` on the kept entries.

    Row i pays u_i = w[i, sigma_i] - v[sigma_i]; u_i + v_j >= w[i, j] on every kept
    entry (rows[e], cols[e]), grouped by column, each with its diagonal, asks
    v_j >= v[sigma_i] + gain[e], gain[e] = w[i, j] - w[i, sigma_i] (see `longest`).
    """
    return longest(gain, cols=cols, src=sigma[rows], size=sigma.size)
