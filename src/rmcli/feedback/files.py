"""Write feedback.toml and check it with the program's surveys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rmcli.errors import Problem
from rmcli.folder import FEEDBACK_FILE, GENERATED_HEADER, SURVEYS_FILE, Snapshot
from rmcli.io import tomlw
from rmcli.io.atomic import write_text
from rmcli.io.toml import locate
from rmcli.models.feedback import Answer, FeedbackFile
from rmcli.models.program import Program
from rmcli.models.roster import Person
from rmcli.words import say


def dump_feedback(feedback: FeedbackFile) -> str:
    """Return the TOML text of feedback.toml (answers sorted by survey and person)."""
    ordered = sorted(feedback.answers, key=lambda a: (a.survey, a.person))
    data: dict[str, Any] = {
        "answers": [_compact(a.model_dump(mode="python", by_alias=True)) for a in ordered]
    }
    return GENERATED_HEADER + tomlw.dumps(data)


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    # Unanswered questions are left out, so the file shows what was actually said.
    return {k: v for k, v in row.items() if v not in (None, "", [], {})}


def save_feedback(folder: Path, feedback: FeedbackFile) -> Path:
    """Write feedback.toml whole, readable by its owner only."""
    path = folder / FEEDBACK_FILE
    write_text(path, dump_feedback(feedback), private=True)
    return path


def merge(feedback: FeedbackFile, answers: list[Answer]) -> tuple[FeedbackFile, list[Answer]]:
    """Return the answers with `answers` added, and the earlier ones they replace."""
    new_keys = {(a.person, a.survey) for a in answers}
    replaced = [a for a in feedback.answers if (a.person, a.survey) in new_keys]
    kept = [a for a in feedback.answers if (a.person, a.survey) not in new_keys]
    return FeedbackFile(answers=[*kept, *answers]), replaced


def topics_of(person: Person, program: Program) -> list[str]:
    """Return the skills a person rates: what a senior wants to learn, what a junior teaches."""
    own = person.interests if person.role == "senior" else person.expertise
    if own:
        return list(own)
    tags = [tag for topic in program.topics for tag in topic.tags]
    return list(dict.fromkeys(tags))


def check_feedback_file(snapshot: Snapshot) -> list[Problem]:
    """Return the problems of feedback.toml and surveys.toml, for `rmcli validate`."""
    feedback = snapshot.feedback_file
    problems: list[Problem] = []
    if (snapshot.folder / FEEDBACK_FILE).is_file():
        problems.extend(feedback.problems)
    if (snapshot.folder / SURVEYS_FILE).is_file():
        problems.extend(snapshot.surveys_file.problems)
    roster = snapshot.roster_file.loaded
    if problems or feedback.loaded is None or roster is None:
        return problems  # the roster's own problems are reported by its check
    people = roster.model.by_id()
    for index, answer in enumerate(feedback.loaded.model.answers):
        if answer.person not in people:
            line = locate(feedback.loaded.text, ("answers", index, "person"))
            msg = say("names someone who is not in the roster (left the program?)")
            problems.append(Problem(feedback.file, msg, "answers.person", line, severity="warning"))
    return problems
