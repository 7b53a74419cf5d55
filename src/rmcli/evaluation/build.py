"""Put the whole evaluation of a program together as JSON-ready data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rmcli.evaluation.anonymity import Hidden, minimum
from rmcli.evaluation.comments import free_text, name_pattern
from rmcli.evaluation.figures import final_answers, survey_figures
from rmcli.evaluation.health import flag_history, participation, session_figures
from rmcli.evaluation.skills import learned_counts, skill_changes
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.models.feedback import FeedbackFile


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
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: SessionsFile,
    feedback: FeedbackFile,
    checkins: CheckinsFile,
    as_of: dt.date,
) -> Evaluation:
    """Return the evaluation of a program as of a day."""
    survey = survey_figures(program=program, roster=roster, feedback=feedback, as_of=as_of)
    finals = final_answers(feedback=feedback, roster=roster, as_of=as_of)
    limit = minimum(program.privacy.min_group)
    learned, hidden_learned = learned_counts(finals, limit=limit, pattern=name_pattern(roster))
    changes, hidden_changes = skill_changes(
        program=program, roster=roster, feedback=feedback, finals=finals, as_of=as_of
    )
    texts, hidden_texts = free_text(program=program, roster=roster, answers=finals)
    health = flag_history(
        program=program,
        roster=roster,
        matches=matches,
        sessions=sessions,
        checkins=checkins,
        as_of=as_of,
    )
    data: dict[str, Any] = {
        "program": program.name,
        "start": program.start.isoformat(),
        "end": program.end().isoformat(),
        "as_of": as_of.isoformat(),
        "thresholds": {"min_group": limit, "min_comments": max(3, program.privacy.min_comments)},
        "participation": participation(
            roster=roster, matches=matches, respondents=survey.data["respondents"]
        ),
        **survey.data,
        "sessions": session_figures(
            program=program, matches=matches, sessions=sessions, as_of=as_of
        ),
        "skills": {"learned": learned, **changes},
        "comments": texts,
        "flags": health,
    }
    hidden = [*survey.hidden, *hidden_learned, *hidden_changes, *hidden_texts]
    return Evaluation(program=program, as_of=as_of, data=data, hidden=hidden)


def evaluate_folder(folder: Path, *, as_of: dt.date) -> Evaluation:
    """Load a program folder's files and return its evaluation."""
    from rmcli.feedback.files import load_feedback, load_surveys
    from rmcli.folder import load_matches, load_program, load_roster, load_sessions
    from rmcli.running.checkin import load_checkins

    checkins = load_checkins(folder)
    program = load_program(folder)
    result = evaluate(
        program=program,
        roster=load_roster(folder),
        matches=load_matches(folder),
        sessions=load_sessions(folder),
        feedback=load_feedback(folder),
        checkins=checkins,
        as_of=as_of,
    )
    for survey in load_surveys(folder, program).surveys:
        for question in survey.questions:
            for option in question.options:
                result.options.setdefault(option.id, option.text(program.language))
    return result
