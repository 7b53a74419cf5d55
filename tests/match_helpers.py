"""Small random rosters and a brute-force oracle for the matcher tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from rmcli.matching.context import Context
from rmcli.matching.rules import Rules, make_rules, why_not
from rmcli.models import Roster
from rmcli.models.program import Weights

TOPICS = ["ai", "docs", "git", "ux"]
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"]
DAY = dt.date(2027, 1, 11)


@st.composite
def rosters(draw: Any, max_side: int = 4) -> Roster:
    """Draw a roster of up to `max_side` juniors and seniors with random relations."""
    nj = draw(st.integers(1, max_side))
    ns = draw(st.integers(1, max_side))
    ids = [f"j{i}" for i in range(nj)] + [f"s{i}" for i in range(ns)]
    people = []
    for pid in ids:
        others = [o for o in ids if o != pid]
        people.append(
            {
                "id": pid,
                "name": pid.upper(),
                "role": "junior" if pid.startswith("j") else "senior",
                "manager": draw(st.sampled_from(["", "boss", *others])),
                "volunteer": draw(st.booleans()) or draw(st.booleans()),
                "capacity": draw(st.integers(1, 2)) if pid.startswith("j") else 1,
                "department": draw(st.sampled_from(["", "a", "b"])),
                "expertise": draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=3)),
                "interests": draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=3)),
                "timezone": draw(st.sampled_from(ZONES)),
                "languages": draw(st.lists(st.sampled_from(["en", "de"]), unique=True, min_size=1)),
                "avoid": draw(st.lists(st.sampled_from(others), unique=True, max_size=1))
                if others
                else [],
                "prefer": draw(st.lists(st.sampled_from(others), unique=True, max_size=1))
                if others
                else [],
            }
        )
    return Roster.model_validate({"people": people, "org": {"boss": ""}})


def random_rules(roster: Roster, forbid: str) -> Rules:
    """Return the rules of a drawn roster."""
    return make_rules(roster=roster, forbid=forbid)


def context(weights: Weights | None = None, *, both_ways: bool = False) -> Context:
    """Return a scoring context on the test day."""
    return Context(weights=weights or Weights(), day=DAY, both_ways=both_ways, projects=False)


def brute_force(
    roster: Roster, rules: Rules, ctx: Context, *, fair: bool = False
) -> tuple[int, float, float]:
    """Return the best (pairs, total, worst) over every feasible assignment, by enumeration.

    Each senior takes one volunteer junior with capacity left, or nobody. The objective:
    most pairs, then (with `fair`) the highest lowest score, then the highest total.
    """
    juniors = [p for p in roster.people if p.role == "junior" and p.volunteer]
    seniors = [p for p in roster.people if p.role == "senior" and p.volunteer]
    found: list[tuple[int, float, float]] = []

    def walk(k: int, left: dict[str, int], scores: list[float]) -> None:
        if k == len(seniors):
            found.append((len(scores), round(sum(scores), 9), round(min(scores, default=0.0), 9)))
            return
        walk(k + 1, left, scores)
        for junior in juniors:
            if left[junior.id] and why_not(junior, seniors[k], rules) is None:
                left[junior.id] -= 1
                walk(k + 1, left, [*scores, ctx.score(junior, seniors[k])[0]])
                left[junior.id] += 1

    walk(0, {j.id: j.capacity for j in juniors}, [])
    if fair:
        return max(found, key=lambda f: (f[0], f[2], f[1]))
    return max(found, key=lambda f: (f[0], f[1]))
