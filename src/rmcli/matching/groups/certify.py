"""The slot assignment solved on few edges and certified on the whole table by prices.

Seating rows into groups of copied seats (`slots.fill`) is a best matching of rows and
seats, each free to stay alone at 0. Its linear programme's dual asks values x >= 0 on
rows and y >= 0 on seats with x_r + y_c >= W[r, c] on every allowed entry; any such pair
bounds every matching by sum x + sum y. So the matching is solved on a few edges (each
row's best groups) with scipy's sparse solver, the duals are
read from its optimum, and every entry of the whole table is checked against them: the
entries above join the edges and it is solved again. When none is above and the bound
equals the matching's value, the matching is a best one of the whole table, of the same
value as the dense solve (where optima tie, the choice may differ).

The solver works on whole numbers (LAPJVsp can loop forever on fractions, scipy issue
17269): the table is scaled by a power of two, and used only when that makes every
entry whole and small enough that every sum is exact; else, or when ROUNDS are spent,
None is returned and the caller solves densely.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from rmcli.matching.groups.cores import by_rows
from rmcli.matching.score import Bools, Floats

EDGES = 8  # each row's best groups start the edges
ROUNDS = 12  # solves at most before the caller falls back to the dense solve
MARGIN = 2.0  # score units: entries this near their prices join the edges too
EXACT = 2.0**52  # sums of whole numbers stay exact below this

Ints = npt.NDArray[np.intp]


def sparse_fill(
    score: Floats, allowed: Bools, *, low: int, high: int, bonus: tuple[float, float]
) -> list[int] | None:
    """Return each row's group (-1: none) in a best matching of rows into seats.

    Group g has `high` seats; row r at one of its first `low` is worth score + bonus[0],
    at another score + bonus[1] (both above zero), where `allowed` (`score` is 0 where
    not: the caller's masked table, taken once). None when the table
    is not whole at a safe scale or no certificate came in ROUNDS solves.
    """
    rows, groups = score.shape
    whole = _whole(score, bonus=bonus, pairs=min(rows, groups * high) + 1)
    if whole is None:
        return None
    base, lifts, scale = whole
    keep = _start(score, allowed)
    lift = np.where(np.arange(high) < low, lifts[0], lifts[1])  # per seat of a group
    for _ in range(ROUNDS):
        r, c = _expand(keep, high)
        w = base[r, c // high] + lift[c % high]
        at, x, y = _match(r, c, w, rows=rows, seats=groups * high)
        # row r at a seat of group g asks x_r + y_seat >= base + lift: the seat least so
        gap = base - x[:, None] - (y.reshape(groups, high) - lift).min(axis=1)[None, :]
        over = allowed & (gap > 0)
        if not over.any():
            value = float(w[at].sum())
            done = x.min() >= 0 and y.min() >= 0 and value == float(x.sum() + y.sum())
            if not done:
                return None
            found = np.full(rows, -1, dtype=np.intp)
            found[r[at]] = c[at] // high
            return found.tolist()
        keep |= allowed & (gap > -MARGIN * scale)  # near ones too: prices move
    return None


def _whole(
    score: Floats, *, bonus: tuple[float, float], pairs: int
) -> tuple[Floats, tuple[float, float], float] | None:
    """Return the scores, the bonuses and the scale that make them whole, or None."""
    top = float(np.abs(score).max(initial=0.0)) + max(bonus)
    bits = int(np.floor(np.log2(EXACT / (2.0 * pairs * top))))
    scale = 2.0**bits  # a power of two: the products are exact
    base = score * scale
    lifts = (bonus[0] * scale, bonus[1] * scale)
    if not (np.array_equal(base, np.rint(base)) and all(v == round(v) for v in lifts)):
        return None
    return base, lifts, scale


def _start(score: Floats, allowed: Bools) -> Bools:
    """Return the first edges: each row's best groups."""
    rows, groups = score.shape
    few = min(EDGES, groups)
    keep = np.zeros((rows, groups), dtype=bool)

    def part(block: slice) -> None:  # a row's best need its row alone: any blocks alike
        ranked = np.where(allowed[block], -score[block], np.inf)
        best = np.argpartition(ranked, few - 1, axis=1)[:, :few]
        np.put_along_axis(keep[block], best, True, axis=1)
        keep[block] &= allowed[block]

    by_rows(rows, part)
    return keep


def _expand(keep: Bools, high: int) -> tuple[Ints, Ints]:
    """Return the kept (row, seat) edges: every seat of each kept group."""
    r, g = np.nonzero(keep)
    return np.repeat(r, high), (g[:, None] * high + np.arange(high)[None, :]).ravel()


def _match(
    r: Ints, c: Ints, w: Floats, *, rows: int, seats: int
) -> tuple[npt.NDArray[np.bool_], Floats, Floats]:
    """Return which edges a best matching takes, and optimal duals of rows and seats.

    The smaller side is matched in full: each of its nodes may take its own zero edge.
    """
    if rows <= seats:
        at, u, v = _solve(r, c, w, left=rows, right=seats)
        return at, u, v
    at, u, v = _solve(c, r, w, left=seats, right=rows)
    return at, v, u


def _solve(
    i: Ints, j: Ints, w: Floats, *, left: int, right: int
) -> tuple[npt.NDArray[np.bool_], Floats, Floats]:
    """Return the edges a best matching of every left node takes, and the duals u, v."""
    alone = np.arange(left)
    rr, cc = best_matching(
        np.concatenate([w, np.zeros(left)]),
        rows=np.concatenate([i, alone]),
        cols=np.concatenate([j, right + alone]),
        shape=(left, right + left),
    )
    sigma = np.full(left, right, dtype=np.intp)  # `right`: alone
    sigma[rr] = np.minimum(cc, right)
    at = sigma[i] == j
    held = np.zeros(left)
    held[i[at]] = w[at]
    v = _prices(i, j, w, sigma=sigma, held=held, right=right)
    u = held - v[sigma]
    return at, u, v[:right]


def best_matching(
    values: Floats, *, rows: Ints, cols: Ints, shape: tuple[int, int]
) -> tuple[Ints, Ints]:
    """Return the (row, column) entries a best matching of every row takes.

    `values` (of the entries (rows[e], cols[e])) are whole numbers: scipy's sparse solver
    (LAPJVsp) can loop forever on fractions (scipy issue 17269); on whole numbers below
    2^53 its sums are exact.
    """
    from scipy.sparse import csr_matrix  # noqa: PLC0415 (kept out of start-up)
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching  # noqa: PLC0415

    # every full matching has as many entries as rows: the shift keeps the best one and
    # keeps every entry above zero (a stored zero could be taken for no edge)
    shift = 1.0 - float(values.min(initial=0.0))
    graph = csr_matrix((values + shift, (rows, cols)), shape=shape)
    rr, cc = min_weight_full_bipartite_matching(graph, maximize=True)
    return rr, cc


def _prices(i: Ints, j: Ints, w: Floats, *, sigma: Ints, held: Floats, right: int) -> Floats:
    """Return prices v >= 0 of the right nodes (and 0 for alone), optimal for `sigma`.

    A left node at s pays u = W[i, s] - v[s], so u + v_j >= W[i, j] asks v_j >= v[s] +
    W[i, j] - W[i, s] (see `longest`; the last price, staying alone, stays 0).
    """
    order = np.argsort(j, kind="stable")
    return longest((w - held[i])[order], cols=j[order], src=sigma[i[order]], size=right + 1)


def longest(gain: Floats, *, cols: Ints, src: Ints, size: int) -> Floats:
    """Return the longest paths v (from 0) with v[cols[e]] >= v[src[e]] + gain[e].

    The entries come grouped by column. Bellman-Ford: no cycle gains when the exchanges
    are those of a best matching; left unsettled after `size + 1` passes (not the best),
    the prices fail the caller's final check.
    """
    starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]]) if cols.size else cols
    at = cols[starts]
    v = np.zeros(size)
    for _ in range(size + 1):
        if not cols.size:
            break
        found = np.maximum(v[at], np.maximum.reduceat(v[src] + gain, starts))
        if np.array_equal(found, v[at]):
            break
        v[at] = found
    return v
