"""Read and write feedback.toml and find the program's surveys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rmcli.errors import Problem, ProblemsError
from rmcli.folder import GENERATED_HEADER, ROSTER_FILE, load_roster, read_file
from rmcli.io.atomic import write_text
from rmcli.io.templates import shipped_root
from rmcli.io.toml import locate, read_model
from rmcli.models.feedback import Answer, FeedbackFile, SurveysFile
from rmcli.models.program import Program
from rmcli.models.roster import Person

FEEDBACK_FILE = "feedback.toml"
SURVEYS_FILE = "surveys.toml"
DEFAULT_SURVEYS = ("surveys", "default.toml")


def load_feedback(folder: Path) -> FeedbackFile:
    """Return feedback.toml, or no answers when nobody answered yet."""
    return read_file(folder, FEEDBACK_FILE, FeedbackFile, missing_ok=True).model


def dump_feedback(feedback: FeedbackFile) -> str:
    """Return the TOML text of feedback.toml (answers sorted by survey and person)."""
    import tomli_w  # noqa: PLC0415 (kept out of start-up)

    ordered = sorted(feedback.answers, key=lambda a: (a.survey, a.person))
    data: dict[str, Any] = {
        "answers": [_compact(a.model_dump(mode="python", by_alias=True)) for a in ordered]
    }
    return GENERATED_HEADER + tomli_w.dumps(data)


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


def default_surveys_path(program: Program | None = None, folder: Path | None = None) -> Path:
    """Return the default surveys file: the program's templates_dir, else the shipped one."""
    if program is not None and program.templates_dir and folder is not None:
        own = Path(program.templates_dir).expanduser()
        own = (own if own.is_absolute() else folder / own) / Path(*DEFAULT_SURVEYS)
        if own.is_file():
            return own
    return shipped_root() / Path(*DEFAULT_SURVEYS)


def load_surveys(folder: Path, program: Program | None = None) -> SurveysFile:
    """Return the program's surveys.toml, else the default set shipped with rmcli."""
    path = folder / SURVEYS_FILE
    if not path.is_file():
        path = default_surveys_path(program, folder)
    found, problems = read_model(SurveysFile, path, file=str(path))
    if found is None or problems:
        raise ProblemsError(problems)
    return found


def topics_of(person: Person, program: Program) -> list[str]:
    """Return the skills a person rates: what a senior wants to learn, what a junior teaches."""
    own = person.interests if person.role == "senior" else person.expertise
    if own:
        return list(own)
    tags = [tag for topic in program.topics for tag in topic.tags]
    return list(dict.fromkeys(tags))


def check_feedback_file(folder: Path) -> list[Problem]:
    """Return the problems of feedback.toml and surveys.toml, for `rmcli validate`."""
    problems: list[Problem] = []
    for name, model in ((FEEDBACK_FILE, FeedbackFile), (SURVEYS_FILE, SurveysFile)):
        path = folder / name
        if path.is_file():
            problems.extend(read_model(model, path, file=str(path))[1])
    path = folder / FEEDBACK_FILE
    if problems or not path.is_file() or not (folder / ROSTER_FILE).is_file():
        return problems
    try:
        people = load_roster(folder).by_id()
        loaded = read_file(folder, FEEDBACK_FILE, FeedbackFile)
    except ProblemsError:
        return problems  # the roster's own problems are reported by its check
    for index, answer in enumerate(loaded.model.answers):
        if answer.person not in people:
            line = locate(loaded.text, ("answers", index, "person"))
            msg = "names someone who is not in the roster (left the program?)"
            problems.append(Problem(str(path), msg, "answers.person", line, severity="warning"))
    return problems
