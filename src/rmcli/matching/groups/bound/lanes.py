"""The seniors' short lists for the pair bound (see `lists`), built on row blocks.

Each senior's list, cut-off theta, priced values and float32 rows depend on that
senior's row alone, so the rows are shared among threads (`by_rows`: numpy drops the
interpreter lock) and give the arrays of one call, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rmcli.matching.groups.bound.values import best_first
from rmcli.matching.groups.cores import by_rows
from rmcli.matching.groups.grouping import row_sums
from rmcli.matching.score import Bools, Floats

Floats32 = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Lanes:
    """The seniors' short lists, shared by the threads that value the pairs."""

    f32: Floats32  # seniors x juniors, float32
    f_t: Floats32  # juniors x seniors, float32 (list rows gather fast)
    lists: npt.NDArray[np.intp]  # each senior's listed juniors
    listed: Bools  # seniors x juniors: on the senior's list
    priced: Floats32  # f - lam on each list
    theta: Floats32  # each senior's largest g left out
    k: int
    low: int

    def rows(
        self, start: int, stop: int, *, w: Floats, lower: Floats, loose: Bools, extra: float
    ) -> None:
        """Fill w, lower and loose in rows a, columns a+1:, for the seniors a in start:stop."""
        ns, m, k, low = self.lists.shape[0], self.lists.shape[1], self.k, self.low
        a = np.arange(start, min(stop, ns - 1))
        b = slice(start + 1, ns)  # every later senior; pairs b <= a are dropped at the end
        y = np.empty((a.size, ns - start - 1, 2 * m), dtype=np.float32)  # a's list, b's list
        np.add(
            self.priced[a][:, None, :],
            self.f_t[self.lists[a], b].transpose(0, 2, 1),
            out=y[..., :m],
        )
        others = np.where(self.listed[a], np.float32(-np.inf), self.f32[a])  # a's list once
        np.add(np.take(others, self.lists[b], axis=1), self.priced[b][None], out=y[..., m:])
        u = best_first(y, k=k)  # the best k, descending, as planes (y is overwritten)
        t = self.theta[a][:, None] + self.theta[b][None, :]
        tight = t <= np.maximum(u[-1], 0.0)
        if low:  # the `low` best must be the lists' too, and count even below zero
            tight &= t <= u[low - 1]
        top = [np.maximum(np.maximum(p, t), 0.0) for p in u]  # tight: the positive parts of u
        top[:low] = [np.where(tight, p, q) for p, q in zip(u[:low], top[:low], strict=True)]
        later = np.arange(start + 1, ns)[None, :] > a[:, None]
        value = np.maximum(extra + row_sums(top), 0.0)
        w[a, b] = np.where(later, value, 0.0)
        loose[a, b] = ~tight & later
        # the lists' own best juniors: a grouping can take them, so never above the value
        own = [p if i < low else np.maximum(p, 0.0) for i, p in enumerate(u)]
        value = np.maximum(extra + row_sums(own), 0.0)
        lower[a, b] = np.where(later, value, 0.0)


def shortlists(f: Floats, *, lam: Floats, m: int, k: int, low: int) -> Lanes:
    """Return each senior's `m` juniors of largest g = f - lam / 2, and the rest `rows` needs."""
    ns, nj = f.shape
    half = lam / 2.0
    f32 = np.empty((ns, nj), dtype=np.float32)
    f_t = np.empty((nj, ns), dtype=np.float32)  # juniors x seniors: list rows gather fast
    lists = np.empty((ns, m), dtype=np.intp)  # contiguous rows gather faster
    theta = np.empty(ns, dtype=np.float32)
    listed = np.zeros((ns, nj), dtype=bool)
    priced = np.empty((ns, m), dtype=np.float32)

    def part(rows: slice) -> None:
        g = (f[rows] - half[None, :]).astype(np.float32)
        order = np.argpartition(-g, m, axis=1)
        lists[rows] = order[:, :m]
        theta[rows] = np.take_along_axis(g, order[:, m : m + 1], axis=1)[:, 0]
        np.put_along_axis(listed[rows], lists[rows], True, axis=1)
        own = np.take_along_axis(f[rows], lists[rows], axis=1) - lam[lists[rows]]
        priced[rows] = own.astype(np.float32)  # f - lam, rounded as the whole table would be
        f32[rows] = f[rows]
        f_t[:, rows] = f32[rows].T

    by_rows(ns, part)
    return Lanes(
        f32=f32, f_t=f_t, lists=lists, listed=listed, priced=priced, theta=theta, k=k, low=low
    )
