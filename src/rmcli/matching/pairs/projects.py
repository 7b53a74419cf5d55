"""Project format: pairs go onto project places; pairs on one project form its team.

A project of `size = n` holds n // 2 pairs (at least one). Pairs are placed by one exact
assignment: first by how many of the two chose the project, then by how many of its
topics the two bring or want. Pairs beyond all places keep no project: the proposal
lists them so that `rmcli match` asks the organiser what to do. A pair's reasons name
only the project it is placed on.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from rmcli import words
from rmcli.errors import ActionNeeded
from rmcli.matching.context import Context, group_score
from rmcli.matching.words import chose_projects, project_title, say
from rmcli.models import Match, Person, Program
from rmcli.models.program import Project

NO_PROJECT_CHOICES = ("pair", "leave-out")  # `rmcli match --no-project`: what to do with them

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
        return [_on(m, None, people, ctx) for m in pairs], notes
    fit = np.array([[_fit(m, p, people) for p in slots] for m in pairs], dtype=np.float64)
    rows, cols = linear_sum_assignment(fit, maximize=True)
    on: dict[str, list[Match]] = defaultdict(list)
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        on[slots[col].id].append(pairs[row])
    placed = {id(m) for team in on.values() for m in team}
    result = [_on(m, None, people, ctx) for m in pairs if id(m) not in placed]
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


def _on(match: Match, project_id: str | None, people: dict[str, Person], ctx: Context) -> Match:
    """Return a pair on a project (or none) whose reasons name no other project."""
    junior, senior = people[match.juniors[0]], people[match.seniors[0]]
    both = sorted(set(junior.projects) & set(senior.projects))
    chose_all = chose_projects(ctx.language, both, ctx.titles) if both else None
    reasons = [r for r in match.reasons if r != chose_all]
    if project_id is not None and project_id in both:
        reasons.insert(0, chose_projects(ctx.language, [project_id], ctx.titles))
    return match.model_copy(update={"project": project_id, "reasons": reasons})


def _team(team: list[Match], project_id: str, people: dict[str, Person], ctx: Context) -> Match:
    """Return one match for the pairs on a project (the pair itself when alone)."""
    if len(team) == 1:
        return _on(team[0], project_id, people, ctx)
    juniors = [j for m in team for j in m.juniors]
    seniors = [s for m in team for s in m.seniors]
    score, reasons = group_score([people[j] for j in juniors], [people[s] for s in seniors], ctx)
    chosen = sorted(p for p in [*juniors, *seniors] if project_id in people[p].projects)
    if chosen:
        title = project_title(ctx.language, project_id, ctx.titles)
        line = say(ctx.language, "team_project", project=title, people=", ".join(chosen))
        reasons.insert(0, line)
    return Match(
        id="new",
        juniors=juniors,
        seniors=seniors,
        project=project_id,
        score=round(score, 4),
        reasons=reasons or [say(ctx.language, "nothing")],
    )


class NoProjectPlace(ActionNeeded):
    """Project format: some new pairs found no project place; the organiser decides."""

    def __init__(self, lines: list[str], count: int) -> None:
        super().__init__(
            words.say_n(
                "{n} pair has no project: every project's places are taken; nothing written",
                "{n} pairs have no project: every project's places are taken; nothing written",
                count,
            ),
            hint=words.say(
                "add a place (raise a project's size or add a [[projects]] entry) and run "
                "again; or match them one-to-one without a project (--no-project pair); "
                "or leave them out for now (--no-project leave-out)"
            ),
        )
        self.people_lines = lines

    def lines(self) -> list[str]:
        """Return the message, then one line per pair with the projects each person chose."""
        return [self.message, *self.people_lines]


def settle_unplaced(
    matches: list[Match], unplaced: list[str], *, people: dict[str, Person], choice: str | None
) -> list[Match]:
    """Return the matches to write, as the organiser chose for pairs without a project.

    Without a choice, raise NoProjectPlace naming each pair's people and the projects
    they chose, so that no pair is written without a project silently.
    """
    if not unplaced:
        return matches
    if choice == "pair":
        return matches
    if choice == "leave-out":
        return [m for m in matches if m.id not in unplaced]
    lines = []
    for match in matches:
        if match.id not in unplaced:
            continue
        chose = [
            words.say("{person} chose {projects}", person=p, projects=", ".join(people[p].projects))
            if p in people and people[p].projects
            else words.say("{person} chose no project", person=p)
            for p in match.people
        ]
        lines.append(f"  {match.id}: " + "; ".join(chose))
    raise NoProjectPlace(lines, len(lines))
