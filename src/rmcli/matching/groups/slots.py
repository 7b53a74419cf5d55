"""Slot assignment: people into groups with a minimum (core) and maximum size, exactly.

Each group is repeated once per seat, so sizes become one linear assignment; core seats
carry a larger bonus, so they are filled before any optional seat.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.certify import sparse_fill
from rmcli.matching.score import Bools, Floats

SPARSE = 1_000_000  # rows x groups from which the assignment is solved sparse, certified


def fill(score: Floats, allowed: Bools, *, low: int, high: int) -> list[int]:
    """Return, per row, the group (column of `score`) it joins, or -1.

    Every group takes at most `high` rows; filling each group's first `low` slots
    comes first, then seating as many rows as possible, then the highest total.
    """
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    rows, groups = score.shape
    found = [-1] * rows
    if rows == 0 or groups == 0 or high == 0:
        return found
    masked = np.where(allowed, score, 0.0)
    seat = float(np.abs(masked).max() + 1.0) * (rows + 1)
    core = seat * (rows + 1)
    if rows * groups >= SPARSE:  # the same value; where optima tie, the choice may differ
        sparse = sparse_fill(masked, allowed, low=low, high=high, bonus=(core + seat, seat))
        if sparse is not None:
            return sparse
    cols = np.repeat(np.arange(groups), high)
    bonus = np.tile(np.where(np.arange(high) < low, core + seat, seat), groups)
    cost = np.where(allowed[:, cols], masked[:, cols] + bonus[None, :], 0.0)
    r, c = linear_sum_assignment(cost, maximize=True)
    for row, col in zip(r.tolist(), c.tolist(), strict=True):
        if allowed[row, cols[col]]:
            found[row] = int(cols[col])
    return found


def bound(score: Floats, allowed: Bools, *, copies: int, high: int) -> float:
    """Return an upper bound: rows may join `copies` groups, groups take `high` rows."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    if score.size == 0:
        return 0.0
    masked = np.where(allowed, score, 0.0)
    rows = np.repeat(np.arange(score.shape[0]), copies)
    cols = np.repeat(np.arange(score.shape[1]), high)
    cost = masked[rows][:, cols]
    r, c = linear_sum_assignment(cost, maximize=True)
    return float(cost[r, c].sum())
