"""Reseat, the last exact step on a grouping: never a lower total, never a broken rule or
size, the same number of people placed; and it finds a plain swap."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from group_helpers import both_ways, tables
from rmcli.matching.groups.build import complete
from rmcli.matching.groups.grouping import Group, members_of, total
from rmcli.matching.groups.reseat import reseat
from rmcli.matching.groups.seating import seat_juniors

Pair = tuple[int, int]
Case = tuple[np.ndarray, np.ndarray, list[Group], set[tuple[int, int]], set[tuple[int, int]]]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Draw a table (a spare senior and junior may be left over) and a grouping that keeps it."""
    score, allowed, teams, apart_s, apart_j = draw(
        tables(spare=True, senior_rules=3, junior_rules=4)
    )
    seats = seat_juniors(score, allowed, teams=teams, apart=apart_j, jmin=1, jmax=4)
    return score, allowed, complete(teams, seats=seats, jmin=1, smin=2), apart_s, apart_j


@settings(max_examples=80, deadline=None)
@given(cases())
def test_reseat_never_lowers_the_total_nor_breaks_a_rule_or_size(case: Case) -> None:
    """Sizes and rules hold, at least as many people are placed, the total never falls."""
    score, allowed, groups, apart_s, apart_j = case
    found = reseat(score, allowed, groups=groups, apart_j=apart_j, apart_s=apart_s, jmin=1, jmax=4)
    assert total(score, found) >= total(score, groups) - 1e-9
    assert [len(ks) for ks, _ in found] == [len(ks) for ks, _ in groups]
    assert sum(len(js) for _, js in found) >= sum(len(js) for _, js in groups)
    assert all(1 <= len(js) <= 4 for _, js in found)
    people = [p for ks, js in found for p in [*ks, *(-1 - j for j in js)]]
    assert len(people) == len(set(people))  # nobody in two groups
    for ks, js in found:
        assert all(allowed[j, k] for j in js for k in ks)
        assert not any(p in apart_s for p in combinations(ks, 2))
        assert not any(p in apart_j for p in combinations(js, 2))


def test_reseat_swaps_juniors_seated_with_the_wrong_seniors() -> None:
    """Two juniors each placed with the other's best seniors are swapped; sizes stay."""
    score = np.array([[0.0, 0.0, 5.0, 5.0], [5.0, 5.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
    allowed = np.ones_like(score, dtype=bool)
    groups: list[Group] = [([0, 1], [0, 2]), ([2, 3], [1])]
    found = reseat(score, allowed, groups=groups, apart_j=set(), apart_s=set(), jmin=1, jmax=2)
    assert sorted(map(len, (js for _, js in found))) == [1, 2]
    assert total(score, found) == 22.0  # both juniors at their 5s, the third's 1s once


def test_reseat_keeps_groups_when_a_rule_blocks_the_swap() -> None:
    """The junior swap would seat two juniors kept apart together; the seniors move."""
    score = np.array([[0.0, 0.0, 5.0, 5.0], [5.0, 5.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    allowed = np.ones_like(score, dtype=bool)
    groups: list[Group] = [([0, 1], [0]), ([2, 3], [1, 2])]
    apart_j = both_ways([(0, 2)])
    found = reseat(score, allowed, groups=groups, apart_j=apart_j, apart_s=set(), jmin=1, jmax=2)
    for _, js in found:
        assert not any(p in apart_j for p in combinations(js, 2))
    assert total(score, found) == 20.0  # the best the sizes and the rule allow


@settings(max_examples=80, deadline=None)
@given(tables(spare=True, senior_rules=3, junior_rules=4))
def test_juniors_seated_by_seat_juniors_are_reseated_as_they_sit(
    case: tuple[np.ndarray, np.ndarray, list[list[int]], set[Pair], set[Pair]],
) -> None:
    """A grouping that is `seat_juniors`' seating of its teams reseats the same whether the
    juniors are seated afresh or left as they sit (`seated`)."""
    score, allowed, teams, apart_s, apart_j = case
    seats = seat_juniors(score, allowed, teams=teams, apart=apart_j, jmin=1, jmax=4)
    groups: list[Group] = [
        (list(team), js) for team, js in zip(teams, members_of(seats, len(teams)), strict=True)
    ]
    args = {"apart_j": apart_j, "apart_s": apart_s, "jmin": 1, "jmax": 4}
    again = reseat(score, allowed, groups=groups, **args)  # type: ignore[arg-type]  # args hold reseat's keyword types
    assert reseat(score, allowed, groups=groups, seated=True, **args) == again  # type: ignore[arg-type]  # as above
