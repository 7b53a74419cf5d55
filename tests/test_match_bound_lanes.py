"""Short and deep lists built on row blocks shared among threads are those of one call."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.matching.groups import cores
from rmcli.matching.groups.bound.deep import Deep
from rmcli.matching.groups.bound.lanes import shortlists


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(2, 9),
    st.integers(1, 3),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_shortlists_by_threads_are_the_one_call_arrays(
    ns: int, nj: int, threads: int, seed: int, ties: bool
) -> None:
    """Every array of the lanes, on blocks of 2 rows, equals the whole table's, bit for bit."""
    rng = np.random.default_rng(seed)
    f = rng.integers(0, 3, size=(ns, nj)).astype(float) if ties else rng.normal(size=(ns, nj))
    f[rng.random((ns, nj)) < 0.2] = -np.inf  # may not meet
    lam = rng.random(nj) * 2.0
    m = rng.integers(1, nj)
    with patch.multiple(cores, workers=lambda *_, **__: threads, ROWS=2):
        found = shortlists(f, lam=lam, m=m, k=1, low=0)
    g = (f - lam[None, :] / 2.0).astype(np.float32)
    order = np.argpartition(-g, m, axis=1)
    lists = order[:, :m]
    listed = np.zeros((ns, nj), dtype=bool)
    np.put_along_axis(listed, lists, True, axis=1)
    f32 = f.astype(np.float32)
    one = {
        "f32": f32,
        "f_t": f32.T,
        "lists": lists,
        "listed": listed,
        "priced": np.take_along_axis((f - lam[None, :]).astype(np.float32), lists, axis=1),
        "theta": np.take_along_axis(g, order[:, m : m + 1], axis=1)[:, 0],
    }
    for name, want in one.items():
        got = getattr(found, name)
        assert got.dtype == want.dtype, name
        assert np.array_equal(got, want), name
    assert found.f_t.flags.c_contiguous and found.lists.flags.c_contiguous


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 9), st.integers(1, 3), st.integers(0, 2**32 - 1), st.booleans())
def test_deep_lists_by_threads_are_the_one_call_lists(
    ns: int, threads: int, seed: int, ties: bool
) -> None:
    """Deep lists built on blocks of 2 rows equal those of one block, bit for bit."""
    rng = np.random.default_rng(seed)
    nj = 12
    f = rng.integers(0, 3, size=(ns, nj)).astype(float) if ties else rng.normal(size=(ns, nj))
    f[rng.random((ns, nj)) < 0.2] = -np.inf  # may not meet
    lam = rng.random(nj) * 2.0
    with patch.multiple(cores, workers=lambda *_, **__: threads, ROWS=2):
        found = Deep.build(f, lam=lam, depth=4)
    with patch.multiple(cores, workers=lambda *_, **__: 1, ROWS=10**6):
        one = Deep.build(f, lam=lam, depth=4)
    assert found is not None and one is not None
    for name in ("f32", "lists", "own", "lam32", "listed", "theta"):
        got, want = getattr(found, name), getattr(one, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name
    assert (found.margin, found.fit) == (one.margin, one.fit)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 9), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_deep_lists_repriced_by_threads_are_the_one_call_lists(
    ns: int, threads: int, seed: int
) -> None:
    """Deep lists repriced on blocks of 2 rows equal those of one block, bit for bit."""
    rng = np.random.default_rng(seed)
    f = rng.integers(0, 3, size=(ns, 12)).astype(float)
    f[rng.random(f.shape) < 0.2] = -np.inf  # may not meet
    deep = Deep.build(f, lam=rng.random(12) * 2.0, depth=4)
    assert deep is not None
    lam = rng.random(12) * 2.0
    with patch.multiple(cores, workers=lambda *_, **__: threads, ROWS=2):
        found = deep.repriced(lam)
    with patch.multiple(cores, workers=lambda *_, **__: 1, ROWS=10**6):
        one = deep.repriced(lam)
    for name in ("lists", "own", "lam32", "listed", "theta"):
        got, want = getattr(found, name), getattr(one, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name
