"""Pair values from short junior lists: never below the full sums, equal unless marked loose."""

from __future__ import annotations

import os
import random
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.matching.groups import cores
from rmcli.matching.groups.bound import lagrange, lists, values
from rmcli.matching.groups.bound.lists import fill, list_values
from rmcli.matching.groups.bound.values import pair_values, too_few
from test_match_bound import _best, cases


@st.composite
def tables(draw: st.DrawFn) -> dict[str, object]:
    """Draw seniors x juniors fits (-inf: may not meet), prices and a team's settings."""
    ns = draw(st.integers(2, 6))
    nj = draw(st.integers(2, 12))
    values = st.one_of(
        st.floats(-3, 9, allow_nan=False).map(lambda v: round(v, 2)), st.just(-np.inf)
    )
    f = np.array(draw(st.lists(values, min_size=ns * nj, max_size=ns * nj))).reshape(ns, nj)
    lam = np.array(draw(st.lists(st.floats(0, 12), min_size=nj, max_size=nj)))
    high = draw(st.integers(1, 4))
    low = draw(st.integers(0, high))
    pairs = [(s, t) for s in range(ns) for t in range(ns) if s < t]
    apart = set(draw(st.lists(st.sampled_from(pairs), max_size=2)))
    apart |= {(t, s) for s, t in apart}
    never = too_few(f, low=low) if low and draw(st.booleans()) else None
    return {
        "f": f,
        "lam": lam,
        "extra": draw(st.sampled_from([0.0, 1.5])),
        "high": high,
        "low": low,
        "singles": draw(st.booleans()),
        "apart": apart,
        "never": never,
    }


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(1, 4))
def test_list_values_bound_and_match_the_full_sums(table: dict[str, object], size: int) -> None:
    """With lists of `size` juniors: every value is at least the full sum, equal where not
    loose, and equal everywhere once the loose pairs are filled."""
    full = pair_values(**table)  # type: ignore[arg-type]  # the drawn keywords are pair_values'
    with patch.object(lists, "LIST", size):
        found = list_values(**table)  # type: ignore[arg-type]  # as above
    upper, lower, loose = found.upper, found.lower, found.loose
    tol = 1e-3
    assert (upper >= full - tol).all()
    assert (lower <= full + tol).all()
    assert np.abs(upper - full)[~loose].max(initial=0.0) <= tol
    assert np.abs(lower - full)[~loose].max(initial=0.0) <= tol
    f, lam = table["f"], table["lam"]
    fill(f, found, lam=lam, extra=table["extra"], high=table["high"], low=table["low"])  # type: ignore[arg-type]  # as above
    assert found.upper == pytest.approx(full, abs=tol)
    assert found.lower == pytest.approx(full, abs=tol)
    assert not found.loose.any()


def test_a_left_out_junior_makes_a_pair_loose() -> None:
    """A pair whose best junior is on neither senior's list is marked loose and valued above."""
    # lists keep one junior (`high`): junior 4 is only third for each senior alone
    # but the pair's best together (5 + 5 against 9 + 0)
    f = np.array([[9.0, 8.0, 0.0, 0.0, 5.0], [0.0, 0.0, 9.0, 8.0, 5.0]])
    lam = np.zeros(5)
    args = {"lam": lam, "extra": 0.0, "high": 1, "low": 0, "singles": False, "apart": set()}
    with patch.object(lists, "LIST", 1):
        found = list_values(f, **args)  # type: ignore[arg-type]  # args hold list_values' keyword types
    assert found.loose[0, 1] and found.loose[1, 0]
    assert found.upper[0, 1] >= 10.0  # the pair with junior 4 is worth 10
    assert found.lower[0, 1] <= 10.0
    fill(f, found, lam=lam, extra=0.0, high=1, low=0)
    assert found.upper[0, 1] == pytest.approx(10.0)


@settings(max_examples=60, deadline=None)
@given(
    cases(),
    st.lists(st.floats(0, 20, allow_nan=False), min_size=5, max_size=5),
    st.integers(0, 2),
)
def test_short_lists_never_bound_below_the_best(case, prices, low) -> None:  # type: ignore[no-untyped-def]
    """Lists of one junior (most pairs loose) still bound every grouping of `low` or more
    juniors a group (enumerated)."""
    score, allowed, high, singles, apart = case
    low = min(low, high)
    best = _best(score, allowed, high=high, singles=singles, apart=apart, low=low)
    with patch.object(lists, "LIST", 1):
        found, _ = lagrange.pair_bound(
            score,
            allowed,
            high=high,
            low=low,
            singles=singles,
            apart=apart,
            prices=np.array(prices[: score.shape[0]]),
            floor=0.0,
            steps=3,
        )
    assert found >= best - 1e-9


