"""Compute the survey figures of an evaluation, holding back what would identify people."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rmcli.evaluation.anonymity import Hidden, hidden_list, minimum, suppress
from rmcli.models.feedback import Answer, FeedbackFile
from rmcli.models.program import Program
from rmcli.models.roster import ROLES, Roster

FINAL = "final"
INTAKE = "intake"
# The organisation's gains, asked as yes/no questions of the final survey: juniors'
# intent to stay, and whether an idea from the sessions reached a decision.
ORGANISATION_QUESTIONS = ("stay", "decided")


@dataclass
class SurveyFigures:
    """The survey part of an evaluation as plain JSON-ready data plus what was held back."""

    data: dict[str, Any] = field(default_factory=dict)
    hidden: list[Hidden] = field(default_factory=list)


def final_answers(*, feedback: FeedbackFile, roster: Roster, as_of: dt.date) -> list[Answer]:
    """Return the final-survey answers of people still in the roster, once the survey is closed.

    The survey counts as closed on the day of its last answer: from then on every `--as-of`
    shows the same answers, and before it none. Counting answers up to `--as-of` instead would
    let two reports a day apart differ by one person's answer.
    """
    people = roster.by_id()
    finals = [a for a in feedback.answers if a.survey == FINAL and a.person in people]
    return [] if survey_open(finals, as_of=as_of) else finals


def survey_open(answers: list[Answer], *, as_of: dt.date) -> bool:
    """Return whether a survey still gets answers after `as_of` (so its figures are held back)."""
    return any(a.answered > as_of for a in answers)


def rating_summary(values: list[int]) -> dict[str, Any]:
    """Return mean, median and the 1-5 distribution of ratings."""
    return {
        "n": len(values),
        "mean": round(statistics.fmean(values), 2),
        "median": statistics.median(values),
        "distribution": {str(r): values.count(r) for r in range(1, 6)},
    }


def share(flags: list[bool]) -> float:
    """Return the share of True among answers, rounded to 3 places."""
    return round(sum(flags) / len(flags), 3)


def survey_figures(
    *, program: Program, roster: Roster, feedback: FeedbackFile, as_of: dt.date
) -> SurveyFigures:
    """Return respondents, satisfaction, relationship, continue, gains and departments."""
    limit = minimum(program.privacy.min_group)
    people = roster.by_id()
    answers = final_answers(feedback=feedback, roster=roster, as_of=as_of)
    finals = [a for a in feedback.answers if a.survey == FINAL and a.person in people]
    result_open = survey_open(finals, as_of=as_of)
    by_role: dict[str, list[Answer]] = {r: [] for r in ROLES}
    for answer in answers:  # one pass, each role's answers in file order
        by_role[people[answer.person].role].append(answer)
    counts: dict[str, int] = {r: len(by_role[r]) for r in ROLES}
    result = SurveyFigures()
    if result_open:
        result.hidden.append(Hidden(FINAL, "all", "open", limit))
    result.data["respondents"] = dict(counts)
    sat: dict[str, list[Any]] = {
        r: [a.satisfaction for a in by_role[r] if a.satisfaction is not None] for r in ROLES
    }
    result.data["satisfaction"] = _by_role(
        "satisfaction", sat, rating_summary, limit=limit, hidden=result.hidden
    )
    for key in ("relationship", "continue"):
        flags: dict[str, list[Any]] = {
            r: [v for a in by_role[r] if (v := _yes(a, key)) is not None] for r in ROLES
        }
        result.data[key] = _by_role(key, flags, share, limit=limit, hidden=result.hidden)
    # Gains are shares of the role's respondents, so the respondents' groups decide.
    reasons = suppress(counts, min_group=limit)
    result.hidden.extend(hidden_list("gained", reasons, limit=limit))
    result.data["gained"] = {r: None if r in reasons else _gains(by_role[r]) for r in ROLES}
    result.data["hoped"] = _hoped(feedback, people=people, limit=limit, hidden=result.hidden)
    organisation: dict[str, Any] = {}
    for key in ORGANISATION_QUESTIONS:
        values: dict[str, list[Any]] = {
            r: [said for a in by_role[r] if isinstance(said := a.extra.get(key), bool)]
            for r in ROLES
        }
        found: list[Hidden] = []
        organisation[key] = _by_role(key, values, share, limit=limit, hidden=found)
        # A side the question is not asked of has no answers; that holds nothing back.
        result.hidden.extend(h for h in found if h.reason != "none")
    result.data["organisation"] = organisation
    shown_groups = [r for r in (*ROLES, "all") if result.data["satisfaction"][r] is not None]
    result.data["departments"], more = _departments(
        answers, roster=roster, limit=limit, shown=shown_groups
    )
    result.hidden.extend(more)
    return result


def _by_role(
    subject: str,
    values: dict[str, list[Any]],
    figure: Callable[[list[Any]], Any],
    *,
    limit: int,
    hidden: list[Hidden],
) -> dict[str, Any]:
    """Return one figure per role and for all, each only if its group may be shown."""
    reasons = suppress({r: len(values[r]) for r in ROLES}, min_group=limit)
    hidden.extend(hidden_list(subject, reasons, limit=limit))
    everyone = [v for r in ROLES for v in values[r]]
    found: dict[str, Any] = {r: None if r in reasons else figure(values[r]) for r in ROLES}
    found["all"] = figure(everyone) if len(everyone) >= limit else None
    if everyone and len(everyone) < limit:
        hidden.append(Hidden(subject, "all", "small", limit))
    return found


def _yes(answer: Answer, key: str) -> bool | None:
    return answer.continue_ if key == "continue" else answer.relationship


def _gains(group: list[Answer]) -> dict[str, float]:
    options = sorted({g for a in group for g in a.gained})
    return {o: round(sum(o in a.gained for a in group) / len(group), 3) for o in options}


def _hoped(
    feedback: FeedbackFile, *, people: dict[str, Any], limit: int, hidden: list[Hidden]
) -> dict[str, dict[str, float] | None]:
    """Return what each side hoped to gain, as shares of the role's intake answers.

    The intake survey asks the final survey's benefit question before the first session
    (its `gained` answers are hopes), so the report can set hopes beside gains. A side
    without intake answers has no figure and holds nothing back.
    """
    intakes = [a for a in feedback.answers if a.survey == INTAKE and a.person in people]
    by_role = {r: [a for a in intakes if people[a.person].role == r] for r in ROLES}
    asked = {r: [a for a in by_role[r] if a.gained] for r in ROLES}
    reasons = suppress({r: len(asked[r]) for r in ROLES}, min_group=limit)
    hidden.extend(h for h in hidden_list("hoped", reasons, limit=limit) if h.reason != "none")
    return {r: None if r in reasons else _gains(asked[r]) for r in ROLES}


def _departments(
    answers: list[Answer], *, roster: Roster, limit: int, shown: list[str]
) -> tuple[dict[str, Any], list[Hidden]]:
    """Return mean satisfaction by department, hiding what a shown role figure would give away."""
    people = roster.by_id()
    groups: dict[str, list[int]] = {}
    members: dict[str, set[str]] = {}
    for answer in answers:
        name = people[answer.person].department or "-"
        if answer.satisfaction is not None:
            groups.setdefault(name, []).append(answer.satisfaction)
            members.setdefault(name, set()).add(answer.person)
    reasons = suppress({d: len(v) for d, v in groups.items()}, min_group=limit)
    rated = {a.person for a in answers if a.satisfaction is not None}
    for group in shown:
        # A role's figure minus the departments inside it is the rest of that role: it must be
        # nobody or at least `limit` people, else one more department is held back.
        everyone = {p for p in rated if group == "all" or people[p].role == group}
        while True:
            inside = sorted(
                (len(members[d]), d) for d in groups if d not in reasons and members[d] <= everyone
            )
            rest = len(everyone) - sum(n for n, _ in inside)
            if not inside or rest == 0 or rest >= limit:
                break
            reasons[inside[0][1]] = "complement"
    shown_departments = {
        d: {"n": len(v), "mean": round(statistics.fmean(v), 2)}
        for d, v in sorted(groups.items())
        if d not in reasons
    }
    hidden = [Hidden("department", str(len(reasons)), "small", limit)] if reasons else []
    return shown_departments, hidden
