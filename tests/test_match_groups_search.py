"""Local search for two-senior groups: re-splitting pairs of groups never lowers the total
and never breaks a rule or a size."""

from __future__ import annotations

from itertools import combinations
from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from group_helpers import Table, tables
from rmcli.matching.groups import resplit
from rmcli.matching.groups.build import grow_groups
from rmcli.matching.groups.grouping import members_of
from rmcli.matching.groups.resplit import improve
from rmcli.matching.groups.seating import seat_juniors, total

Case = Table


def cases() -> st.SearchStrategy[Case]:
    """Draw a table with teams that fill every senior."""
    return tables(spare=False, senior_rules=2, junior_rules=3)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_resplit_never_lowers_the_total_nor_breaks_a_rule(case: Case) -> None:
    """The groups after re-splitting keep every rule and size and score at least as much."""
    score, allowed, teams, apart_s, apart_j = case
    seats = seat_juniors(score, allowed, teams=teams, apart=apart_j, jmin=1, jmax=4)
    before = total(score, teams=teams, seats=seats)
    sizes_before = [seats.count(g) for g in range(len(teams))]
    new_teams, new_seats = improve(
        score, allowed, teams, seats, apart_j=apart_j, apart_s=apart_s, sizes=(1, 4, 2, 2)
    )
    assert total(score, teams=new_teams, seats=new_seats) >= before - 1e-9
    assert sorted(k for t in new_teams for k in t) == list(range(score.shape[1]))
    assert [j for j, g in enumerate(new_seats) if g >= 0] == [
        j for j, g in enumerate(seats) if g >= 0
    ]  # the same juniors stay placed
    for g, team in enumerate(new_teams):
        members = [j for j, h in enumerate(new_seats) if h == g]
        assert len(team) == 2 and not any(p in apart_s for p in combinations(team, 2))
        assert all(allowed[j, k] for j in members for k in team)
        assert not any(p in apart_j for p in combinations(members, 2))
        if all(1 <= n <= 4 for n in sizes_before):
            assert 1 <= len(members) <= 4


@settings(max_examples=60, deadline=None)
@given(cases())
def test_a_passed_deadline_stops_growing_after_the_first_seating(case: Case) -> None:
    """Past the deadline a grouping is only seated (no rounds, no re-splits); the same
    seating, passed in, is taken as the first one."""
    score, allowed, teams, apart_s, apart_j = case
    args = {"count": len(teams), "apart_j": apart_j, "apart_s": apart_s, "sizes": (1, 4, 2, 2)}
    seated = grow_groups(
        score, allowed, teams=[list(t) for t in teams], polish=False, rounds=0, **args
    )  # type: ignore[arg-type]  # args hold grow_groups' keyword types
    late = grow_groups(score, allowed, teams=[list(t) for t in teams], deadline=0.0, **args)  # type: ignore[arg-type]  # as above
    assert late == seated
    seats = seat_juniors(score, allowed, teams=teams, apart=apart_j, jmin=1, jmax=4)
    given_seats = grow_groups(score, allowed, teams=[list(t) for t in teams], seats=seats, **args)  # type: ignore[arg-type]  # as above
    assert given_seats == grow_groups(score, allowed, teams=[list(t) for t in teams], **args)  # type: ignore[arg-type]  # as above


@settings(max_examples=80, deadline=None)
@given(cases())
def test_pairs_left_out_as_hopeless_are_those_resplit_leaves(case: Case) -> None:
    """A pair of groups the bounds leave out is one `_resplit` would not change, and the
    re-split with the bounds is the re-split without them."""
    score, allowed, teams, apart_s, apart_j = case
    seats = seat_juniors(score, allowed, teams=teams, apart=apart_j, jmin=1, jmax=4)
    members = dict(enumerate(members_of(seats, len(teams))))
    pairs = list(combinations(range(len(teams)), 2))
    sizes = (1, 4, 2, 2)
    for g, h in resplit._hopeless(
        score, allowed, teams, members, pairs, apart_s=apart_s, sizes=sizes
    ):
        mine = {g: list(members[g]), h: list(members[h])}
        own = [list(t) for t in teams]
        assert resplit._resplit(score, allowed, own, mine, g, h, apart_j, apart_s, sizes) is None
    args = {"apart_j": apart_j, "apart_s": apart_s, "sizes": sizes}
    found = improve(score, allowed, teams, seats, **args)  # type: ignore[arg-type]  # args hold improve's keyword types
    with patch.object(resplit, "_hopeless", lambda *_, **__: set()):
        assert improve(score, allowed, teams, seats, **args) == found  # type: ignore[arg-type]  # as above


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.lists(st.sampled_from([-np.inf, -1.5, 0.0, 0.25, 2.0]), min_size=5, max_size=5),
        min_size=1,
        max_size=6,
    ),
    st.integers(1, 6),
)
def test_firsts_are_the_start_of_a_stable_sort(rows: list[list[float]], count: int) -> None:
    """Each row's `count` smallest values, the first of equals first, as a stable sort takes."""
    values = np.array(rows)
    expected = np.zeros(values.shape, dtype=bool)
    order = np.argsort(values, axis=1, kind="stable")[:, :count]
    np.put_along_axis(expected, order, True, axis=1)
    assert np.array_equal(resplit._firsts(values, count), expected)
