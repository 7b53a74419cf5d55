"""Tiny rosters with dense conflicts and an enumeration of every grouping, for the group tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from rmcli.matching.rules import Rules, together
from rmcli.models import Person, Roster


@st.composite
def dense_rosters(draw: Any) -> Roster:
    """Draw up to 7 juniors and 4 seniors in one management tree, with avoids and languages."""
    nj = draw(st.integers(1, 7))
    ns = draw(st.integers(1, 4))
    ids = [f"s{i}" for i in range(ns)] + [f"j{i}" for i in range(nj)]
    people = []
    for n, pid in enumerate(ids):
        earlier = ids[:n]
        people.append(
            {
                "id": pid,
                "name": "x",
                "role": "senior" if pid.startswith("s") else "junior",
                # a tree: everyone's manager comes earlier in the list, or is nobody
                "manager": draw(st.sampled_from(["", *earlier])) if earlier else "",
                "expertise": draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=2)),
                "interests": draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=2)),
                "languages": draw(st.sampled_from([["en"], ["en"], ["en", "de"], ["de"]])),
                "avoid": draw(st.lists(st.sampled_from(ids), unique=True, max_size=1)),
            }
        )
    for p in people:
        p["avoid"] = [o for o in p["avoid"] if o != p["id"]]
    return Roster.model_validate({"people": people})


def most_placed(
    people: list[Person], rules: Rules, *, sizes: tuple[int, int, int, int]
) -> tuple[int, int]:
    """Return the most people any grouping places, and the most groups, by enumeration.

    Each person in turn stays out, joins a group already started, or starts a new one;
    at the end every group must reach the smallest sizes.
    """
    jmin, jmax, smin, smax = sizes
    best = [0, 0]
    groups: list[list[Person]] = []

    def fits(person: Person, group: list[Person]) -> bool:
        same = sum(p.role == person.role for p in group)
        if same >= (jmax if person.role == "junior" else smax):
            return False
        return all(together(person, other, rules) is None for other in group)

    def walk(i: int, placed: int) -> None:
        if i == len(people):
            ok = all(
                sum(p.role == "junior" for p in g) >= jmin
                and sum(p.role == "senior" for p in g) >= smin
                for g in groups
            )
            if ok:
                best[0] = max(best[0], placed)
                best[1] = max(best[1], len(groups))
            return
        person = people[i]
        for group in groups:
            if fits(person, group):
                group.append(person)
                walk(i + 1, placed + 1)
                group.pop()
        groups.append([person])
        walk(i + 1, placed + 1)
        groups.pop()
        walk(i + 1, placed)

    walk(0, 0)
    return best[0], best[1]
