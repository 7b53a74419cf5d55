"""The constraints of the exact grouping model, built with numpy (see `model`).

Group r is led by senior r; only seniors after r may join it. Its columns are one block:
first its seniors (r itself first: the group is open when r is in it), then its juniors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from rmcli.matching.groups.grouping import Sizes
from rmcli.matching.score import Bools, Ints


@dataclass
class Layout:
    """Where each group's columns are: its senior and junior members, in index order."""

    leads: list[int] = field(default_factory=list)
    seniors: list[Ints] = field(default_factory=list)  # members, r first
    juniors: list[Ints] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # first column of each group
    columns: int = 0


@dataclass
class Rows:
    """Constraint rows as coordinate lists: row, column, value; and each row's bounds."""

    row: list[Ints] = field(default_factory=list)
    col: list[Ints] = field(default_factory=list)
    val: list[npt.NDArray[np.float64]] = field(default_factory=list)
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    entries: int = 0

    def add(
        self, cols: Ints, vals: list[float] | npt.NDArray[np.float64], lo: float, hi: float
    ) -> None:
        """Add one row lo <= sum(vals * columns) <= hi."""
        self.row.append(np.full(len(cols), len(self.low), dtype=np.int64))
        self.col.append(np.asarray(cols, dtype=np.int64))
        self.val.append(np.asarray(vals, dtype=np.float64))
        self.low.append(lo)
        self.high.append(hi)
        self.entries += len(cols)

    def at_most_one(self, first: Ints, second: Ints) -> None:
        """Add one row x + y <= 1 per pair of columns."""
        n = len(first)
        if not n:
            return
        ids = np.arange(len(self.low), len(self.low) + n, dtype=np.int64)
        self.row.append(np.repeat(ids, 2))
        self.col.append(np.stack([first, second], axis=1).reshape(-1))
        self.val.append(np.ones(2 * n))
        self.low.extend([-np.inf] * n)
        self.high.extend([1.0] * n)
        self.entries += 2 * n


def build(
    sub: Bools,
    *,
    near_s: Bools,
    near_j: Ints,
    sizes: Sizes,
    limit: int,
) -> tuple[Layout, Rows] | None:
    """Return the layout and rows of the model, or None past `limit` entries.

    `sub` is juniors x seniors (allowed), `near_s` seniors x seniors (kept apart),
    `near_j` the pairs (x < y) of juniors kept apart.
    """
    jmin, jmax, smin, smax = sizes
    nj, ns = sub.shape
    layout, rows = Layout(), Rows()
    for r in range(ns):
        if int(sub[:, r].sum()) < jmin:
            continue  # senior r could never lead a group
        later = np.arange(r + 1, ns) if smax > 1 else np.arange(0)
        ms = np.concatenate([[r], later[~near_s[r, later]]]).astype(np.int64)
        mj = np.nonzero(sub[:, r])[0].astype(np.int64)
        start = layout.columns
        cs = start + np.arange(len(ms))
        cj = start + len(ms) + np.arange(len(mj))
        layout.leads.append(r)
        layout.seniors.append(ms)
        layout.juniors.append(mj)
        layout.starts.append(start)
        layout.columns += len(ms) + len(mj)
        opened = cs[:1]
        for cols, low, high in ((cs, smin, smax), (cj, jmin, jmax)):
            ones = np.ones(len(cols))
            rows.add(np.concatenate([cols, opened]), [*ones, -float(high)], -np.inf, 0.0)
            rows.add(np.concatenate([cols, opened]), [*ones, -float(low)], 0.0, np.inf)
        for col in [*cs[1:], *cj]:  # nobody joins an unopened group
            rows.add(np.array([col, opened[0]]), [1.0, -1.0], -np.inf, 0.0)
        others = ms[1:]
        x, y = np.nonzero(~sub[np.ix_(mj, others)])  # junior x may not meet senior y
        rows.at_most_one(cj[x], cs[1:][y])
        x, y = np.nonzero(np.triu(near_s[np.ix_(others, others)], 1))
        rows.at_most_one(cs[1:][x], cs[1:][y])
        at = np.full(nj, -1)
        at[mj] = np.arange(len(mj))
        if len(near_j):
            p, q = at[near_j[:, 0]], at[near_j[:, 1]]
            both = (p >= 0) & (q >= 0)
            rows.at_most_one(cj[p[both]], cj[q[both]])
        if rows.entries > limit:
            return None
    return layout, rows
