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
pairs are marked loose and are summed over every junior only
when asked (`deep.exact`, from deeper lists where they settle the value).

The seniors are valued BLOCK at a time (fewer numpy calls) on up to THREADS threads:
numpy sorts and sums without the interpreter lock, and each thread writes its own rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from rmcli.matching.groups.bound.deep import DEEP, Deep, exact, tiers
from rmcli.matching.groups.bound.lanes import shortlists
from rmcli.matching.groups.bound.values import cells, pair_values, top_values
from rmcli.matching.groups.cores import share, workers
from rmcli.matching.score import Bools, Floats

LIST = 64  # juniors kept per senior
BLOCK = 8  # seniors valued at a time (memory: BLOCK x seniors x 2 LIST floats)
THREADS = 4  # at most; fewer on a smaller machine
DEEPER = 512  # loose pairs from which deep lists are built (once a table)
SMALL = 200  # seniors: below this, one thread (starting threads would cost more)
FRESH = (2 * LIST, DEEP)  # deep lists' lengths for loose pairs: those of LIST did not settle


def threads(seniors: int) -> int:
    """Return how many threads value the pairs: the machine's cores, up to THREADS."""
    return workers(seniors, cap=THREADS, small=SMALL)


@dataclass
class Table:
    """The pair table W from the short lists: exact where not loose, bounded where loose."""

    upper: Floats  # W where not loose, at least W where loose
    lower: Floats  # W where not loose, at most W where loose (the lists' own best juniors)
    loose: Bools
    depths: tuple[int, ...] = FRESH  # the deep lists' lengths, tried in turn
    deep: list[Deep] | None = None  # built on the first large settle
    earlier: Deep | None = None  # an earlier step's deepest, to reprice rather than build
    settled: int = 0  # pairs made exact so far

    def settle(self, f: Floats, a: np.ndarray, b: np.ndarray, **prices: Any) -> None:
        """Make the pairs (a[i], b[i]) exact (summed over every junior), both ways.

        `prices` are `exact`'s keywords: lam, extra, high, low.
        """
        if a.size:
            if self.deep is None and a.size >= DEEPER:
                lam = prices["lam"]
                self.deep = tiers(f, lam=lam, depths=self.depths, earlier=self.earlier)
            deep = self.deep or []
            found = exact(f, a=a, b=b, deep=deep, threads=threads(f.shape[0]), **prices)
            for x, y in ((a, b), (b, a)):
                self.upper[x, y] = self.lower[x, y] = found
                self.loose[x, y] = False
            self.settled += a.size


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
) -> Table:
    """Return W as `pair_values` does, but bounded on both sides where marked loose.

    `f` is seniors x juniors with -inf where a junior may not join a senior.
    """
    ns, nj = f.shape
    k = min(high, nj)
    m = min(nj - 1, max(LIST, k))
    if m < k:  # a handful of juniors: every one is looked at
        w = pair_values(
            f, lam=lam, extra=extra, high=k, low=low, singles=singles, apart=apart, never=never
        )
        return Table(upper=w, lower=w.copy(), loose=np.zeros((ns, ns), dtype=bool))
    lanes = shortlists(f, lam=lam, m=m, k=k, low=low)
    w = np.zeros((ns, ns))
    lower = np.zeros((ns, ns))
    loose = np.zeros((ns, ns), dtype=bool)

    def part(start: int) -> None:
        lanes.rows(start, start + BLOCK, w=w, lower=lower, loose=loose, extra=extra)

    share(part, range(0, ns - 1, BLOCK), threads=threads(ns))  # disjoint rows: any order
    # new arrays: numpy's x + x.T is about twice as fast as x += x.T (no overlap copy)
    w, lower, loose = w + w.T, lower + lower.T, loose | loose.T
    if singles:
        own = single_values(f, lam=lam, extra=extra, high=k, low=low)
        np.fill_diagonal(w, own)
        np.fill_diagonal(lower, own)
    zero = zeros(ns, never=never, apart=apart)
    w[zero] = 0.0
    lower[zero] = 0.0
    loose &= ~zero
    return Table(upper=w, lower=lower, loose=loose)


def single_values(f: Floats, *, lam: Floats, extra: float, high: int, low: int) -> Floats:
    """Return each single senior's value doubled, W's diagonal (with single-senior groups)."""
    return 2.0 * np.maximum(extra + top_values(f - lam[None, :], high=high, low=low), 0.0)


def zeros(ns: int, *, never: Bools | None, apart: set[tuple[int, int]]) -> Bools:
    """Return the pairs W holds at 0 whatever the prices: too few juniors, or kept apart."""
    zero = np.zeros((ns, ns), dtype=bool) if never is None else never.copy()
    for s, t in apart:
        zero[s, t] = True
    return zero


def fill(f: Floats, table: Table, *, lam: Floats, extra: float, high: int, low: int) -> None:
    """Make every loose pair of `table` exact, in place (then it equals `pair_values`)."""
    a, b = cells(np.triu(table.loose, 1))
    table.settle(f, a, b, lam=lam, extra=extra, high=high, low=low)
