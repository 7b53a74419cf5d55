"""The last step's pair table carried to new prices: still bounds W, summed only where needed.

A team's value is the best over sets J of `low` to `high` of its juniors of
extra + sum_J (v(j) - lam_j), floored at 0. Moving the prices from (lam, extra) to
(lam', extra') changes one set's sum by (extra' - extra) + sum_J (lam_j - lam'_j), at
most `rise` = (extra' - extra) + the `high` largest positive drops lam_j - lam'_j, and
at least `fall` = (extra' - extra) - the `high` largest rises. So every new value is at
most max(0, old upper + rise) and, where the old lower is positive (a set is worth it),
that set is worth at least old lower + fall; a lower of 0 may be the floor of sets worth
less and stays 0. The carried table bounds W on both sides, as `lists.Table` asks.
Every carried pair is marked loose, so the certified assignment (`sparse`) sums again
only those that beat their prices. Late in the steps the prices move little and
few pairs do; when many did, the next step takes the lists again (`worth_carrying`).
Pairs held at 0 whatever the prices stay 0; the singles' diagonal is taken again.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.bound.deep import DEEP
from rmcli.matching.groups.bound.lists import LIST, Table, single_values
from rmcli.matching.groups.bound.sparse import PARTNERS
from rmcli.matching.groups.bound.values import cells, partitioned
from rmcli.matching.groups.cores import by_rows
from rmcli.matching.score import Bools, Floats

SHARE = 0.1  # of the pairs: summed again in a carried step above it, the lists come back
CARRIED = (LIST, 2 * LIST, DEEP)  # deep lists' lengths: carried pairs settle on few


def carried(
    table: Table,
    f: Floats,
    *,
    lam: Floats,
    extra: float,
    was: tuple[Floats, float],
    high: int,
    low: int,
    singles: bool,
    zero: Bools,
) -> Table:
    """Return `table` (at the prices `was`, lam and extra) carried to `lam` and `extra`."""
    before, extra_before = was
    moved = lam - before
    k = min(high, moved.size)
    ranked = np.sort(moved)  # one sort: the largest drops first, the largest rises last
    drops = -np.minimum(ranked[:k], 0.0).sum() if k else 0.0  # -0.0: no drop
    rises = np.maximum(ranked[::-1][:k], 0.0).sum() if k else 0.0
    change = extra - extra_before
    lift, sink = change + float(drops), change - float(rises)
    upper, lower = np.empty_like(table.upper), np.empty_like(table.lower)
    loose = np.empty_like(zero)

    def part(rows: slice) -> None:  # entry by entry: row blocks shared among threads
        np.maximum(table.upper[rows] + lift, 0.0, out=upper[rows])
        was = table.lower[rows]
        lower[rows] = np.where(was > 0.0, np.maximum(was + sink, 0.0), 0.0)
        for x in (upper, lower):
            np.copyto(x[rows], 0.0, where=zero[rows])
        np.logical_not(zero[rows], out=loose[rows])

    by_rows(zero.shape[0], part)
    own = single_values(f, lam=lam, extra=extra, high=k, low=low) if singles else 0.0
    np.fill_diagonal(upper, own)
    np.fill_diagonal(lower, own)
    np.fill_diagonal(loose, False)
    earlier = table.deep[-1] if table.deep else None  # its deepest lists, repriced
    return Table(upper=upper, lower=lower, loose=loose, depths=CARRIED, earlier=earlier)


def worth_carrying(table: Table | None) -> bool:
    """Return whether the next step may carry `table` rather than take the lists again."""
    if table is None:
        return False
    ns = table.upper.shape[0]
    return bool(table.settled <= SHARE * ns * (ns - 1) / 2)


def likely(table: Table, *, sigma: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Return the loose pairs likeliest in the best assignment: last step's, and each
    senior's PARTNERS best by the lower values."""
    n = table.lower.shape[0]
    few = min(PARTNERS, n)
    pick = np.zeros((n, n), dtype=bool)
    pick[np.arange(n)[:, None], partitioned(-table.lower, few - 1)[:, :few]] = True
    pick[np.arange(n), sigma] = True
    pick |= pick.T
    pick &= table.loose
    a, b = cells(np.triu(pick, 1))
    return a, b
