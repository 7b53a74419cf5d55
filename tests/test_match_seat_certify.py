"""The slot assignment solved sparse and certified: the dense optimum's value, or None.

The dense slot assignment and, on tiny tables, every seating enumerated are the oracles;
a certificate that is broken (prices tampered with, rounds cut short) never yields a
seating, and the dense solve takes over.
"""

from __future__ import annotations

from itertools import product
from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.matching.groups import certify, slots
from rmcli.matching.groups.certify import sparse_fill

Case = tuple[np.ndarray, np.ndarray, int, int]
CELLS = [-1.5, 0.0, 0.25, 1.0, 2.0, 3.5, 7.0, 9.75]  # whole in quarters: the sparse path applies


@st.composite
def cases(draw: st.DrawFn, *, rows: int = 9, groups: int = 5) -> Case:
    """Draw scores, the allowed mask and seat counts (low..high a group)."""
    n = draw(st.integers(1, rows))
    g = draw(st.integers(1, groups))
    score = np.array(draw(st.lists(st.sampled_from(CELLS), min_size=n * g, max_size=n * g)))
    allowed = np.array(draw(st.lists(st.booleans(), min_size=n * g, max_size=n * g)))
    high = draw(st.integers(1, 3))
    return score.reshape(n, g), allowed.reshape(n, g), draw(st.integers(0, high)), high


def _worth(score: np.ndarray, allowed: np.ndarray, found: list[int], low: int) -> float:
    """Return what the slot assignment maximises: core seats, then rows seated, then score."""
    rows, groups = score.shape
    seat = float(np.abs(np.where(allowed, score, 0.0)).max() + 1.0) * (rows + 1)
    core = seat * (rows + 1)
    counts = np.bincount([g for g in found if g >= 0], minlength=groups)
    seated = sum(float(score[r, g]) + seat for r, g in enumerate(found) if g >= 0)
    return seated + core * float(np.minimum(counts, low).sum())


def _dense(score: np.ndarray, allowed: np.ndarray, low: int, high: int) -> list[int]:
    with patch.object(slots, "SPARSE", 10**18):
        return slots.fill(score, allowed, low=low, high=high)


def _sparse(score: np.ndarray, allowed: np.ndarray, low: int, high: int) -> list[int] | None:
    rows = score.shape[0]
    masked = np.where(allowed, score, 0.0)  # as `slots.fill` passes it
    seat = float(np.abs(masked).max() + 1.0) * (rows + 1)
    core = seat * (rows + 1)
    return sparse_fill(masked, allowed, low=low, high=high, bonus=(core + seat, seat))


def _valid(found: list[int], allowed: np.ndarray, high: int) -> bool:
    counts = np.bincount([g for g in found if g >= 0], minlength=allowed.shape[1])
    return bool(counts.max(initial=0) <= high) and all(
        allowed[r, g] for r, g in enumerate(found) if g >= 0
    )


@settings(max_examples=300, deadline=None, derandomize=True)
@given(cases())
def test_sparse_seating_has_the_dense_optimum_value(case: Case) -> None:
    """Started from each row's single best group, the certified seating is a valid one
    of the dense slot assignment's value."""
    score, allowed, low, high = case
    with patch.object(certify, "EDGES", 1), patch.object(certify, "ROUNDS", 100):
        found = _sparse(score, allowed, low, high)
    assert found is not None
    assert _valid(found, allowed, high)
    assert _worth(score, allowed, found, low) == _worth(
        score, allowed, _dense(score, allowed, low, high), low
    )


@settings(max_examples=150, deadline=None, derandomize=True)
@given(cases(rows=5, groups=3))
def test_sparse_seating_matches_every_seating_enumerated(case: Case) -> None:
    """On tiny tables the certified seating is worth as much as the best of all seatings."""
    score, allowed, low, high = case
    with patch.object(certify, "EDGES", 1), patch.object(certify, "ROUNDS", 100):
        found = _sparse(score, allowed, low, high)
    assert found is not None
    rows, groups = score.shape
    every = (list(s) for s in product(range(-1, groups), repeat=rows))
    best = max(_worth(score, allowed, s, low) for s in every if _valid(s, allowed, high))
    assert _worth(score, allowed, found, low) == best


