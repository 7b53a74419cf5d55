"""Skills figures: what was learned most often, and the change from intake to final."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

from rmcli.evaluation.anonymity import PRIVACY_FLOOR, Hidden, hidden_list, minimum, suppress
from rmcli.evaluation.comments import NAME_MARK, Names
from rmcli.models.feedback import Answer, FeedbackFile
from rmcli.models.program import Program
from rmcli.models.roster import ROLES, Roster
from rmcli.words import Labels

OTHER_AREA = "other"
TOP_SKILLS = 10


def area_of_skills(program: Program) -> dict[str, str]:
    """Return the topic area of every tag in the topic plan (first topic wins)."""
    areas: dict[str, str] = {}
    for topic in sorted(program.topics, key=lambda t: t.month):
        for tag in topic.tags:
            areas.setdefault(tag, topic.area)
    return areas


def learned_counts(
    answers: list[Answer],
    *,
    limit: int,
    pattern: Names | None = None,
    tags: frozenset[str] = frozenset(),
    labels: Labels | None = None,
) -> tuple[dict[str, Any] | None, list[Hidden]]:
    """Return the skills named most often (rare ones folded into 'other'), or None if too few.

    A skill that is one of the program's `tags` (ticked from the survey's list) gets its
    label from `labels`; one typed in free text keeps its own words as its label.
    """
    named = labels or Labels()
    if len(answers) < limit:
        return None, ([Hidden("learned", "all", "small", limit)] if answers else [])
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for answer in answers:
        for name in {s.strip().casefold(): s.strip() for s in answer.learned}.items():
            counts[name[0]] += 1
            spelling.setdefault(name[0], name[1])
    listed = sorted(
        ((n, k) for k, n in counts.items() if n >= PRIVACY_FLOOR), key=lambda p: (-p[0], p[1])
    )
    top = []
    for n, key in listed[:TOP_SKILLS]:
        skill = _redact(spelling[key], pattern)
        label = named(skill) if skill in tags else skill
        top.append({"skill": skill, "label": label, "people": n})
    rare = sum(1 for n in counts.values() if n < PRIVACY_FLOOR)
    return {"respondents": len(answers), "top": top, "other_skills": rare}, []


def _redact(text: str, pattern: Names | None) -> str:
    # A free entry such as "what Lena showed me" must not name anyone.
    return pattern.sub(NAME_MARK, text) if pattern is not None else text


def skill_changes(
    *,
    program: Program,
    roster: Roster,
    feedback: FeedbackFile,
    finals: list[Answer],
    as_of: dt.date,
) -> tuple[dict[str, Any], list[Hidden]]:
    """Return the mean intake-to-final change per topic area and per role.

    Each person counts once per area: their own mean change over that area's skills (and
    their mean self-assessment at intake and in the final survey over the same skills).
    """
    limit = minimum(program.privacy.min_group)
    areas = area_of_skills(program)
    intake = {a.person: a for a in feedback.answers if a.survey == "intake" and a.answered <= as_of}
    per_area: dict[str, list[tuple[float, float, float]]] = {}  # (intake, final, change)
    per_role: dict[str, list[float]] = {r: [] for r in ROLES}
    people = roster.by_id()
    for final in finals:
        before = intake.get(final.person)
        if before is None:
            continue
        changes: dict[str, list[int]] = {}
        pairs: dict[str, list[tuple[int, int]]] = {}
        for skill, after in final.skills.items():
            if skill in before.skills:
                area = areas.get(skill, OTHER_AREA)
                changes.setdefault(area, []).append(after - before.skills[skill])
                pairs.setdefault(area, []).append((before.skills[skill], after))
        for area, diffs in changes.items():
            rated = pairs[area]
            per_area.setdefault(area, []).append(
                (
                    statistics.fmean(b for b, _ in rated),
                    statistics.fmean(a for _, a in rated),
                    statistics.fmean(diffs),
                )
            )
        every = [d for diffs in changes.values() for d in diffs]
        if every:
            per_role[people[final.person].role].append(statistics.fmean(every))
    hidden: list[Hidden] = []
    by_area: dict[str, Any] = {}
    for area in sorted(per_area):
        values = per_area[area]
        if len(values) >= limit:
            by_area[area] = {
                "people": len(values),
                "mean_change": round(statistics.fmean(v[2] for v in values), 2),
                "mean_intake": round(statistics.fmean(v[0] for v in values), 2),
                "mean_final": round(statistics.fmean(v[1] for v in values), 2),
            }
        else:
            by_area[area] = None
            hidden.append(Hidden("skills_change", area, "small", limit))
    reasons = suppress({r: len(per_role[r]) for r in ROLES}, min_group=limit)
    hidden.extend(hidden_list("skills_change", reasons, limit=limit))
    by_role: dict[str, Any] = {
        r: None
        if r in reasons
        else {"people": len(per_role[r]), "mean_change": round(statistics.fmean(per_role[r]), 2)}
        for r in ROLES
    }
    return {"by_area": by_area, "by_role": by_role}, hidden
