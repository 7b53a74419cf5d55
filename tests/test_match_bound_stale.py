"""A pair table carried to new prices: still bounds W on both sides; lists reused stay exact.

(The pair bound carrying its tables is checked against enumeration in test_match_bound_sparse.)
"""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from rmcli.matching.groups.bound import deep, lists
from rmcli.matching.groups.bound.deep import Deep, exact, tiers
from rmcli.matching.groups.bound.lists import list_values, zeros
from rmcli.matching.groups.bound.stale import carried
from rmcli.matching.groups.bound.values import pair_values
from test_match_bound_lists import tables

_FLOORED = {  # every set worth -1, floored to 0; a rising group price must not lift it
    "f": np.zeros((2, 2)),
    "lam": np.ones(2),
    "extra": 0.0,
    "high": 1,
    "low": 1,
    "singles": False,
    "apart": set(),
    "never": None,
}


@settings(max_examples=200, deadline=None)
@given(tables(), st.lists(st.floats(-4, 4), min_size=12, max_size=12), st.floats(-2, 2))
@example(_FLOORED, [0.0] * 12, 1.0)
def test_a_carried_table_bounds_the_new_values(
    table: dict[str, object], moves: list[float], lift: float
) -> None:
    """The lists' table at one set of prices, carried to others, is at least W there and
    its lower values at most W, entry by entry."""
    f, lam, extra = table["f"], table["lam"], table["extra"]
    assert isinstance(f, np.ndarray) and isinstance(lam, np.ndarray) and isinstance(extra, float)
    with patch.object(lists, "LIST", 1):
        found = list_values(**table)  # type: ignore[arg-type]  # the drawn keywords are list_values'
    new = np.maximum(lam + np.array(moves[: lam.size]), 0.0)
    more = max(extra + lift, 0.0)
    keys = {"high": table["high"], "low": table["low"], "singles": table["singles"]}
    zero = zeros(f.shape[0], never=table["never"], apart=table["apart"])  # type: ignore[arg-type]  # drawn
    moved = carried(found, f, lam=new, extra=more, was=(lam, extra), zero=zero, **keys)  # type: ignore[arg-type]  # as above
    full = pair_values(f, lam=new, extra=more, apart=table["apart"], never=table["never"], **keys)  # type: ignore[arg-type]  # as above
    assert (moved.upper >= full - 1e-3).all()
    assert (moved.lower <= full + 1e-3).all()
    assert not (moved.loose & zero).any()


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(1, 3))
def test_shallower_lists_give_the_full_sums(table: dict[str, object], size: int) -> None:
    """Lists cut from deeper ones (`tiers`) settle pairs to the full sums bit for bit."""
    f, lam = table["f"], table["lam"]
    assert isinstance(f, np.ndarray) and isinstance(lam, np.ndarray)
    ns = f.shape[0]
    a, b = (x.ravel() for x in np.meshgrid(np.arange(ns), np.arange(ns)))
    prices = {"lam": lam, "extra": table["extra"], "high": table["high"], "low": table["low"]}
    full = exact(f, a=a, b=b, **prices)  # type: ignore[arg-type]  # the drawn keywords are exact's
    with patch.object(deep, "CHUNK", 5):
        found = exact(f, a=a, b=b, deep=tiers(f, lam=lam, depths=(size, size + 1)), **prices)  # type: ignore[arg-type]  # as above
    assert found.tobytes() == full.tobytes()


@settings(max_examples=150, deadline=None)
@given(tables(), st.lists(st.floats(0, 12), min_size=12, max_size=12), st.integers(1, 3))
def test_repriced_lists_give_the_full_sums(
    table: dict[str, object], later: list[float], size: int
) -> None:
    """Lists chosen at one set of prices and repriced to others settle pairs to the full
    sums at the others, bit for bit."""
    f = table["f"]
    assert isinstance(f, np.ndarray) and isinstance(table["lam"], np.ndarray)
    lam = np.array(later[: f.shape[1]])
    a, b, prices, full = _every_pair(table, lam=lam)
    chosen = tiers(f, lam=table["lam"], depths=(size, size + 1))
    with patch.object(deep, "CHUNK", 5):
        found = exact(f, a=a, b=b, deep=[x.repriced(lam) for x in chosen], **prices)  # type: ignore[arg-type]  # as above
    assert found.tobytes() == full.tobytes()


@settings(max_examples=150, deadline=None)
@given(tables(), st.lists(st.floats(0, 12), min_size=12, max_size=12), st.integers(1, 3))
def test_lists_repriced_then_cut_give_the_full_sums(
    table: dict[str, object], later: list[float], size: int
) -> None:
    """Deep lists chosen at one set of prices, repriced to others and cut shorter there
    (`tiers` with `earlier`: the cuts are prefixes in the new g) settle pairs to the full
    sums at the others, bit for bit."""
    f = table["f"]
    assert isinstance(f, np.ndarray) and isinstance(table["lam"], np.ndarray)
    lam = np.array(later[: f.shape[1]])
    a, b, prices, full = _every_pair(table, lam=lam)
    earlier = Deep.build(f, lam=table["lam"], depth=size + 1)
    assume(earlier is not None)
    chosen = tiers(f, lam=lam, depths=(1, size, size + 1), earlier=earlier)
    assert [x.lists.shape[1] for x in chosen] == [1, size, size + 1]
    with patch.object(deep, "CHUNK", 5):
        found = exact(f, a=a, b=b, deep=chosen, **prices)  # type: ignore[arg-type]  # as above
    assert found.tobytes() == full.tobytes()


def _every_pair(
    table: dict[str, object], *, lam: np.ndarray
) -> tuple[np.ndarray, np.ndarray, dict[str, object], np.ndarray]:
    """Return every pair (a, b), the drawn prices at `lam` and the pairs' full sums."""
    f = table["f"]
    assert isinstance(f, np.ndarray)
    ns = f.shape[0]
    a, b = (x.ravel() for x in np.meshgrid(np.arange(ns), np.arange(ns)))
    prices = {"lam": lam, "extra": table["extra"], "high": table["high"], "low": table["low"]}
    full = exact(f, a=a, b=b, **prices)  # type: ignore[arg-type]  # the drawn keywords are exact's
    return a, b, prices, full
