"""`rmcli match --review`: decide on each new match; rejected pairs are re-solved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rmcli.matching import Proposal, Rules
    from rmcli.models import Match, MatchesFile

CHOICES = ("accept", "reject", "lock")


def ask_decision(match: Match) -> str:
    """Ask whether to accept, reject or lock one proposed match."""
    import questionary

    title = (
        f"{match.id}: {', '.join(match.juniors)} with {', '.join(match.seniors)} "
        f"(score {match.score:.2f}; {'; '.join(match.reasons)})"
    )
    answer: str = questionary.select(title, choices=list(CHOICES), default="accept").unsafe_ask()
    return answer


def review_loop(
    proposal: Proposal, *, existing: MatchesFile, rules: Rules, args: dict[str, Any]
) -> Proposal:
    """Ask about each new match until a round rejects none; return the final proposal."""
    from rmcli.matching import pair_key, propose
    from rmcli.models import MatchesFile

    decided: dict[str, Match] = {m.id: m for m in existing.matches if m.locked}
    while True:
        rejected: list[frozenset[str]] = []
        for match in proposal.matches:
            if match.id not in proposal.new or match.id in decided:
                continue
            answer = ask_decision(match)
            if answer == "reject":
                rejected.extend(pair_key(a, b) for a in match.juniors for b in match.seniors)
            else:
                decided[match.id] = match.model_copy(update={"locked": answer == "lock"})
        if not rejected:
            break
        rules = rules.with_rejected(rejected)
        # Decided matches stay; only the rest is solved again without the rejected pairs.
        keep = [m for m in existing.matches if m.id not in decided] + list(decided.values())
        proposal = propose(existing=MatchesFile(matches=keep), rules=rules, fresh=False, **args)
    final = [decided.get(m.id, m) for m in proposal.matches]
    proposal.matches = final
    return proposal