def _crossed() -> tuple[np.ndarray, np.ndarray]:
    """Each row's and each group's single best entries leave out the best seating."""
    score = np.array([[1.0, 6.0, 7.0], [1.0, 1.0, 3.0], [0.0, 4.0, 4.0]])
    allowed = np.array([[True, True, False], [True, True, True], [True, True, True]])
    return score, allowed


def test_first_edges_alone_are_not_taken_for_the_best() -> None:
    """The first edges' best seating is not certified (no seating after one solve); the
    entries above its prices join, and the best seating is returned."""
    score, allowed = _crossed()
    with patch.object(certify, "EDGES", 1):
        with patch.object(certify, "ROUNDS", 1):
            assert _sparse(score, allowed, 0, 1) is None
        assert _sparse(score, allowed, 0, 1) == [1, 0, 2] == _dense(score, allowed, 0, 1)


def test_tampered_prices_never_yield_a_seating() -> None:
    """With prices that do not certify the matching, no seating is returned and the
    dense solve takes over."""
    score, allowed = _crossed()
    with (
        patch.object(certify, "EDGES", 1),
        patch.object(certify, "_prices", lambda *_, right, **__: np.zeros(right + 1)),
    ):
        assert _sparse(score, allowed, 0, 1) is None
        with patch.object(slots, "SPARSE", 0):
            assert slots.fill(score, allowed, low=0, high=1) == [1, 0, 2]


def test_prices_raised_on_free_seats_never_yield_a_seating() -> None:
    """Prices all raised by one still hold on every entry, but bound more than the
    matching is worth (free seats priced): no seating is returned."""
    score, allowed = _crossed()
    prices = certify._prices

    def raised(*args: object, **kwargs: object) -> np.ndarray:
        v: np.ndarray = prices(*args, **kwargs)  # type: ignore[arg-type]
        v[:-1] += 1.0  # the last, staying alone, stays at 0
        return v

    assert _sparse(score, allowed, 0, 2) is not None  # 6 seats for 3 rows
    with patch.object(certify, "_prices", raised):
        assert _sparse(score, allowed, 0, 2) is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(cases())
def test_a_seating_cut_short_is_none_or_the_best(case: Case) -> None:
    """After a single solve on each row's best group, a seating is returned only when
    the certificate holds: then it is worth the dense optimum."""
    score, allowed, low, high = case
    with patch.object(certify, "EDGES", 1), patch.object(certify, "ROUNDS", 1):
        found = _sparse(score, allowed, low, high)
    if found is not None:
        assert _valid(found, allowed, high)
        assert _worth(score, allowed, found, low) == _worth(
            score, allowed, _dense(score, allowed, low, high), low
        )


def test_tables_not_whole_at_a_safe_scale_are_solved_densely() -> None:
    """A score of a tenth has no exact power-of-two scale: the dense solve answers."""
    score = np.array([[0.1, 0.2], [0.3, 0.7]])
    allowed = np.ones((2, 2), dtype=bool)
    assert _sparse(score, allowed, 1, 1) is None
    with patch.object(slots, "SPARSE", 0):
        assert slots.fill(score, allowed, low=1, high=1) == _dense(score, allowed, 1, 1)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(cases(rows=4, groups=6))
def test_more_seats_than_rows_and_more_rows_than_seats_alike(case: Case) -> None:
    """Either side may be the smaller one matched in full: the value is the dense one."""
    score, allowed, low, high = case
    for s, a in ((score, allowed), (score.T.copy(), allowed.T.copy())):
        with patch.object(certify, "EDGES", 1), patch.object(certify, "ROUNDS", 100):
            found = _sparse(s, a, low, high)
        assert found is not None
        assert _worth(s, a, found, low) == _worth(s, a, _dense(s, a, low, high), low)
