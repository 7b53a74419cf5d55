"""Hard rules: which two people may never be in the same match, and why."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rmcli.models import Person, Roster
from rmcli.org import chain_above
from rmcli.words import N_


def pair_key(a: str, b: str) -> frozenset[str]:
    """Return the unordered key of two people."""
    return frozenset((a, b))


@dataclass(frozen=True)
class Rules:
    """Everything that rules a pair out, gathered from the program's files."""

    forbid: str
    managers: dict[str, str]
    avoid: frozenset[frozenset[str]]
    history: frozenset[frozenset[str]] = frozenset()
    rejected: frozenset[frozenset[str]] = field(default_factory=frozenset)

    def with_rejected(self, pairs: Iterable[frozenset[str]]) -> Rules:
        """Return these rules with more pairs rejected (by a review)."""
        return Rules(
            forbid=self.forbid,
            managers=self.managers,
            avoid=self.avoid,
            history=self.history,
            rejected=self.rejected | frozenset(pairs),
        )


def make_rules(*, roster: Roster, forbid: str, history: Iterable[frozenset[str]] = ()) -> Rules:
    """Return the rules of a roster: reporting lines, `avoid` both ways, past partners."""
    avoid = frozenset(pair_key(p.id, other) for p in roster.people for other in p.avoid)
    return Rules(forbid=forbid, managers=roster.managers(), avoid=avoid, history=frozenset(history))


def above(person: str, rules: Rules) -> list[str]:
    """Return the people above `person` that the rule looks at (one or the whole chain)."""
    if rules.forbid == "chain":
        return chain_above(person, rules.managers)
    boss = rules.managers.get(person, "")
    return [boss] if boss and boss != person else []


def why_not(a: Person, b: Person, rules: Rules) -> str | None:
    """Return why a and b may never be matched, or None when they may.

    The reason is English, a key for counting; `rmcli.words.say` puts it in the organiser's words.
    """
    if b.id in above(a.id, rules) or a.id in above(b.id, rules):
        if rules.forbid == "direct":
            return N_("direct reporting line")
        return N_("same management chain")
    key = pair_key(a.id, b.id)
    if key in rules.avoid:
        return N_("asked not to be matched (avoid)")
    if key in rules.history:
        return N_("already matched in an earlier cohort")
    if key in rules.rejected:
        return N_("rejected in this review")
    if not set(a.languages) & set(b.languages):
        return N_("no shared language")
    return None


def together(a: Person, b: Person, rules: Rules) -> str | None:
    """Return why a and b may not share a match; language counts only across roles."""
    reason = why_not(a, b, rules)
    if reason == "no shared language" and a.role == b.role:
        return None
    return reason


def sparse_forbidden(
    rows: Sequence[Person], cols: Sequence[Person], rules: Rules
) -> tuple[list[int], list[int]]:
    """Return (row, col) indices of pairs ruled out by lines, avoid, history or review.

    Languages are left to the vectorised check; this walks only the sparse relations.
    """
    row_at = {p.id: i for i, p in enumerate(rows)}
    col_at = {p.id: i for i, p in enumerate(cols)}
    found: set[tuple[int, int]] = set()
    for i, person in enumerate(rows):
        for boss in above(person.id, rules):
            if boss in col_at:
                found.add((i, col_at[boss]))
    for j, person in enumerate(cols):
        for boss in above(person.id, rules):
            if boss in row_at:
                found.add((row_at[boss], j))
    for key in rules.avoid | rules.history | rules.rejected:
        a, b = sorted(key) if len(key) == 2 else (next(iter(key)),) * 2
        if a in row_at and b in col_at:
            found.add((row_at[a], col_at[b]))
        if b in row_at and a in col_at:
            found.add((row_at[b], col_at[a]))
    ordered = sorted(found)
    return [r for r, _ in ordered], [c for _, c in ordered]
