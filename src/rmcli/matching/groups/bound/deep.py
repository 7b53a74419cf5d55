"""Loose pairs made exact: first from deeper junior lists, summed in full only if needed.

Each senior s keeps the DEEP juniors of largest g(s, j) = f(s, j) - lam_j / 2 and
theta_s, the largest g left out (as in `lists`, only deeper). A junior on neither list
of a pair has v(j) = f(a, j) + f(b, j) - lam_j <= theta_a + theta_b = t. The two lists'
values are computed just as `exact` computes them (the same float32 operations on the
same numbers), so when every left-out junior stays below the lists' k-th best (and
their `low`-th), by `margin` for the float32 rounding, the best k are the lists' and
the sum is the same number bit for bit (the top values are summed largest first). The
other pairs are summed over every junior (`exact`). Chunks of pairs go to up to
`threads` threads (numpy gathers and sorts without the interpreter lock); each writes
its own rows, so the result does not depend on their order. The lists are chosen and
theta taken in float32 (faster); `margin` covers that rounding as well.

Each list is kept in falling g, so its first d juniors are the list of depth d, and
the largest g they leave out is the larger of the list's (d+1)-th and theta: most
pairs settle on short lists (`tiers`), few need the deep ones. Lists repriced to other
prices are sorted again by the new g, so their cuts stay right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rmcli.matching.groups.bound.values import best_first, largest, summed, top_values
from rmcli.matching.groups.cores import by_rows, share
from rmcli.matching.score import Bools, Floats

DEEP = 256  # juniors kept per senior
CHUNK = 2048  # pairs valued at a time (memory: CHUNK x 2 DEEP floats, a few times)
Floats32 = np.ndarray  # float32 (top_values takes it like Floats)


@dataclass(frozen=True)
class Deep:
    """Each senior's deep junior list at one set of prices."""

    f32: Floats32  # seniors x juniors, float32
    lists: np.ndarray  # each senior's listed juniors, in falling g (cuts are prefixes)
    own: Floats32  # f32 on each senior's list
    lam32: Floats32  # the prices on each senior's list, float32
    listed: Bools  # seniors x juniors, flattened: on the senior's list
    theta: Floats  # each senior's largest g left out
    margin: float  # above the float32 rounding of a junior's value and of theta
    fit: float  # the largest absolute finite fit (see `_largest`)

    @classmethod
    def build(cls, f: Floats, *, lam: Floats, depth: int = 0) -> Deep | None:
        """Return lists of `depth` juniors (0: DEEP), or None when not much shorter than all."""
        ns, nj = f.shape
        depth = depth or DEEP
        if nj <= 2 * depth:
            return None
        lam32 = lam.astype(np.float32)
        f32 = np.empty((ns, nj), dtype=np.float32)
        lists = np.empty((ns, depth), dtype=np.intp)
        theta = np.empty(ns, dtype=np.float32)
        listed = np.zeros((ns, nj), dtype=bool)

        def part(rows: slice) -> None:  # a senior's list needs its row alone: `by_rows`
            f32[rows] = f[rows]
            g = _g(f32[rows], lam32)
            order = np.argpartition(-g, depth, axis=1)
            theta[rows] = np.take_along_axis(g, order[:, depth : depth + 1], axis=1)[:, 0]
            chosen = order[:, :depth]
            at = _falling(np.take_along_axis(g, chosen, axis=1))
            lists[rows] = np.take_along_axis(chosen, at, axis=1)
            np.put_along_axis(listed[rows], lists[rows], True, axis=1)

        by_rows(ns, part)
        fit = _largest(f32)
        return cls(
            f32=f32,
            lists=lists,
            own=np.take_along_axis(f32, lists, axis=1),
            lam32=lam32[lists],
            listed=listed.ravel(),
            theta=theta.astype(np.float64),
            margin=_margin(fit, lam),
            fit=fit,
        )

    def repriced(self, lam: Floats) -> Deep:
        """Return the same lists at the prices `lam`: sorted and theta taken again.

        A list may hold any juniors: what settles a pair is theta, the largest g left out,
        taken here at the new prices (no new choice of juniors: late steps move little).
        """
        lam32 = lam.astype(np.float32)
        own, priced = self.own, lam32[self.lists]
        listed = self.listed.reshape(self.f32.shape)
        theta = np.empty(own.shape[0])
        at = np.empty(own.shape, dtype=np.intp)

        def part(rows: slice) -> None:  # a senior's row alone: `by_rows`
            theta[rows] = _theta(_g(self.f32[rows], lam32), listed=listed[rows])
            at[rows] = _falling(own[rows] - priced[rows] / np.float32(2.0))  # `_g`, bit for bit

        by_rows(own.shape[0], part)
        return Deep(
            f32=self.f32,
            lists=np.take_along_axis(self.lists, at, axis=1),
            own=np.take_along_axis(own, at, axis=1),
            lam32=np.take_along_axis(priced, at, axis=1),
            listed=self.listed,
            theta=theta,
            margin=_margin(self.fit, lam),
            fit=self.fit,
        )

    def shallower(self, depth: int) -> Deep:
        """Return the lists cut to each senior's `depth` best (under this depth), in
        rising junior order (gathers stay local): theta the larger of the first one cut
        off and this theta."""
        cut = self.own[:, depth] - self.lam32[:, depth] / np.float32(2.0)  # `_g`, bit for bit
        at = np.argsort(self.lists[:, :depth], axis=1)
        lists = np.take_along_axis(self.lists, at, axis=1)
        return Deep(
            f32=self.f32,
            lists=lists,
            own=np.take_along_axis(self.own, at, axis=1),
            lam32=np.take_along_axis(self.lam32, at, axis=1),
            listed=_listed(lists, shape=self.f32.shape),
            theta=np.maximum(self.theta, cut.astype(np.float64)),
            margin=self.margin,
            fit=self.fit,
        )

    def values(self, a: np.ndarray, b: np.ndarray, *, high: int, low: int) -> tuple[Floats, Bools]:
        """Return the top values of the pairs (a[i], b[i]) and where the lists settled them."""
        nj, depth = self.f32.shape[1], self.lists.shape[1]
        flat = self.f32.ravel()
        x: Floats32 = np.empty((a.size, 2 * depth), dtype=np.float32)
        for s, t, part in ((a, b, x[:, :depth]), (b, a, x[:, depth:])):  # s's list, t's fit
            at = self.lists[s]
            at += (t * nj)[:, None]  # in place: one index array a side
            np.add(self.own[s], flat.take(at), out=part)
            part -= self.lam32[s]
        # `at` is b's list in a's row: on both lists, counted once
        np.copyto(x[:, depth:], np.float32(-np.inf), where=self.listed.take(at))
        k = high
        if k > x.shape[1]:  # lists shorter than a group: nothing settled
            return np.zeros(a.size), np.zeros(a.size, dtype=bool)
        u = best_first(x, k=k)  # x is ours: overwritten
        t = self.theta[a] + self.theta[b] + self.margin
        tight = t < np.maximum(u[-1], 0.0)
        if low:
            tight &= t < u[low - 1]
        return summed(u, low=low), tight


