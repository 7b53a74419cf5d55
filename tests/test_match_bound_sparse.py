"""The pair bound's assignment, solved on few edges: never below the best assignment."""

from __future__ import annotations

import copy
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from rmcli.matching.groups.bound import lagrange, lists, sparse, stale
from rmcli.matching.groups.bound.lists import Table
from rmcli.matching.groups.bound.sparse import certified
from test_match_bound import _best as _enumerated
from test_match_bound import cases


@st.composite
def tables(draw: st.DrawFn) -> tuple[np.ndarray, Table]:
    """Draw a symmetric table W >= 0 and a Table bounding it where marked loose."""
    n = draw(st.integers(1, 9))
    cells = st.sampled_from([0.0, 0.5, 1.0, 2.25, 3.0, 7.5, 9.0])
    w = np.array(draw(st.lists(cells, min_size=n * n, max_size=n * n))).reshape(n, n)
    w = np.triu(w) + np.triu(w, 1).T
    loose = np.array(draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n)))
    loose = np.triu(loose.reshape(n, n), 1)
    loose |= loose.T
    above = np.array(draw(st.lists(cells, min_size=n * n, max_size=n * n))).reshape(n, n)
    above = np.triu(above) + np.triu(above, 1).T
    upper = np.where(loose, w + above, w)
    lower = np.where(loose, np.maximum(w - above, 0.0), w)
    return w, Table(upper=upper, lower=lower, loose=loose)


def _best(w: np.ndarray) -> float:
    r, c = linear_sum_assignment(w, maximize=True)
    return float(w[r, c].sum())


def _run(w: np.ndarray, table: Table) -> tuple[float, list[int], list[int]]:
    asked: list[int] = []

    def settle(a: np.ndarray, b: np.ndarray) -> None:
        asked.extend(a.tolist())
        for x, y in ((a, b), (b, a)):
            table.upper[x, y] = table.lower[x, y] = w[x, y]
            table.loose[x, y] = False

    bound, sigma, _ = certified(table, settle=settle)
    return bound, sigma, asked


@settings(max_examples=200, deadline=None, derandomize=True)
@given(tables())
def test_certified_is_the_best_assignment(case: tuple[np.ndarray, Table]) -> None:
    """Given rounds enough, the bound is the best assignment on W itself, and the
    assignment returned reaches it."""
    w, table = case
    with patch.multiple(sparse, PARTNERS=1, ROUNDS=100, ENOUGH=0):
        bound, sigma, _ = _run(w, table)
    assert sorted(sigma) == list(range(w.shape[0]))
    assert bound == pytest.approx(_best(w), abs=1e-6)
    assert float(w[np.arange(w.shape[0]), sigma].sum()) == pytest.approx(bound, abs=1e-6)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(tables())
def test_stopped_early_still_bounds(case: tuple[np.ndarray, Table]) -> None:
    """After one solve on each senior's single best partner, or stopped with entries
    still above their prices, the bound still holds."""
    w, table = case
    for rounds, enough in ((1, 0), (100, 4)):
        with patch.multiple(sparse, PARTNERS=1, ROUNDS=rounds, ENOUGH=enough):
            bound, _, _ = _run(w, copy.deepcopy(table))
        assert bound >= _best(w) - 1e-9


def test_loose_entries_below_the_prices_stay_loose() -> None:
    """A loose pair that no price could make worth taking is never summed in full."""
    w = np.zeros((4, 4))
    w[0, 1] = w[1, 0] = w[2, 3] = w[3, 2] = 9.0
    loose = np.zeros((4, 4), dtype=bool)
    loose[0, 2] = loose[2, 0] = True  # W is 0 there; the lists only knew it under 1
    table = Table(upper=np.where(loose, 1.0, w), lower=w.copy(), loose=loose)
    bound, sigma, asked = _run(w, table)
    assert bound == pytest.approx(36.0)
    assert sigma == [1, 0, 3, 2]
    assert asked == []
    table.upper[0, 2] = table.upper[2, 0] = 30.0  # now it might pay: it is summed
    _, _, asked = _run(w, table)
    assert asked == [0]


@settings(max_examples=60, deadline=None)
@given(
    cases(),
    st.lists(st.floats(0, 20, allow_nan=False), min_size=5, max_size=5),
    st.integers(0, 2),
    st.booleans(),
)
def test_sparse_pair_bound_never_below_the_best(case, prices, low, carry) -> None:  # type: ignore[no-untyped-def]
    """The pair bound with every step's assignment solved sparse (as on large rosters),
    short lists of one junior and one partner a senior, still bounds every grouping
    (enumerated); also when every step carries the last one's table (`stale`)."""
    score, allowed, high, singles, apart = case
    low = min(low, high)
    best = _enumerated(score, allowed, high=high, singles=singles, apart=apart, low=low)
    with (
        patch.object(lagrange, "SPARSE", 0),
        patch.object(lists, "LIST", 1),
        patch.object(sparse, "PARTNERS", 1),
        patch.object(stale, "SHARE", 1.0 if carry else -1.0),
    ):
        found, _ = lagrange.pair_bound(
            score,
            allowed,
            high=high,
            low=low,
            singles=singles,
            apart=apart,
            prices=np.array(prices[: score.shape[0]]),
            floor=0.0,
            steps=4,
        )
    assert found >= best - 1e-9


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.lists(st.booleans(), min_size=n * n, max_size=n * n)))
def test_pairs_marked_either_way_are_the_upper_triangle(cells: list[bool]) -> None:
    """The pairs to settle are those of the upper triangle of lax | lax.T, in its order."""
    n = round(len(cells) ** 0.5)
    lax = np.array(cells).reshape(n, n)
    a, b = sparse._pairs(lax)
    want = np.nonzero(np.triu(lax | lax.T))
    assert np.array_equal(a, want[0]) and np.array_equal(b, want[1])
