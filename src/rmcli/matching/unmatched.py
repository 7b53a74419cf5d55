"""Why someone is left over: a reason in words for every free person without a match."""

from __future__ import annotations

from collections import Counter

from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules, why_not
from rmcli.models import Match, Person, Program
from rmcli.words import say


def group_notes(pool: Pool, program: Program) -> list[str]:
    """Return why no group can be formed, when the free people are too few."""
    jmin = program.matching.juniors_per_group[0]
    smin = program.matching.seniors_per_group[0]
    if len(pool.juniors) >= jmin and len(pool.seniors) >= smin:
        return []
    return [
        say(
            "format 'group' needs at least {jmin} juniors and {smin} seniors for one group;"
            " {juniors} juniors and {seniors} seniors are free",
            jmin=jmin,
            smin=smin,
            juniors=len(pool.juniors),
            seniors=len(pool.seniors),
        )
    ]


def full_groups(groups: list[Match], program: Program) -> dict[str, bool]:
    """Return, per role, whether every new group already has the most people allowed."""
    jmax = program.matching.juniors_per_group[1]
    smax = program.matching.seniors_per_group[1]
    return {
        "junior": bool(groups) and all(len(g.juniors) >= jmax for g in groups),
        "senior": bool(groups) and all(len(g.seniors) >= smax for g in groups),
    }


def why_unmatched(
    pool: Pool, matched: set[str], rules: Rules, *, pairs: bool, full: dict[str, bool] | None
) -> list[tuple[str, str]]:
    """Return a reason for every free person who ended up in no match."""
    found: list[tuple[str, str]] = []
    for person, others, other_role in (
        *((p, pool.seniors, "senior") for p in pool.juniors),
        *((p, pool.juniors, "junior") for p in pool.seniors),
    ):
        if person.id in matched:
            continue
        eligible = pool.eligible.get(person.id)
        blocks: Counter[str | None] = Counter()
        if not eligible:  # only then is the per-rule count worth its cost
            blocks = Counter(why_not(person, o, rules) for o in others)
            eligible = blocks.pop(None, 0)
        found.append(
            (person.id, _why(person.role, other_role, others, eligible, blocks, pairs, full))
        )
    return found


def _why(
    role: str,
    other_role: str,
    others: list[Person],
    eligible: int,
    blocks: Counter[str | None],
    pairs: bool,
    full: dict[str, bool] | None,
) -> str:
    # One text per role: German inflects "junior" and "senior" differently in each.
    junior = other_role == "junior"
    if not others:
        return say("no free junior is left") if junior else say("no free senior is left")
    if not eligible:
        ruled_out = _ruled_out(junior, blocks)
        if junior:
            return say("no eligible junior: {why}", why=ruled_out)
        return say("no eligible senior: {why}", why=ruled_out)
    if pairs:
        if junior:
            return say("all {n} eligible juniors are matched with others", n=eligible)
        return say("all {n} eligible seniors are matched with others", n=eligible)
    if full and full[role]:
        if role == "junior":
            return say("every group already has the most juniors allowed")
        return say("every group already has the most seniors allowed")
    return say("no group can take them within the sizes and hard rules")


def _ruled_out(junior: bool, blocks: Counter[str | None]) -> str:
    """Return e.g. 'the only free senior: direct reporting line' or a count per rule."""
    if sum(blocks.values()) == 1:
        why = say(str(next(iter(blocks))))
        if junior:
            return say("the only free junior is ruled out: {why}", why=why)
        return say("the only free senior is ruled out: {why}", why=why)
    listed = ", ".join(f"{say(str(why))} ({n})" for why, n in sorted(blocks.items(), key=str))
    if junior:
        return say("every free junior is ruled out: {listed}", listed=listed)
    return say("every free senior is ruled out: {listed}", listed=listed)
