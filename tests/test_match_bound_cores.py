"""The pair bound's shared and faster steps give the arrays of the plain ones, bit for bit."""

from __future__ import annotations

import threading
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.matching.groups import cores, grouping
from rmcli.matching.groups.bound import values
from rmcli.matching.groups.bound.lists import Table
from rmcli.matching.groups.bound.stale import carried
from rmcli.matching.groups.bound.values import best_first, cells


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=3),
    st.integers(1, 12),
    st.sampled_from([np.float32, np.float64]),
    st.integers(0, 2**32 - 1),
)
def test_best_first_is_the_sorted_largest(shape: list[int], k: int, kind: type, seed: int) -> None:
    """The k largest of each row, largest first: a full sort's, ties and -inf included,
    by argmax passes and (k above FEW) by one partition alike."""
    rng = np.random.default_rng(seed)
    shape[-1] = max(shape[-1], k)
    x = rng.integers(-2, 3, size=shape).astype(kind)
    x[rng.random(shape) < 0.2] = -np.inf
    want = np.moveaxis(-np.sort(-x, axis=-1)[..., :k], -1, 0)  # as planes
    for few in (0, 12):  # one partition; argmax passes
        with patch.object(values, "FEW", few):
            got = best_first(x.copy(), k=k)
        assert got.dtype == x.dtype and got.shape == want.shape
        assert np.array_equal(got, want)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(0, 12), st.integers(0, 2**32 - 1))
def test_sums_of_planes_are_numpys_row_sums(k: int, low: int, seed: int) -> None:
    """Planes summed (`row_sums`, `summed`) give numpy's sums along each row, bit for
    bit: short rows one by one from 0.0, long ones pairwise; signed zeros too."""
    rng = np.random.default_rng(seed)
    low = min(low, k)
    spread = np.ldexp(rng.normal(size=(7, k)), rng.integers(-40, 40, size=(7, k)))  # rounds
    rows = np.sort(spread.astype(np.float32), axis=1)[:, ::-1]
    rows[rng.random((7, k)) < 0.2] = -0.0
    planes = np.ascontiguousarray(rows.T)  # planes[i]: each row's i-th term
    want = rows.astype(np.float64).sum(axis=1)
    assert np.array_equal(grouping.row_sums(list(planes)).view(np.int64), want.view(np.int64))
    forced = rows[:, :low].astype(np.float64).sum(axis=1)
    rest = np.maximum(rows[:, low:], 0.0).astype(np.float64).sum(axis=1)
    got = values.summed(planes, low=low)
    assert np.array_equal(got.view(np.int64), (forced + rest).view(np.int64))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 6), st.integers(0, 6), st.integers(0, 2**32 - 1))
def test_cells_are_nonzero(rows: int, cols: int, seed: int) -> None:
    """The true entries row by row, as np.nonzero gives them."""
    mask = np.random.default_rng(seed).random((rows, cols)) < 0.3
    (a, b), (c, d) = cells(mask), np.nonzero(mask)
    assert np.array_equal(a, c) and np.array_equal(b, d)
    assert a.dtype == c.dtype and b.dtype == d.dtype


def _table(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return upper-triangle values (some -0.0), lower values and loose flags."""
    w = np.triu(rng.integers(-1, 4, size=(n, n)).astype(float) / 2.0, 1)
    w[w == 0.5] = -0.0
    lower = np.triu(np.minimum(w, rng.random((n, n))), 1)
    return w, lower, np.triu(rng.random((n, n)) < 0.4, 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_carried_by_threads_is_the_whole_arrays(n: int, threads: int, seed: int) -> None:
    """A table carried on row blocks shared among threads is the whole arrays' shift."""
    rng = np.random.default_rng(seed)
    w, lower, loose = _table(rng, n)
    upper, lower, loose = w + w.T, lower + lower.T, loose | loose.T
    zero = rng.random((n, n)) < 0.2
    nj = 5
    f = rng.normal(size=(n, nj))
    was, lam = rng.random(nj), rng.random(nj)
    table = Table(upper=upper, lower=lower, loose=loose)
    args = {"lam": lam, "extra": 0.5, "was": (was, 0.25), "high": 2, "low": 1, "singles": False}
    with patch.multiple(cores, workers=lambda *_, **__: threads, ROWS=2):
        found = carried(table, f, zero=zero, **args)  # type: ignore[arg-type]  # args hold carried's keyword types
    moved = np.sort(lam - was)
    lift = 0.25 + float(-np.minimum(moved[:2], 0.0).sum())
    sink = 0.25 - float(np.maximum(moved[::-1][:2], 0.0).sum())
    want_upper = np.maximum(upper + lift, 0.0)
    want_lower = np.where(lower > 0.0, np.maximum(lower + sink, 0.0), 0.0)
    for x in (want_upper, want_lower):
        x[zero] = 0.0
        np.fill_diagonal(x, 0.0)
    want_loose = ~zero
    np.fill_diagonal(want_loose, False)
    assert found.upper.tobytes() == want_upper.tobytes()
    assert found.lower.tobytes() == want_lower.tobytes()
    assert np.array_equal(found.loose, want_loose)


def test_share_runs_every_item_once_on_several_threads() -> None:
    """Each item runs once; the caller and a kept thread both take items; work shared
    from inside an item runs on that item's thread."""
    seen: list[tuple[int, str]] = []
    inner: list[str] = []
    lock = threading.Lock()
    both = threading.Barrier(2, timeout=10)

    def work(item: int) -> None:
        if item < 2:
            both.wait()  # the first two items run at once: on two threads
        with lock:
            seen.append((item, threading.current_thread().name))
        if item == 5:
            here = threading.current_thread().name
            cores.share(lambda _: inner.append(threading.current_thread().name), [0, 1], threads=2)
            assert inner == [here, here]

    cores.share(work, list(range(40)), threads=2)
    assert sorted(item for item, _ in seen) == list(range(40))
    assert len({name for _, name in seen}) == 2


def test_share_raises_a_threads_error_after_every_thread_stopped() -> None:
    """An item's error is raised to the caller; the other items still ran."""
    done: list[int] = []

    def work(item: int) -> None:
        if item == 3:
            raise ValueError(item)
        done.append(item)

    with pytest.raises(ValueError, match="3"):
        cores.share(work, list(range(10)), threads=2)
    assert sorted(done) == [i for i in range(10) if i != 3]
