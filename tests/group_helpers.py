"""Random two-senior group tables for the local-search tests (hypothesis strategies)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

Table = tuple[np.ndarray, np.ndarray, list[list[int]], set[tuple[int, int]], set[tuple[int, int]]]


def both_ways(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Return the pairs in both orders."""
    return set(pairs) | {(y, x) for x, y in pairs}


@st.composite
def tables(draw: st.DrawFn, *, spare: bool, senior_rules: int, junior_rules: int) -> Table:
    """Draw scores, allowed pairs, senior teams of two and same-role rules kept apart.

    With `spare`, a senior and a junior beyond the teams may be drawn too. Seniors of
    one team are never kept apart from each other.
    """
    count = draw(st.integers(2, 3))
    extra = int(spare)
    ns = 2 * count + draw(st.integers(0, extra))
    nj = draw(st.integers(2 * count, 4 * count + extra))
    values = st.floats(-2, 10, allow_nan=False).map(lambda v: round(v, 1))
    score = np.array(draw(st.lists(values, min_size=nj * ns, max_size=nj * ns))).reshape(nj, ns)
    mask = draw(st.lists(st.booleans(), min_size=nj * ns, max_size=nj * ns))
    allowed = np.array(mask).reshape(nj, ns) | (score > 3)
    teams = [[2 * g, 2 * g + 1] for g in range(count)]
    cross = [(x, y) for x in range(ns) for y in range(ns) if x < y and x // 2 != y // 2]
    apart_s = both_ways(draw(st.lists(st.sampled_from(cross), max_size=senior_rules)))
    pairs_j = [(x, y) for x in range(nj) for y in range(nj) if x < y]
    apart_j = both_ways(draw(st.lists(st.sampled_from(pairs_j), max_size=junior_rules)))
    return score, allowed, teams, apart_s, apart_j
