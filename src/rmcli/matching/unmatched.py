"""Why someone is left over: a reason in words for every free person without a match."""

from __future__ import annotations

from collections import Counter

from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules, why_not
from rmcli.models import Match, Program


def group_notes(pool: Pool, program: Program) -> list[str]:
    """Return why no group can be formed, when the free people are too few."""
    jmin = program.matching.juniors_per_group[0]
    smin = program.matching.seniors_per_group[0]
    if len(pool.juniors) >= jmin and len(pool.seniors) >= smin:
        return []
    return [
        f"format 'group' needs at least {jmin} juniors and {smin} seniors for one group; "
        f"{len(pool.juniors)} juniors and {len(pool.seniors)} seniors are free"
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
    for person, others, word in (
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
        if not others:
            found.append((person.id, f"no free {word} is left"))
        elif not eligible:
            found.append((person.id, f"no eligible {word}: {_ruled_out(word, blocks)}"))
        elif pairs:
            found.append((person.id, f"all {eligible} eligible {word}s are matched with others"))
        elif full and full[person.role]:
            found.append((person.id, f"every group already has the most {person.role}s allowed"))
        else:
            found.append((person.id, "no group can take them within the sizes and hard rules"))
    return found


def _ruled_out(word: str, blocks: Counter[str | None]) -> str:
    """Return e.g. 'the only free senior: direct reporting line' or a count per rule."""
    if sum(blocks.values()) == 1:
        return f"the only free {word} is ruled out: {next(iter(blocks))}"
    listed = ", ".join(f"{why} ({n})" for why, n in sorted(blocks.items(), key=str))
    return f"every free {word} is ruled out: {listed}"
