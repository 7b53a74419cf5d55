"""`--explain`: one person's match, the next best candidates, and who is ruled out why."""

from __future__ import annotations

from dataclasses import dataclass

from rmcli.errors import InputError
from rmcli.matching.context import Context
from rmcli.matching.proposal import Proposal
from rmcli.matching.rules import Rules, why_not
from rmcli.models import Match, Roster
from rmcli.words import N_, say


@dataclass
class Candidate:
    """Someone of the other role and how they stand with the person explained."""

    id: str
    score: float
    reasons: list[str]
    ruled_out: str | None
    taken_by: str | None  # id of the match they are in, when not the person's


@dataclass
class Explanation:
    """What `--explain` shows."""

    person: str
    match: Match | None
    unmatched_reason: str | None
    candidates: list[Candidate]


def explain(
    person_id: str, *, roster: Roster, proposal: Proposal, rules: Rules, ctx: Context
) -> Explanation:
    """Return the explanation for one person of the roster."""
    people = roster.by_id()
    person = people.get(person_id)
    if person is None:
        message = say("no person with id {id} in the roster", id=repr(person_id))
        raise InputError("--explain: " + message)
    mine = next((m for m in proposal.matches if person_id in m.people), None)
    in_match = {p: m.id for m in proposal.matches for p in m.people}
    candidates = []
    for other in sorted(roster.people, key=lambda p: p.id):
        if other.role == person.role:
            continue
        junior, senior = (person, other) if person.role == "junior" else (other, person)
        score, reasons = ctx.score(junior, senior)
        blocked = why_not(person, other, rules) or (
            None if other.volunteer else N_("not a volunteer")
        )
        taken = in_match.get(other.id)
        candidates.append(
            Candidate(
                id=other.id,
                score=round(score, 4),
                reasons=reasons,
                ruled_out=say(blocked) if blocked else None,
                taken_by=None if mine is not None and taken == mine.id else taken,
            )
        )
    candidates.sort(key=lambda c: (c.ruled_out is not None, -c.score, c.id))
    reason = dict(proposal.unmatched).get(person_id)
    return Explanation(person=person_id, match=mine, unmatched_reason=reason, candidates=candidates)
