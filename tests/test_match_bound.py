"""The pair bound for groups of two seniors: never below the best grouping, by enumeration."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from match_helpers import DAY, random_rules, rosters
from rmcli.matching.groups.bound import values
from rmcli.matching.groups.bound.lagrange import pair_bound
from rmcli.matching.groups.seating import apart as _apart
from rmcli.matching.pool import make_pool
from rmcli.matching.proposal import propose
from rmcli.matching.score import build
from rmcli.models import MatchesFile, Program, Roster


def _teams(seniors: list[int], singles: bool) -> list[list[list[int]]]:
    """Return every way to split some of the seniors into teams of one (if allowed) or two."""
    if not seniors:
        return [[]]
    first, rest = seniors[0], seniors[1:]
    found = list(_teams(rest, singles))  # first sits out
    if singles:
        found += [[[first], *split] for split in _teams(rest, singles)]
    for other in rest:
        left = [k for k in rest if k != other]
        found += [[[first, other], *split] for split in _teams(left, singles)]
    return found


def _best(
    score: np.ndarray,
    allowed: np.ndarray,
    *,
    high: int,
    singles: bool,
    apart: set[tuple[int, int]],
    low: int = 0,
    teams_at_least: int = 0,
    placed_at_least: int = 0,
) -> float:
    """Return the best total over every grouping (juniors join one team or none).

    Only groupings with `low` or more juniors a team, at least `teams_at_least` teams,
    that place at least `placed_at_least` people count; -inf when there is none.
    """
    nj, ns = score.shape
    best = -np.inf
    for teams in _teams(list(range(ns)), singles):
        if len(teams) < teams_at_least:
            continue
        if any(len(t) == 2 and (t[0], t[1]) in apart for t in teams):
            continue
        for spot in product(range(len(teams) + 1), repeat=nj):
            if any(not low <= spot.count(g) <= high for g in range(len(teams))):
                continue
            placed = sum(len(t) for t in teams) + sum(g < len(teams) for g in spot)
            if placed < placed_at_least:
                continue
            total = 0.0
            for j, g in enumerate(spot):
                if g < len(teams):
                    if not all(allowed[j, k] for k in teams[g]):
                        break
                    total += sum(float(score[j, k]) for k in teams[g])
            else:
                best = max(best, total)
    return best


@st.composite
def cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, bool, set[tuple[int, int]]]:
    """Draw a tiny score matrix, allowed mask, group size, singles flag and senior rules."""
    nj = draw(st.integers(1, 5))
    ns = draw(st.integers(2, 4))
    values = st.floats(-2, 12, allow_nan=False).map(lambda v: round(v, 2))
    score = np.array(draw(st.lists(values, min_size=nj * ns, max_size=nj * ns))).reshape(nj, ns)
    mask = draw(st.lists(st.booleans(), min_size=nj * ns, max_size=nj * ns))
    allowed = np.array(mask).reshape(nj, ns) | (score > 6)  # mostly allowed
    pairs = [(s, t) for s in range(ns) for t in range(ns) if s < t]
    apart = set(draw(st.lists(st.sampled_from(pairs), max_size=2)))
    apart |= {(t, s) for s, t in apart}
    return score, allowed, draw(st.integers(1, 3)), draw(st.booleans()), apart


@settings(max_examples=80, deadline=None)
@given(
    cases(),
    st.lists(st.floats(0, 20, allow_nan=False), min_size=5, max_size=5),
    st.integers(0, 2),
    st.integers(0, 2),
)
def test_pair_bound_is_never_below_the_best_grouping(case, prices, groups, low) -> None:  # type: ignore[no-untyped-def]
    """For any starting prices, the bound is at least the optimum over groupings of at
    least `groups` teams of `low` or more juniors (enumerated); its senior pairings are
    disjoint and allowed."""
    score, allowed, high, singles, apart = case
    low = min(low, high)
    nj, ns = score.shape
    best = _best(
        score, allowed, high=high, singles=singles, apart=apart, low=low, teams_at_least=groups
    )
    found, pairings = pair_bound(
        score,
        allowed,
        high=high,
        low=low,
        singles=singles,
        apart=apart,
        prices=np.array(prices[:nj]),
        floor=0.0,
        groups=groups,
        count=ns // 2,
    )
    assert found >= best - 1e-9
    for pairs in pairings:
        assert len(pairs) <= ns // 2
        people = [k for pair in pairs for k in pair]
        assert len(people) == len(set(people))
        assert all(len(p) == 2 and (p[0], p[1]) not in apart for p in pairs)


@settings(max_examples=40, deadline=None)
@given(cases(), st.integers(0, 2))
def test_a_group_count_only_lowers_the_bound(case, groups) -> None:  # type: ignore[no-untyped-def]
    """Asking for at least some groups never gives a higher bound at the same prices."""
    score, allowed, high, singles, apart = case
    prices = np.zeros(score.shape[0])
    kwargs = {"high": high, "singles": singles, "apart": apart, "prices": prices, "floor": 0.0}
    free, _ = pair_bound(score, allowed, groups=0, steps=1, **kwargs)  # type: ignore[arg-type]  # kwargs hold pair_bound's keyword types
    held, _ = pair_bound(score, allowed, groups=groups, steps=1, **kwargs)  # type: ignore[arg-type]  # as above
    assert held <= free + 1e-9


@settings(max_examples=40, deadline=None)
@given(rosters(max_side=4), st.sampled_from([1, 2]))
def test_reported_bound_is_never_below_the_best_grouping(roster: Roster, smin: int) -> None:
    """`propose` for two-senior groups reports a bound no grouping placing as many beats."""
    program = Program.model_validate(
        {
            "name": "t",
            "start": DAY,
            "format": "group",
            "matching": {"juniors_per_group": [1, 2], "seniors_per_group": [smin, 2]},
        }
    )
    rules = random_rules(roster, "direct")
    found = propose(program=program, roster=roster, existing=MatchesFile(), rules=rules, as_of=DAY)
    pool = make_pool(roster=roster, existing=MatchesFile(), rules=rules, fresh=False, pairs=False)
    if found.bound is None:
        assert not found.matches
        return
    table = build(
        pool.juniors, pool.seniors, weights=program.matching.weights, rules=rules, day=DAY
    )
    apart = _apart(pool.seniors, rules)
    placed = sum(len(m.juniors) + len(m.seniors) for m in found.matches)
    # the bound covers every grouping placing at least as many people as the one found
    best = _best(
        table.score,
        table.allowed,
        high=2,
        singles=smin == 1,
        apart=apart,
        low=1,
        placed_at_least=placed,
    )
    assert found.total <= best + 1e-6  # the enumeration covers what the solver found
    assert found.bound >= best - 1e-6


def test_smallest_group_sums_follow_the_definition() -> None:
    """A pair's value counts its `low` best juniors even when some are worth less than 0."""
    # two seniors, one pair; rows: the seniors' fit with juniors 0..3
    f = np.array([[5.0, -1.0, -5.0, -1.5], [5.0, -10.0, 3.0, -20.0]])
    # by the definition: 10 (junior 0) + max(-11, -2, -21.5) (the second of two) = 8
    two = values.pair_values(
        f, lam=np.zeros(4), extra=0.0, high=2, low=2, singles=False, apart=set()
    )
    assert two[0, 1] == pytest.approx(8.0)
    # without a smallest size only positive parts count: 10
    free = values.pair_values(
        f, lam=np.zeros(4), extra=0.0, high=2, low=0, singles=False, apart=set()
    )
    assert free[0, 1] == pytest.approx(10.0)