def tiers(
    f: Floats, *, lam: Floats, depths: Sequence[int], earlier: Deep | None = None
) -> list[Deep]:
    """Return lists of each depth that is much shorter than all, shortest first.

    The deepest is built (or `earlier`, deep enough, repriced), the others cut from it.
    """
    deepest = max(depths)
    if earlier is not None and earlier.lists.shape[1] >= deepest:
        base: Deep | None = earlier.repriced(lam)
    else:
        base = Deep.build(f, lam=lam, depth=deepest)
    if base is None:
        return []
    return [base.shallower(d) if d < base.lists.shape[1] else base for d in sorted(depths)]


def _falling(g: Floats32) -> np.ndarray:
    """Return the order of each row's entries, largest first."""
    return np.argsort(-g, axis=1, kind="stable")


def _listed(lists: np.ndarray, *, shape: tuple[int, ...]) -> Bools:
    """Return seniors x juniors, flattened: on the senior's list."""
    listed = np.zeros(shape, dtype=bool)
    np.put_along_axis(listed, lists, True, axis=1)
    return listed.ravel()


def _g(f32: Floats32, lam32: Floats32) -> Floats32:
    """Return g = f - lam / 2 in float32 (faster: `margin` covers the rounding)."""
    g: Floats32 = f32 - lam32[None, :] / np.float32(2.0)
    return g


def _theta(g: Floats32, *, listed: Bools) -> Floats:
    """Return each senior's largest g left out of its list."""
    found: Floats = np.where(listed, np.float32(-np.inf), g).max(axis=1).astype(np.float64)
    return found


def _margin(fit: float, lam: Floats) -> float:
    """Return a bound on the float32 rounding of a junior's value and of theta."""
    big = 2.0 * fit + float(lam.max(initial=0.0))
    return 8.0 * (1.0 + big) * 2.0**-23


def _largest(f32: Floats32) -> float:
    """Return the largest absolute finite entry (-inf: may not meet), as `largest` does."""
    top = float(f32.max(initial=0.0))
    if not np.isfinite(top):
        return largest(f32)
    return max(top, -float(f32.min(initial=0.0, where=np.isfinite(f32))))


def exact(
    f: Floats,
    *,
    lam: Floats,
    extra: float,
    high: int,
    low: int,
    a: np.ndarray,
    b: np.ndarray,
    deep: Sequence[Deep] = (),
    threads: int = 1,
) -> Floats:
    """Return the values of the pairs (a[i], b[i]) summed over every junior.

    In float32 like the lists, for speed; `slack` covers the rounding. Deep lists
    (`deep`, built at the same prices, tried in turn) settle most pairs first: the
    same numbers.
    """
    k = min(high, f.shape[1])
    found = np.zeros(a.size)
    f32 = deep[0].f32 if deep else f.astype(np.float32)
    lam32 = lam.astype(np.float32)

    def chunk(i: int) -> None:
        pa, pb = a[i : i + CHUNK], b[i : i + CHUNK]
        top = np.empty(pa.size)
        full = np.ones(pa.size, dtype=bool)
        for lists in deep:
            if not full.any():
                break
            some, tight = lists.values(pa[full], pb[full], high=k, low=low)
            at = np.flatnonzero(full)[tight]
            top[at] = some[tight]
            full[at] = False
        if full.any():
            x = f32[pa[full]] + f32[pb[full]]
            x -= lam32[None, :]
            top[full] = top_values(x, high=k, low=low)
        found[i : i + CHUNK] = np.maximum(extra + top, 0.0)

    share(chunk, range(0, a.size, CHUNK), threads=threads)  # disjoint rows: any order
    return found
