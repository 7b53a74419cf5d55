"""Loose pairs valued from deep junior lists: the same numbers as the sums over every junior."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rmcli.matching.groups.bound import deep
from rmcli.matching.groups.bound.deep import Deep, exact
from test_match_bound_lists import tables


@settings(max_examples=200, deadline=None)
@given(tables(), st.integers(1, 4), st.integers(1, 3))
def test_deep_lists_give_the_full_sums(table: dict[str, object], size: int, threads: int) -> None:
    """With lists of `size` juniors, every pair's value equals the full sum bit for bit,
    and some pairs are settled by the lists alone."""
    f, lam = table["f"], table["lam"]
    assert isinstance(f, np.ndarray) and isinstance(lam, np.ndarray)
    assume(f.shape[1] > 2 * size)
    ns = f.shape[0]
    a, b = (x.ravel() for x in np.meshgrid(np.arange(ns), np.arange(ns)))
    prices = {"lam": lam, "extra": table["extra"], "high": table["high"], "low": table["low"]}
    full = exact(f, a=a, b=b, **prices)  # type: ignore[arg-type]  # the drawn keywords are exact's
    with patch.object(deep, "DEEP", size), patch.object(deep, "CHUNK", 5):
        lists = Deep.build(f, lam=lam)
        assert lists is not None
        found = exact(f, a=a, b=b, deep=[lists], threads=threads, **prices)  # type: ignore[arg-type]  # as above
    assert found.tobytes() == full.tobytes()


def test_a_pair_settled_by_the_deep_lists() -> None:
    """A pair whose best juniors are on its lists is settled there; one whose best is left
    out of both lists is summed in full (and both are right)."""
    # lists keep one junior: junior 4 is only third for each senior alone but the
    # pair's best together (5 + 5 against 9 + 0)
    f = np.array([[9.0, 8.0, 0.0, 0.0, 5.0], [0.0, 0.0, 9.0, 8.0, 5.0], [9.0, 0.0, 0.0, 0.0, 0.0]])
    lam = np.zeros(5)
    with patch.object(deep, "DEEP", 1):
        lists = Deep.build(f, lam=lam)
        assert lists is not None
        _, tight = lists.values(np.array([0, 0]), np.array([1, 2]), high=1, low=0)
        found = exact(
            f,
            lam=lam,
            extra=0.0,
            high=1,
            low=0,
            a=np.array([0, 0]),
            b=np.array([1, 2]),
            deep=[lists],
        )
    assert tight.tolist() == [False, True]
    assert found.tolist() == [10.0, 18.0]
