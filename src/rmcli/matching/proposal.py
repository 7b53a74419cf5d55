"""Propose matches for a program: the pool, the solver for its format, and the summary."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field

from rmcli.matching.context import make_context, rescore
from rmcli.matching.groups.solve import match_groups
from rmcli.matching.pairs.projects import place_projects
from rmcli.matching.pairs.solve import match_pairs
from rmcli.matching.pool import make_pool
from rmcli.matching.rules import Rules
from rmcli.matching.unmatched import full_groups, group_notes, why_unmatched
from rmcli.models import Match, MatchesFile, Program, Roster
from rmcli.models.program import Weights
from rmcli.progress import Progress, quiet

PAIR_FORMATS = ("one-to-one", "peer", "project")


@dataclass
class Proposal:
    """The matches of a run, who stays unmatched and why, and how good it is."""

    matches: list[Match]
    new: set[str]
    unmatched: list[tuple[str, str]]
    dissolved: list[str]
    bound: float | None = None  # an upper bound on the total, where the solver knows one
    notes: list[str] = field(default_factory=list)
    exact: bool = False  # the total is proven best: pairs solved exactly, nothing kept
    no_project: list[str] = field(default_factory=list)  # project format: new matches left out

    @property
    def total(self) -> float:
        """Return the summed score of all matches."""
        return sum(m.score for m in self.matches)

    @property
    def worst(self) -> float | None:
        """Return the lowest match score, or None without matches."""
        return min((m.score for m in self.matches), default=None)

    @property
    def mean(self) -> float | None:
        """Return the mean match score, or None without matches."""
        return self.total / len(self.matches) if self.matches else None


def propose(
    *,
    program: Program,
    roster: Roster,
    existing: MatchesFile,
    rules: Rules,
    weights: Weights | None = None,
    fresh: bool = False,
    fair: bool = False,
    seed: int = 0,
    as_of: dt.date,
    time_limit: float | None = None,
    progress: Progress = quiet,
) -> Proposal:
    """Return the proposal for the free people of a program, keeping what must stay.

    `time_limit` (seconds, group format) stops the grouping's improvement early (see
    `match_groups`); `progress` hears how far the group format's solver has come.
    """
    ctx = make_context(program, weights)
    pairs = program.format in PAIR_FORMATS
    notes: list[str] = []
    pool = make_pool(
        roster=roster,
        existing=existing,
        rules=rules,
        fresh=fresh,
        pairs=pairs,
        monthly_minutes=monthly_minutes(program),
    )
    exact = pairs and not fair  # one exact assignment; --fair optimises another objective
    people = roster.by_id()
    kept = [rescore(m, people, ctx) for m in pool.kept]
    if pairs:
        new, bound = match_pairs(pool, ctx=ctx, rules=rules, fair=fair, seed=seed)
        if ctx.projects:
            new, notes = place_projects(new, people=people, program=program, kept=kept, ctx=ctx)
            if any(len(m.seniors) > 1 for m in new):
                bound = None  # teams score every junior-senior pair, beyond the pair bound
                exact = False
    else:
        new, bound = match_groups(
            pool,
            ctx=ctx,
            rules=rules,
            matching=program.matching,
            seed=seed,
            deadline=None if time_limit is None else time.monotonic() + time_limit,
            progress=progress,
        )
    taken = {m.id for m in kept}
    named = []
    for match in new:
        named_id = unique_id(match, taken)
        # validated, not copied: an id built from ids must still be a valid slug
        match = Match.model_validate({**dict(match), "id": named_id, "created": as_of})
        taken.add(match.id)
        named.append(match)
    matched = {p for m in [*kept, *named] for p in m.people}
    unmatched = [(p, r) for p, r in pool.out.items() if p not in matched]
    full = full_groups(named, program) if not pairs else None
    unmatched += why_unmatched(pool, matched, rules, pairs=pairs, full=full)
    kept_total = sum(m.score for m in kept)
    if not pairs:
        notes = [*group_notes(pool, program), *pool.notes]
    return Proposal(
        matches=sorted([*kept, *named], key=lambda m: m.id),
        new={m.id for m in named},
        unmatched=sorted(unmatched),
        dissolved=pool.dissolved,
        bound=None if bound is None else bound + kept_total,
        notes=notes,
        exact=exact and not kept,  # kept matches were not solved again
        no_project=[m.id for m in named if ctx.projects and not m.project],
    )


def monthly_minutes(program: Program) -> int:
    """Return the minutes a month one match's sessions take (two sessions when biweekly)."""
    per_month = 2 if program.cadence.one_to_one == "biweekly" else 1
    return program.session_minutes * per_month


def unique_id(match: Match, taken: set[str]) -> str:
    """Return a readable id: `junior-senior`, `team-<project>` or `group-<seniors>`."""
    if len(match.juniors) == 1 and len(match.seniors) == 1:
        base = f"{match.juniors[0]}-{match.seniors[0]}"
    elif match.project:
        base = f"team-{match.project}"
    else:
        base = "group-" + "-".join(sorted(match.seniors))
    if len(base) > 56:
        base = base[:47].rstrip("-._") + "-" + hashlib.sha1(base.encode()).hexdigest()[:8]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
