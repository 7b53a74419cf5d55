"""Project format: pairs go onto project places; pairs on one project form its team.

A project of `size = n` holds n // 2 pairs (at least one). Pairs are placed by one exact
assignment: first by how many of the two chose the project, then by how many of its
topics the two bring or want. Pairs beyond all places keep no project (a note says so).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from rmcli import words
from rmcli.matching.context import Context, group_score
from rmcli.matching.words import say
from rmcli.models import Match, Person, Program
from rmcli.models.program import Project

CHOSEN = 1000.0  # one member's choice outweighs any topic overlap


def place_projects(
    pairs: list[Match],
    *,
    people: dict[str, Person],
    program: Program,
    kept: list[Match],
    ctx: Context,
) -> tuple[list[Match], list[str]]:
    """Return the pairs placed on projects (teams where several share one) and notes."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    taken: dict[str, int] = defaultdict(int)
    for match in kept:
        if match.project:
            taken[match.project] += len(match.seniors)
    slots: list[Project] = []
    for project in program.projects:
        slots += [project] * max(0, max(1, project.size // 2) - taken[project.id])
    if not pairs or not slots:
        notes = (
            [words.say("no project has a free place; the pairs have no project")] if pairs else []
        )
        return pairs, notes
    fit = np.array([[_fit(m, p, people) for p in slots] for m in pairs], dtype=np.float64)
    rows, cols = linear_sum_assignment(fit, maximize=True)
    on: dict[str, list[Match]] = defaultdict(list)
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        on[slots[col].id].append(pairs[row])
    placed = {id(m) for team in on.values() for m in team}
    result = [m for m in pairs if id(m) not in placed]
    notes = []
    if result:
        notes.append(
            words.say_n(
                "{n} pair has no project: every project's places are taken",
                "{n} pairs have no project: every project's places are taken",
                len(result),
            )
        )
    for project_id, team in sorted(on.items()):
        result.append(_team(team, project_id, people, ctx))
    return result, notes


def _fit(match: Match, project: Project, people: dict[str, Person]) -> float:
    """Return how well a pair fits a project: choices first, topics second."""
    members = [people[p] for p in match.people]
    chosen = sum(project.id in p.projects for p in members)
    topics = set(project.topics)
    brought = {t for p in members for t in (*p.expertise, *p.interests)}
    return CHOSEN * chosen + len(topics & brought)


def _team(team: list[Match], project_id: str, people: dict[str, Person], ctx: Context) -> Match:
    """Return one match for the pairs on a project (the pair itself when alone)."""
    if len(team) == 1:
        return team[0].model_copy(update={"project": project_id})
    juniors = [j for m in team for j in m.juniors]
    seniors = [s for m in team for s in m.seniors]
    score, reasons = group_score([people[j] for j in juniors], [people[s] for s in seniors], ctx)
    chosen = sorted(p for p in [*juniors, *seniors] if project_id in people[p].projects)
    if chosen:
        line = say(ctx.language, "team_project", project=project_id, people=", ".join(chosen))
        reasons.insert(0, line)
    return Match(
        id="new",
        juniors=juniors,
        seniors=seniors,
        project=project_id,
        score=round(score, 4),
        reasons=reasons or [say(ctx.language, "nothing")],
    )
