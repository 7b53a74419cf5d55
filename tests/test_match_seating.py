"""Faster forms of the seating's sums and the senior pairing give the same numbers bit for bit."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.matching.groups import grouping, pairing
from rmcli.matching.groups.grouping import group_sums, total
from rmcli.matching.groups.seating import team_fits, team_sums

Teams = list[list[int]]


@st.composite
def tables(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, Teams]:
    """Draw scores (any floats: sums depend on their order) and teams of 1-10 seniors
    (numpy adds fewer than 8 one by one, more pairwise)."""
    nj, ns = draw(st.integers(1, 6)), draw(st.integers(1, 12))
    cells = st.floats(-1e3, 1e3, allow_nan=False)
    score = np.array(draw(st.lists(cells, min_size=nj * ns, max_size=nj * ns))).reshape(nj, ns)
    allowed = np.array(draw(st.lists(st.booleans(), min_size=nj * ns, max_size=nj * ns)))
    size = draw(st.integers(1, min(10, ns)))
    one = st.lists(st.integers(0, ns - 1), min_size=size, max_size=size, unique=True)
    mixed = st.lists(st.integers(0, ns - 1), min_size=1, max_size=min(5, ns), unique=True)
    teams = draw(st.lists(st.one_of(one, mixed) if draw(st.booleans()) else one, min_size=1))
    return score, allowed.reshape(nj, ns), teams


@settings(max_examples=200, deadline=None, derandomize=True)
@given(tables())
def test_team_sums_are_the_per_team_sums_bit_for_bit(
    case: tuple[np.ndarray, np.ndarray, Teams],
) -> None:
    """One gather for teams of one size sums in the same order as a sum per team."""
    score, allowed, teams = case
    sums = np.stack([score[:, team].sum(axis=1) for team in teams], axis=1)
    fits = np.stack([allowed[:, team].all(axis=1) for team in teams], axis=1)
    assert np.array_equal(team_sums(score, teams=teams).view(np.int64), sums.view(np.int64))
    assert np.array_equal(team_fits(allowed, teams=teams), fits)


def test_threads_pair_the_seniors_as_one_thread_does() -> None:
    """Blocks of any size valued on two threads give the pair values of one block on one."""
    rng = np.random.default_rng(7)
    score = rng.integers(0, 40, size=(90, 70)) / 8.0 + rng.random((90, 70)) / 3.0
    allowed = rng.random((90, 70)) < 0.9
    found, values = [], []

    def assign(w: np.ndarray) -> tuple[float, list[int]]:
        values.append(w.copy())
        return solve(w)

    solve = pairing.assign
    for threads, block in ((1, 70), (2, 8), (2, 3)):
        with patch.multiple(pairing, THREADS=threads, SMALL=0, BLOCK=block, assign=assign):
            found.append(
                pairing.pair_seniors(score, allowed, count=30, high=3, apart={(0, 1), (1, 0)})
            )
    assert found[0] == found[1] == found[2]
    assert all(np.array_equal(values[0], other) for other in values[1:])
    assert len(found[0]) == 30


def test_pairs_of_any_size_are_valued_as_numpy_sums_them() -> None:
    """Pair values added one by one (groups of fewer than 8 juniors) are numpy's sums of
    the same partitioned values, bit for bit; from 8 on numpy's own sum is taken."""
    rng = np.random.default_rng(3)
    score = rng.integers(-8, 40, size=(120, 40)) / 8.0 + rng.random((120, 40)) / 3.0
    score[rng.random(score.shape) < 0.1] = 0.0  # sums of zeros keep their sign too
    allowed = rng.random((120, 40)) < 0.9
    values: list[np.ndarray] = []
    solve = pairing.assign

    def assign(w: np.ndarray) -> tuple[float, list[int]]:
        values.append(w.copy())
        return solve(w)

    for high in (3, 4, 9):
        for pairwise in (1, 8):  # 1: numpy's sum for every size
            with (
                patch.object(grouping, "PAIRWISE", pairwise),
                patch.object(pairing, "assign", assign),
            ):
                pairing.pair_seniors(score, allowed, count=10, high=high, apart=set())
        assert np.array_equal(values[-2].view(np.int64), values[-1].view(np.int64))


@st.composite
def groupings(draw: st.DrawFn) -> tuple[np.ndarray, list[tuple[list[int], list[int]]]]:
    """Draw scores (signed zeros too) and groups of 0-3 seniors and 0-10 juniors."""
    nj, ns = draw(st.integers(1, 12)), draw(st.integers(1, 5))
    cells = st.one_of(st.floats(-1e3, 1e3, allow_nan=False), st.sampled_from([0.0, -0.0]))
    score = np.array(draw(st.lists(cells, min_size=nj * ns, max_size=nj * ns))).reshape(nj, ns)
    group = st.tuples(
        st.lists(st.integers(0, ns - 1), max_size=3, unique=True),
        st.lists(st.integers(0, nj - 1), max_size=10, unique=True),
    )
    return score, draw(st.lists(group, max_size=8))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(groupings())
def test_group_sums_are_each_blocks_sum_bit_for_bit(
    case: tuple[np.ndarray, list[tuple[list[int], list[int]]]],
) -> None:
    """Groups of one shape gathered at once sum as each group's block alone, and the
    total adds them in order."""
    score, groups = case
    alone = [score[np.ix_(js, ks)].sum() for ks, js in groups]
    found = group_sums(score, groups)
    assert np.array_equal(found.view(np.int64), np.array(alone, dtype=float).view(np.int64))
    assert np.array_equal(
        np.array([total(score, groups)]).view(np.int64),
        np.array([float(sum(alone))]).view(np.int64),
    )
