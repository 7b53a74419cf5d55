"""Who takes part in this run: volunteers not already in a kept match, and who is out and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rmcli.matching.rules import Rules, together
from rmcli.models import Match, MatchesFile, Person, Roster


@dataclass
class Pool:
    """The free people of a run and what happened to the existing matches."""

    juniors: list[Person]
    seniors: list[Person]
    capacity: dict[str, int]  # slots left per free junior
    kept: list[Match]
    dissolved: list[str] = field(default_factory=list)  # ids of matches that had to go
    out: dict[str, str] = field(default_factory=dict)  # person id -> why not matched
    eligible: dict[str, int] = field(default_factory=dict)  # allowed partners, set by a solver
    notes: list[str] = field(default_factory=list)  # for the user, added by a solver

    def count_eligible(self, allowed: Any) -> None:
        """Record how many allowed partners each free person has (rows juniors)."""
        rows, cols = allowed.sum(axis=1).tolist(), allowed.sum(axis=0).tolist()
        self.eligible = {p.id: int(n) for p, n in zip(self.juniors, rows, strict=True)}
        self.eligible |= {p.id: int(n) for p, n in zip(self.seniors, cols, strict=True)}


def make_pool(
    *,
    roster: Roster,
    existing: MatchesFile,
    rules: Rules,
    fresh: bool,
    pairs: bool,
    monthly_minutes: int = 0,
) -> Pool:
    """Return the pool: keep locked matches (and all valid ones unless `fresh`).

    A senior who committed fewer minutes a month than the plan's sessions take
    (`monthly_minutes`) is left out: the guide asks seniors to commit time.
    """
    people = roster.by_id()
    kept: list[Match] = []
    dissolved: list[str] = []
    for match in existing.matches:
        if not match.locked and fresh:
            continue
        left = {p for p in match.people if p not in people}
        remaining = _without(match, left) if left else match
        if remaining is None:
            dissolved.append(match.id)
            continue
        match = remaining
        if not match.locked and _breaks_rule(match, people, rules):
            dissolved.append(match.id)
            continue
        kept.append(match)
    used: dict[str, int] = {}
    locked: set[str] = set()
    for match in kept:
        for pid in match.people:
            used[pid] = used.get(pid, 0) + 1
            if match.locked or not pairs:
                locked.add(pid)
    out: dict[str, str] = {}
    free: list[Person] = []
    capacity: dict[str, int] = {}
    for person in sorted(roster.people, key=lambda p: p.id):
        if person.id in used:
            slots = person.capacity - used[person.id] if person.role == "junior" else 0
            if slots <= 0 or person.id in locked:
                continue
            capacity[person.id] = slots
        elif not person.volunteer:
            out[person.id] = "not a volunteer"
            continue
        elif person.role == "senior" and 0 < person.committed_minutes < monthly_minutes:
            out[person.id] = (
                f"committed {person.committed_minutes} minutes a month; "
                f"the sessions take {monthly_minutes}"
            )
            continue
        else:
            capacity[person.id] = person.capacity if person.role == "junior" else 1
        free.append(person)
    return Pool(
        juniors=[p for p in free if p.role == "junior"],
        seniors=[p for p in free if p.role == "senior"],
        capacity=capacity,
        kept=kept,
        dissolved=sorted(dissolved),
        out=out,
    )


def _without(match: Match, gone: set[str]) -> Match | None:
    juniors = [p for p in match.juniors if p not in gone]
    seniors = [p for p in match.seniors if p not in gone]
    if not juniors or not seniors:
        return None
    return match.model_copy(update={"juniors": juniors, "seniors": seniors})


def _breaks_rule(match: Match, people: dict[str, Person], rules: Rules) -> bool:
    members = [people[p] for p in match.people]
    return any(
        together(a, b, rules) is not None for i, a in enumerate(members) for b in members[i + 1 :]
    )
