"""One pair's score and its reasons in words (the same sum as the score matrix)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rmcli.matching.words import chose_projects, say
from rmcli.matching.zones import WORKDAY_HOURS, overlap_hours
from rmcli.models import Person
from rmcli.models.program import Weights
from rmcli.words import Labels


def _listed(items: list[str]) -> str:
    return ", ".join(items)


def pair_score(
    junior: Person,
    senior: Person,
    *,
    weights: Weights,
    day: dt.date,
    both_ways: bool = False,
    projects: bool = False,
    titles: Mapping[str, str] | None = None,
    language: str = "en",
    labels: Labels | None = None,
    words: bool = True,
) -> tuple[float, list[str]]:
    """Return the score of a junior-senior pair and the reasons that make it up.

    `titles` maps project ids to titles and `labels` names tags, so that reasons name
    projects and topics as people know them, never by their ids. Without `words` the
    reasons are left empty (the same score, for a caller that words its own).
    """
    named = labels or Labels(language)
    score = 0.0
    reasons: list[str] = []
    taught = sorted(set(junior.expertise) & set(senior.interests))
    learned = sorted(set(senior.expertise) & set(junior.interests)) if both_ways else []
    if weights.topics:
        score += weights.topics * (len(taught) + len(learned))
        if words and taught:
            reasons.append(say(language, "teaches", topics=named.listed(taught)))
        if words and learned:
            reasons.append(say(language, "learns", topics=named.listed(learned)))
    if weights.prefer:
        wants = senior.id in junior.prefer
        wanted = junior.id in senior.prefer
        score += weights.prefer * (wants + wanted)
        if words and (wants or wanted):
            asked = (
                "both_prefer" if wants and wanted else "junior_asked" if wants else "senior_asked"
            )
            reasons.append(say(language, asked))
    departments = (junior.department, senior.department)
    if weights.department and all(departments) and departments[0] != departments[1]:
        score += weights.department
        if words:
            reasons.append(say(language, "departments"))
    shared = sorted(set(junior.languages) & set(senior.languages))
    if weights.language and len(shared) >= 2:
        score += weights.language
        if words:
            reasons.append(say(language, "languages", count=len(shared), languages=_listed(shared)))
    if weights.timezone:
        hours = overlap_hours(junior.timezone, senior.timezone, day)
        score += weights.timezone * hours / WORKDAY_HOURS
        if words and hours < WORKDAY_HOURS:
            reasons.append(say(language, "hours", hours=hours))
        elif words:
            reasons.append(say(language, "same_hours"))
    if projects and weights.project:
        both = sorted(set(junior.projects) & set(senior.projects))
        if both:
            score += weights.project
            if words:
                reasons.append(chose_projects(language, both, titles or {}))
    return score, reasons
