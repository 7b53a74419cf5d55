"""Groups place the most people the sizes and hard rules allow: checked against enumeration."""

from __future__ import annotations

import datetime as dt
import json
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from feasible_helpers import dense_rosters, most_placed
from rmcli.matching.groups.exact import feasible, model
from rmcli.matching.groups.seating import apart
from rmcli.matching.proposal import Proposal, propose
from rmcli.matching.rules import Rules, make_rules, together
from rmcli.matching.score import build
from rmcli.models import MatchesFile, Program, Roster
from rmcli.models.program import Weights

DAY = dt.date(2027, 1, 11)
JUNIOR_SIZES = st.sampled_from([(1, 2), (2, 2), (2, 3), (3, 4)])
SENIOR_SIZES = st.sampled_from([(1, 1), (1, 2), (2, 2), (1, 3)])
FORBID = st.sampled_from(["direct", "chain"])

# s1 reports to s0 and avoids j1. s1 is the better host for j0 by topics, so the
# heuristic's one group is led by s1, cannot take j1, and was dissolved; s0 with j0
# and j1 is a grouping within the rules.
DISSOLVED = [
    {"id": "s0", "name": "x", "role": "senior", "expertise": ["b"]},
    {
        "id": "s1",
        "name": "x",
        "role": "senior",
        "manager": "s0",
        "interests": ["b", "c"],
        "avoid": ["j1"],
    },
    {"id": "j0", "name": "x", "role": "junior", "expertise": ["c", "b"]},
    {"id": "j1", "name": "x", "role": "junior", "expertise": ["b"]},
]


def _program(js: tuple[int, int], ss: tuple[int, int], forbid: str) -> Program:
    matching = {"juniors_per_group": list(js), "seniors_per_group": list(ss), "forbid": forbid}
    return Program.model_validate(
        {"name": "t", "start": DAY, "format": "group", "matching": matching}
    )


def _propose(roster: Roster, program: Program) -> tuple[Proposal, Rules]:
    rules = make_rules(roster=roster, forbid=program.matching.forbid)
    found = propose(program=program, roster=roster, existing=MatchesFile(), rules=rules, as_of=DAY)
    return found, rules


def _check_groups(found: Proposal, roster: Roster, rules: Rules, sizes: tuple[int, ...]) -> None:
    """Assert every group keeps the size bounds and the rules, and nobody is in two."""
    jmin, jmax, smin, smax = sizes
    people = roster.by_id()
    for match in found.matches:
        assert jmin <= len(match.juniors) <= jmax and smin <= len(match.seniors) <= smax
        for a, b in combinations([people[p] for p in match.people], 2):
            assert together(a, b, rules) is None, (a.id, b.id)
    ids = [p for m in found.matches for p in m.people]
    assert len(ids) == len(set(ids))


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(dense_rosters(), FORBID, JUNIOR_SIZES, SENIOR_SIZES)
def test_groups_place_as_many_people_as_enumeration(
    roster: Roster, forbid: str, js: tuple[int, int], ss: tuple[int, int]
) -> None:
    """The proposal places the most people any grouping can, and breaks no rule or size."""
    found, rules = _propose(roster, _program(js, ss, forbid))
    best, _ = most_placed(roster.people, rules, sizes=(*js, *ss))
    assert sum(len(m.people) for m in found.matches) == best
    _check_groups(found, roster, rules, (*js, *ss))
    assert not any("not proven" in n for n in found.notes)  # tiny: the search finishes


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(dense_rosters(), FORBID, JUNIOR_SIZES, SENIOR_SIZES)
def test_settle_from_nothing_reaches_the_most(
    roster: Roster, forbid: str, js: tuple[int, int], ss: tuple[int, int]
) -> None:
    """From no groups at all, the repair and exact search alone reach the enumerated most."""
    rules = make_rules(roster=roster, forbid=forbid)
    juniors, seniors = roster.role("junior"), roster.role("senior")
    table = build(juniors, seniors, weights=Weights(), rules=rules, day=DAY)
    sizes = (*js, *ss)
    best, _ = most_placed(roster.people, rules, sizes=sizes)
    assert feasible.most_placed(table.allowed, sizes=sizes) >= best  # the cheap bound holds
    notes: list[str] = []
    groups = feasible.settle(
        table.score,
        table.allowed,
        groups=[],
        apart_j=apart(juniors, rules),
        apart_s=apart(seniors, rules),
        sizes=sizes,
        notes=notes,
    )
    assert feasible.placed(groups) == best and not notes
    for ks, jx in groups:
        members = [seniors[k] for k in ks] + [juniors[j] for j in jx]
        assert js[0] <= len(jx) <= js[1] and ss[0] <= len(ks) <= ss[1]
        assert all(together(a, b, rules) is None for a, b in combinations(members, 2))