@pytest.mark.parametrize("low", [0, 2])
def test_blocks_and_threads_give_the_same_table(low: int) -> None:
    """Seniors valued in blocks over several threads: the same table, bit for bit, as one
    senior at a time on one thread, and the full sums once the loose pairs are filled."""
    rng = np.random.default_rng(7)
    f = rng.integers(0, 12, size=(23, 40)).astype(float)
    f[rng.random(f.shape) < 0.1] = -np.inf
    lam = rng.random(40) * 6.0
    args = {"lam": lam, "extra": 1.0, "high": 4, "low": low, "singles": False, "apart": set()}
    with patch.multiple(lists, LIST=6, BLOCK=1, SMALL=10**9):
        one = list_values(f, **args)  # type: ignore[arg-type]  # args hold list_values' keyword types
    with (
        patch.multiple(lists, LIST=6, BLOCK=3, SMALL=0, THREADS=3),
        patch.object(os, "sched_getaffinity", lambda _: {0, 1, 2}),
    ):
        assert lists.threads(23) == 3
        many = list_values(f, **args)  # type: ignore[arg-type]  # as above
    assert np.array_equal(one.upper, many.upper) and np.array_equal(one.loose, many.loose)
    assert np.array_equal(one.lower, many.lower)
    assert one.loose.any()  # short lists: some pairs need the full sums
    fill(f, many, lam=lam, extra=1.0, high=4, low=low)
    full = pair_values(f, **args)  # type: ignore[arg-type]  # as above
    assert many.upper == pytest.approx(full, abs=1e-3)


def test_small_rosters_use_one_thread() -> None:
    """Below SMALL seniors the pairs are valued on the calling thread alone; from SMALL
    on, on every core the process may use, up to THREADS."""
    with patch.object(os, "sched_getaffinity", lambda _: set(range(8))):
        assert lists.threads(lists.SMALL - 1) == 1
        assert lists.threads(lists.SMALL) == lists.THREADS
    with patch.object(os, "sched_getaffinity", lambda _: {0, 1}):
        assert lists.threads(lists.SMALL) == 2


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 9), st.integers(1, 7), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_rows_partitioned_by_threads_are_one_call(
    rows: int, cols: int, threads: int, seed: int
) -> None:
    """Row blocks shared among threads are partitioned exactly as by one call (ties too)."""
    x = np.random.default_rng(seed).integers(0, 3, size=(rows, cols)).astype(float)
    kth = cols // 2
    with patch.multiple(cores, workers=lambda *_, **__: threads, ROWS=2):
        found = values.partitioned(x, kth)
    assert np.array_equal(found, np.argpartition(x, kth, axis=1))


@settings(max_examples=50, deadline=None)
@given(tables(), st.integers(2, 3), st.randoms(use_true_random=False))
def test_uses_by_threads_are_one_threads(
    table: dict[str, object], threads: int, rnd: random.Random
) -> None:
    """The juniors' uses and the groups counted on row blocks shared among threads are
    those of one block, bit for bit."""
    f, lam, high, low = table["f"], table["lam"], table["high"], table["low"]
    assert isinstance(f, np.ndarray) and isinstance(lam, np.ndarray)
    assert isinstance(high, int) and isinstance(low, int)
    ns = f.shape[0]
    order = list(range(ns))
    rnd.shuffle(order)
    sigma = list(range(ns))
    for s, t in zip(order[::2], order[1::2], strict=False):  # pairs swapped, the rest alone
        sigma[s], sigma[t] = t, s
    w = np.array([[float(rnd.random() < 0.7) for _ in range(ns)] for _ in range(ns)])  # 0: not met
    high = min(high, f.shape[1])
    found = []
    for count, rows in ((1, ns), (threads, 2)):  # one block; blocks of 2 rows on threads
        with patch.multiple(cores, workers=lambda *_, count=count, **__: count, ROWS=rows):
            found.append(values.uses(f, lam=lam, high=high, low=min(low, high), sigma=sigma, w=w))
    (one, groups), (many, more) = found
    assert one.tobytes() == many.tobytes() and groups == more
