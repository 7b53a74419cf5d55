"""The matcher core: exact optimum against brute force, hard rules, score consistency."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from match_helpers import DAY, brute_force, context, random_rules, rosters
from rmcli.matching.proposal import propose
from rmcli.matching.rules import make_rules, pair_key, why_not
from rmcli.matching.score import build
from rmcli.models import MatchesFile, Program, Roster
from rmcli.models.program import Weights
from rmcli.org import chain_above


def _program(fmt: str = "one-to-one", forbid: str = "direct", **matching: object) -> Program:
    return Program.model_validate(
        {"name": "t", "start": DAY, "format": fmt, "matching": {"forbid": forbid, **matching}}
    )


def _propose(roster: Roster, program: Program, **kw: object):  # type: ignore[no-untyped-def]
    rules = random_rules(roster, program.matching.forbid)
    found = propose(
        program=program, roster=roster, existing=MatchesFile(), rules=rules, as_of=DAY, **kw
    )
    return found, rules


@given(rosters(), st.sampled_from(["direct", "chain"]), st.booleans())
def test_total_equals_brute_force_optimum(roster: Roster, forbid: str, fair: bool) -> None:
    """Most pairs, then (fairest, then) highest total: the same as enumerating all."""
    found, rules = _propose(roster, _program(forbid=forbid), fair=fair)
    pairs, total, worst = brute_force(roster, rules, context(), fair=fair)
    assert len(found.matches) == pairs
    assert abs(found.total - total) < 1e-6
    if fair and pairs:
        assert abs((found.worst or 0.0) - worst) < 1e-6


@given(
    rosters(),
    st.sampled_from(["direct", "chain"]),
    st.integers(0, 3),
    st.sets(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=4),
    st.booleans(),
)
def test_no_forbidden_pair_ever(
    roster: Roster, forbid: str, seed: int, past: set[tuple[int, int]], fair: bool
) -> None:
    """No match joins a line, an avoid, a non-volunteer, a past pair, or no shared language."""
    history = {pair_key(f"j{a}", f"s{b}") for a, b in past}
    rules = make_rules(roster=roster, forbid=forbid, history=history)
    found = propose(
        program=_program(forbid=forbid),
        roster=roster,
        existing=MatchesFile(),
        rules=rules,
        as_of=DAY,
        seed=seed,
        fair=fair,
    )
    people = roster.by_id()
    managers = roster.managers()
    for match in found.matches:
        j, s = people[match.juniors[0]], people[match.seniors[0]]
        assert pair_key(j.id, s.id) not in history
        if forbid == "chain":
            assert s.id not in chain_above(j.id, managers) and j.id not in chain_above(
                s.id, managers
            )
        assert j.volunteer and s.volunteer
        assert set(j.languages) & set(s.languages)
        assert s.id not in j.avoid and j.id not in s.avoid
        assert managers.get(j.id) != s.id and managers.get(s.id) != j.id
        assert why_not(j, s, rules) is None
    counts = [p for m in found.matches for p in m.people]
    for pid in set(counts):
        assert counts.count(pid) <= people[pid].capacity


@given(rosters(), st.integers(1, 5))
def test_seed_changes_ties_only(roster: Roster, seed: int) -> None:
    """Another seed may pick other pairs, never a worse total or fewer pairs."""
    first, _ = _propose(roster, _program())
    other, _ = _propose(roster, _program(), seed=seed)
    assert len(first.matches) == len(other.matches)
    assert abs(first.total - other.total) < 1e-6


@settings(max_examples=30)
@given(rosters(), st.booleans())
def test_matrix_equals_pair_score(roster: Roster, peer: bool) -> None:
    """The vectorised matrix and the explained pair score agree on every pair."""
    juniors = roster.role("junior")
    seniors = roster.role("senior")
    weights = Weights(topics=3, prefer=2, department=1.5, timezone=1, language=0.5)
    rules = random_rules(roster, "direct")
    table = build(juniors, seniors, weights=weights, rules=rules, day=DAY, both_ways=peer)
    ctx = context(weights, both_ways=peer)
    for i, j in enumerate(juniors):
        for k, s in enumerate(seniors):
            assert abs(table.score[i, k] - ctx.score(j, s)[0]) < 1e-9
            assert ctx.score(j, s, words=False) == (ctx.score(j, s)[0], [])  # the same sum
            assert bool(table.allowed[i, k]) == (why_not(j, s, rules) is None)


def test_matrix_handles_more_than_64_topics() -> None:
    """Topic bitsets span several words when there are many topics."""
    topics = [f"t{i}" for i in range(150)]
    roster = Roster.model_validate(
        {
            "people": [
                {"id": "j", "name": "J", "role": "junior", "expertise": topics[60:140]},
                {"id": "s", "name": "S", "role": "senior", "interests": topics[100:150]},
            ]
        }
    )
    table = build(
        roster.role("junior"),
        roster.role("senior"),
        weights=Weights(topics=1, prefer=0, department=0, timezone=0, language=0),
        rules=random_rules(roster, "direct"),
        day=DAY,
    )
    assert table.score[0, 0] == 40


@settings(max_examples=40)
@given(rosters(max_side=6), st.sampled_from(["direct", "chain"]), st.sampled_from([1, 2]))
def test_groups_keep_rules_and_sizes(roster: Roster, forbid: str, smax: int) -> None:
    """Every group is within the size bounds and no two members break a hard rule."""
    program = _program("group", forbid, juniors_per_group=[1, 2], seniors_per_group=[1, smax])
    found, rules = _propose(roster, program)
    people = roster.by_id()
    for match in found.matches:
        assert 1 <= len(match.juniors) <= 2 and 1 <= len(match.seniors) <= smax
        members = [people[p] for p in match.people]
        assert all(p.volunteer for p in members)
        for a, b in combinations(members, 2):
            reason = why_not(a, b, rules)
            assert reason is None or (reason == "no shared language" and a.role == b.role)
    ids = [p for m in found.matches for p in m.people]
    assert len(ids) == len(set(ids))


@settings(max_examples=40)
@given(rosters(max_side=4))
def test_one_senior_groups_match_brute_force_bound(roster: Roster) -> None:
    """With one senior per group and no rule among juniors, the total is the exact optimum."""
    for person in roster.people:
        person.avoid = []
        if person.role == "junior" and person.manager.startswith("j"):
            person.manager = ""
    program = _program("group", juniors_per_group=[1, 2], seniors_per_group=[1, 1])
    found, rules = _propose(roster, program)
    juniors = [p for p in roster.people if p.role == "junior" and p.volunteer]
    seniors = [p for p in roster.people if p.role == "senior" and p.volunteer]
    ctx = context()
    best = (0, 0.0)
    # Every junior joins one senior or none; seniors host 1-2 juniors or no group.
    for choice in np.ndindex(*([len(seniors) + 1] * len(juniors))):
        hosts = [c for c in choice if c < len(seniors)]
        if any(hosts.count(h) > 2 for h in hosts):
            continue
        pairs = [(juniors[i], seniors[c]) for i, c in enumerate(choice) if c < len(seniors)]
        if any(why_not(j, s, rules) for j, s in pairs):
            continue
        groups = len(set(hosts))
        rank = (len(pairs) + groups, round(sum(ctx.score(j, s)[0] for j, s in pairs), 9))
        best = max(best, rank)
    people = sum(len(m.people) for m in found.matches)
    assert people == best[0]
    assert abs(found.total - best[1]) < 1e-6


def test_ids_are_readable_unique_and_valid_slugs() -> None:
    """Pair ids join the two ids; clashes get a suffix; very long ids end in a hash."""
    from rmcli.matching.proposal import unique_id
    from rmcli.models import Match

    pair = Match(id="x", juniors=["lena"], seniors=["helga"])
    assert unique_id(pair, set()) == "lena-helga"
    assert unique_id(pair, {"lena-helga", "lena-helga-2"}) == "lena-helga-3"
    long = Match(id="x", juniors=["a" * 60], seniors=["b" * 60])
    made = unique_id(long, set())
    assert len(made) <= 56 and made != unique_id(
        Match(id="x", juniors=["a" * 60], seniors=["c" * 60]), set()
    )
    Match(id=made, juniors=["a"], seniors=["b"])  # validates as a slug
    group = Match(id="x", juniors=["a", "b"], seniors=["thomas", "helga"])
    assert unique_id(group, set()) == "group-helga-thomas"


@settings(max_examples=40)
@given(
    st.integers(1, 12),
    st.integers(1, 7),
    st.sampled_from([(1, 2), (2, 3), (3, 4)]),
    st.sampled_from([(1, 1), (1, 2), (2, 2)]),
    st.lists(
        st.lists(st.sampled_from(["ai", "docs", "git", "ux"]), max_size=3), min_size=19, max_size=19
    ),
)
def test_groups_without_rules_place_everyone_the_sizes_allow(
    nj: int, ns: int, jsize: tuple[int, int], ssize: tuple[int, int], topics: list[list[str]]
) -> None:
    """With no hard rule in the way, as many people are grouped as the size bounds allow."""
    people = [
        {
            "id": f"{role[0]}{i}",
            "name": "x",
            "role": role,
            "expertise": topics[i],
            "interests": topics[-i - 1],
        }
        for role, n in (("junior", nj), ("senior", ns))
        for i in range(n)
    ]
    roster = Roster.model_validate({"people": people})
    program = _program("group", juniors_per_group=list(jsize), seniors_per_group=list(ssize))
    found, _ = _propose(roster, program)
    count = min(ns // ssize[0], nj // jsize[0])
    juniors = sum(len(m.juniors) for m in found.matches)
    seniors = sum(len(m.seniors) for m in found.matches)
    assert len(found.matches) == count
    assert juniors == min(nj, count * jsize[1]) and seniors == min(ns, count * ssize[1])
