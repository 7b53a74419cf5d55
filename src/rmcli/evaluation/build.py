"""Put the whole evaluation of a program together as JSON-ready data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from rmcli.evaluation.anonymity import Hidden, minimum
from rmcli.evaluation.comments import free_text, name_pattern
from rmcli.evaluation.figures import final_answers, survey_figures
from rmcli.evaluation.health import (
    flag_counts,
    flag_history,
    flags_aside,
    in_matches,
    participation,
    session_figures,
)
from rmcli.evaluation.recommendations import summary as recommendation_summary
from rmcli.evaluation.skills import learned_counts, skill_changes
from rmcli.folder import Snapshot
from rmcli.io import cache
from rmcli.io.labels import tag_labels
from rmcli.models import Program
from rmcli.models.program import Privacy
from rmcli.progress import Progress, quiet
from rmcli.schedule.kept import sessions_of


@dataclass
class Evaluation:
    """An evaluation: the program it is about, its figures, and what was held back."""

    program: Program
    as_of: dt.date
    data: dict[str, Any]
    hidden: list[Hidden]
    options: dict[str, str] = field(default_factory=dict)  # choice option id -> label

    def to_json(self) -> dict[str, Any]:
        """Return the `rmcli evaluate --json` form (null where a figure is held back)."""
        return {**self.data, "hidden": [h.to_json() for h in self.hidden]}


def evaluate(
    snapshot: Snapshot,
    *,
    as_of: dt.date,
    floor: Privacy | None = None,
    progress: Progress = quiet,
    meanwhile: Callable[[Program], object] | None = None,
) -> Evaluation:
    """Return the evaluation of a loaded program folder as of a day.

    `floor` raises the program's thresholds (never lowers them): two cohorts put side by
    side are both shown under the stricter of their two settings. `meanwhile(program)` is
    called before the flag counts are asked for: work of the caller's that needs no figure
    (compiling templates, say) is done there while a child counts them.
    """
    # Where a child counts a big program's flags (`io.aside`), the cache entries of the files
    # and the plan are kept while it counts, before the counts are asked for: the child takes
    # more of the matches meanwhile (kept after the counts, they would only come last). A
    # command that answers first keeps them after its answer (`cache.answer_first`), where
    # another child writes them while the command ends.
    early = flags_aside(snapshot, as_of=as_of)
    with cache.answer_first(flush=_nothing) if early else nullcontext():
        _ = snapshot.checkins  # checked first: a broken checkins.toml is the problem reported
        program, roster = stricter(snapshot.program, floor), snapshot.roster
        matches, sessions = snapshot.matches, snapshot.sessions
        # Planned once, not once per month (it does not depend on the day), and placed as
        # `rmcli status` and the calendar place it, so the figures agree with them.
        planned = sessions_of(snapshot)  # the privacy floor does not move sessions
        # Started first and asked for last: a big program's flags are counted meanwhile.
        flags = flag_counts(snapshot, as_of=as_of, planned=planned, progress=progress)
        feedback = snapshot.feedback
        # The population is the people who were in a match; the full roster still names the
        # people whose names are taken out of free text.
        population = in_matches(roster, matches)
        survey = survey_figures(program=program, roster=population, feedback=feedback, as_of=as_of)
        finals = final_answers(feedback=feedback, roster=population, as_of=as_of)
        limit = minimum(program.privacy.min_group)
        names = name_pattern(roster)  # built once: a big roster makes a big pattern
        learned, hidden_learned = learned_counts(
            finals,
            limit=limit,
            pattern=names,
            tags=frozenset([*program.tag_ids(), *roster.tag_ids(), *program.labels]),
            labels=tag_labels(program.labels, program.language),
        )
        changes, hidden_changes = skill_changes(
            program=program, roster=population, feedback=feedback, finals=finals, as_of=as_of
        )
        texts, hidden_texts = free_text(program=program, roster=roster, answers=finals, names=names)
        figures = session_figures(
            program=program, matches=matches, sessions=sessions, as_of=as_of, planned=planned
        )
        participants = participation(
            roster=roster,
            matches=matches,
            population=population,
            respondents=survey.data["respondents"],
        )
        recommendations = recommendation_summary(snapshot.recommendations, as_of=as_of)
        surveys = snapshot.surveys
    if meanwhile is not None:
        meanwhile(program)
    health, hidden_health = flag_history(snapshot, as_of=as_of, min_group=limit, counts=flags)
    data: dict[str, Any] = {
        "program": program.name,
        "start": program.start.isoformat(),
        "end": program.end().isoformat(),
        "as_of": as_of.isoformat(),
        "thresholds": {"min_group": limit, "min_comments": max(3, program.privacy.min_comments)},
        "participation": participants,
        **survey.data,
        "sessions": figures,
        "skills": {"learned": learned, **changes},
        "comments": texts,
        "flags": health,
        "recommendations": recommendations,
    }
    hidden = [*survey.hidden, *hidden_learned, *hidden_changes, *hidden_texts, *hidden_health]
    result = Evaluation(program=program, as_of=as_of, data=data, hidden=hidden)
    for survey_file in surveys.surveys:
        for question in survey_file.questions:
            for option in question.options:
                result.options.setdefault(option.id, option.text(program.language))
    return result


def _nothing() -> None:
    """Send nothing: the entries kept early come before any answer."""


def stricter(program: Program, floor: Privacy | None) -> Program:
    """Return the program with each privacy threshold at least that of `floor`."""
    if floor is None:
        return program
    own = program.privacy
    raised = own.model_copy(
        update={
            "min_group": max(own.min_group, floor.min_group),
            "min_comments": max(own.min_comments, floor.min_comments),
        }
    )
    return program.model_copy(update={"privacy": raised})