def test_the_start_pairs_the_seniors_the_last_steps_chose_most() -> None:
    """The pairing offered as a start follows how often the last steps' assignments chose
    a pair, not the last step alone; pairs kept apart are never offered."""
    from rmcli.matching.groups.bound.lagrange import averaged

    w = np.array(
        [
            [0.0, 5.0, 6.0, 1.0],
            [5.0, 0.0, 1.0, 1.0],
            [6.0, 1.0, 0.0, 5.0],
            [1.0, 1.0, 5.0, 0.0],
        ]
    )
    usual, other = [1, 0, 3, 2], [2, 3, 0, 1]  # {0,1},{2,3} and {0,2},{1,3}
    # the first half is not counted; of the last half, three steps chose `usual`, and the
    # very last step `other`, which is also worth more on the last values (13 against 10)
    chosen = [other] * 4 + [usual] * 3 + [other]
    assert averaged(chosen, w=w, count=2, apart=set(), share=0.5) == [[0, 1], [2, 3]]
    # the last eighth is the very last step alone
    assert averaged(chosen, w=w, count=2, apart=set(), share=0.125) == [[0, 2], [1, 3]]
    assert averaged([usual] * 4 + [other] * 4, w=w, count=2, apart=set(), share=0.5) == [
        [0, 2],
        [1, 3],
    ]
    apart = {(0, 1), (1, 0)}
    pairs = averaged(chosen, w=w, count=2, apart=apart, share=0.5)
    assert pairs and [0, 1] not in pairs
    assert len({k for pair in pairs for k in pair}) == 2 * len(pairs)


def test_group_matching_reports_its_stages_and_bound_steps() -> None:
    """`propose` in the group format tells the progress its stages and the bound's
    steps, each ending at its total; the proposal is the same as without it."""
    people = [
        {"id": f"j{i}", "name": f"J {i}", "role": "junior", "volunteer": True, "languages": ["en"]}
        for i in range(8)
    ] + [
        {"id": f"s{i}", "name": f"S {i}", "role": "senior", "volunteer": True, "languages": ["en"]}
        for i in range(4)
    ]
    roster = Roster.model_validate({"people": people})
    program = Program.model_validate(
        {
            "name": "t",
            "start": DAY,
            "format": "group",
            "matching": {"juniors_per_group": [2, 4], "seniors_per_group": [2, 2]},
        }
    )
    rules = random_rules(roster, "direct")
    heard: dict[str, list[tuple[int, int | None]]] = {}

    def progress(phase: str, done: int, total: int | None = None, /) -> None:
        heard.setdefault(phase, []).append((done, total))

    args = {"program": program, "roster": roster, "existing": MatchesFile(), "rules": rules}
    found = propose(**args, as_of=DAY, progress=progress)  # type: ignore[arg-type]  # args hold propose's keyword types
    assert set(heard) == {"grouping", "upper bound steps"}
    for calls in heard.values():
        done, total = calls[-1]
        assert total is not None and done == total
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(heard["upper bound steps"]) > 2
    plain = propose(**args, as_of=DAY)  # type: ignore[arg-type]  # as above
    assert [m.id for m in found.matches] == [m.id for m in plain.matches]