def test_a_group_the_heuristic_dissolved_is_now_formed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the new step no group forms; with it, s0 hosts j0 and j1."""
    roster = Roster.model_validate({"people": DISSOLVED})
    program = _program((2, 3), (1, 2), "chain")
    monkeypatch.setattr("rmcli.matching.groups.solve.settle", lambda s, a, *, groups, **_: groups)
    before, _ = _propose(roster, program)
    assert before.matches == []
    monkeypatch.undo()
    after, rules = _propose(roster, program)
    assert [(m.seniors, sorted(m.juniors)) for m in after.matches] == [(["s0"], ["j0", "j1"])]
    _check_groups(after, roster, rules, (2, 3, 1, 2))
    assert after.notes == []


def _folder(tmp_path: Path) -> Path:
    matching = {"juniors_per_group": [2, 3], "seniors_per_group": [1, 2], "forbid": "chain"}
    program = {"name": "t", "start": DAY, "format": "group", "matching": matching}
    (tmp_path / "program.toml").write_text(tomli_w.dumps(program))
    (tmp_path / "roster.toml").write_text(tomli_w.dumps({"people": DISSOLVED}))
    return tmp_path


def test_cli_forms_the_group_and_says_why_s1_is_left(cli: Any, tmp_path: Path) -> None:
    """End to end: `match --json` proposes the one possible group; s1 is explained."""
    result = cli("-p", str(_folder(tmp_path)), "match", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(m["seniors"], sorted(m["juniors"])) for m in data["matches"]] == [
        (["s0"], ["j0", "j1"])
    ]
    assert [u["id"] for u in data["unmatched"]] == ["s1"]
    assert data["notes"] == []


def test_cli_notes_when_the_exact_search_cannot_run(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model too large to build leaves the heuristic's result and a note on the output."""
    monkeypatch.setattr(model, "MAX_ENTRIES", -1)
    result = cli("-p", str(_folder(tmp_path)), "match", "--json")
    assert result.exit_code == 1  # no group without the exact step: nobody can be matched
    assert "not proven the most possible" in result.output
    assert "at most 3" in result.output and "too large" in result.output
    assert "Traceback" not in result.output


def test_repair_places_the_free_pair_without_the_whole_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Groups of one and one: j1 may meet only s0 and s1 only j0, which sit together.

    The repair re-solves that group with the two free people (a swap) and places all
    64; the whole-roster model is never needed.
    """
    n = 32
    allowed = np.eye(n, dtype=bool)
    allowed[1, 1] = False
    allowed[1, 0] = allowed[0, 1] = True  # j1 with s0, j0 with s1
    score = np.where(allowed, 1.0, 0.0)
    start = [([0], [0])] + [([i], [i]) for i in range(2, n)]
    calls = _count_exact_searches(monkeypatch)
    notes: list[str] = []
    sizes = (1, 1, 1, 1)
    groups = feasible.settle(
        score, allowed, groups=start, apart_j=set(), apart_s=set(), sizes=sizes, notes=notes
    )
    assert feasible.placed(groups) == 2 * n and notes == []
    assert sorted(groups) == sorted([([0], [1]), ([1], [0]), *start[1:]])
    assert calls and max(calls) < 2 * n  # only neighbourhoods were solved


def test_the_whole_roster_is_searched_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two settle calls of one run: the second reuses the first one's proven grouping."""
    roster = Roster.model_validate({"people": DISSOLVED})
    rules = make_rules(roster=roster, forbid="chain")
    juniors, seniors = roster.role("junior"), roster.role("senior")
    table = build(juniors, seniors, weights=Weights(), rules=rules, day=DAY)
    calls = _count_exact_searches(monkeypatch)
    memo = feasible.Memo()
    args = {"apart_j": apart(juniors, rules), "apart_s": apart(seniors, rules)}
    found = [
        feasible.settle(
            table.score, table.allowed, groups=[], sizes=(2, 3, 1, 2), notes=[], memo=memo, **args
        )
        for _ in range(2)
    ]
    assert found[0] == found[1] == [([0], [0, 1])]  # s0 with j0 and j1
    assert calls == [4] and memo.proven
    sizes = (2, 3, 1, 2)  # without a memo every call searches afresh
    again = [
        feasible.settle(table.score, table.allowed, groups=[], sizes=sizes, notes=[], **args)
        for _ in range(2)
    ]
    assert again == found and calls == [4, 4, 4]


def _count_exact_searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the people of every exact search `settle` starts, in a list it returns."""
    calls: list[int] = []
    exact = feasible.solve_exact

    def counting(a: Any, **kw: Any) -> Any:
        calls.append(len(kw["juniors"]) + len(kw["seniors"]))
        return exact(a, **kw)

    monkeypatch.setattr(feasible, "solve_exact", counting)
    return calls
