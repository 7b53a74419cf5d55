"""`rmcli feedback`: ask a survey's questions, import answers from CSV, export a blank sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    AsOfOption,
    JsonOption,
    PersonOption,
    ProgramOption,
    ReplaceOption,
    SuggestingGroup,
    YesOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note, print_json
from rmcli.errors import InputError
from rmcli.words import N_, Labels, say, say_n

if TYPE_CHECKING:  # the models import pydantic, which `rmcli --help` must not load
    from rmcli.feedback.values import Value
    from rmcli.models.feedback import Answer, FeedbackFile, Question

SKIP = N_("(skip)")

SurveyOption = Annotated[
    str | None,
    typer.Option("--survey", help=say("Survey id: intake, midpoint, final or your own.")),
]

group = typer.Typer(
    cls=SuggestingGroup,
    help=say(
        "Collect survey answers: asked here, imported from CSV, or a blank sheet to send out."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
)


@group.callback()
def feedback(
    ctx: typer.Context,
    program: ProgramOption = None,
    person: PersonOption = None,
    survey: SurveyOption = None,
    replace: ReplaceOption = False,
    as_of: AsOfOption = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Ask one person the questions of a survey and keep the answers in feedback.toml."""
    if ctx.invoked_subcommand is not None:
        return
    from rmcli.feedback.collect import build_answer, questions_for
    from rmcli.feedback.files import topics_of
    from rmcli.folder import load
    from rmcli.io.labels import tag_labels
    from rmcli.io.lock import program_lock
    from rmcli.words import say

    folder = program_dir(ctx, program)
    day = parse_day(as_of)
    snapshot = load(folder)
    prog = snapshot.program
    roster = snapshot.roster
    surveys = snapshot.surveys
    asking = ask.can_ask(yes)
    person = ask.answer(
        person,
        flag="--person",
        asking=asking,
        question=lambda: ask.choice(say("Who answers?"), choices=[p.id for p in roster.people]),
        choices=[p.id for p in roster.people],
    )
    survey = ask.answer(
        survey,
        flag="--survey",
        asking=asking,
        question=lambda: ask.choice(say("Which survey?"), choices=[s.id for s in surveys.surveys]),
        choices=[s.id for s in surveys.surveys],
    )
    who = roster.get(person)
    if who is None:
        raise InputError(say("--person: no one with id '{person}' in roster.toml", person=person))
    chosen = surveys.get(survey)
    if chosen is None:
        known = ", ".join(s.id for s in surveys.surveys)
        raise InputError(
            say("--survey: unknown survey '{survey}'", survey=survey),
            hint=say("surveys: {known}", known=known),
        )
    if not asking:
        raise InputError(
            say("answers are asked in a terminal"),
            hint=say("import a sheet instead: rmcli feedback import FILE.csv"),
        )
    named = tag_labels(prog.labels, prog.language)
    values = {
        q.id: ask_question(q, language=prog.language, topics=topics_of(who, prog), labels=named)
        for q in questions_for(survey=chosen, person=who)
    }
    try:
        answer = build_answer(person=who, survey=chosen, values=values, answered=day)
    except ValueError as exc:
        raise InputError(str(exc).splitlines()[0]) from None
    with program_lock(folder):
        # Checked again under the lock: the person or survey may be gone since the questions.
        current = load(folder, after=snapshot)
        if current.roster.get(person) is None or current.surveys.get(survey) is None:
            raise InputError(
                say(
                    "--person: {person} or --survey {survey} was removed meanwhile; nothing was written",
                    person=person,
                    survey=survey,
                )
            )
        _save(folder, [answer], replace=replace, yes=yes, json=json)


def _save(
    folder: Path, answers: list[Answer], *, replace: bool, yes: bool, json: bool
) -> FeedbackFile:
    """Merge answers into feedback.toml, confirming before earlier answers are replaced."""
    from rmcli.cli.views.progress import shown
    from rmcli.feedback.files import merge, save_feedback
    from rmcli.folder import load

    merged, replaced = merge(load(folder).feedback, answers)
    if replaced and not (replace or yes):
        count = len(replaced)
        refused = InputError(
            say_n(
                "{n} earlier answer to the same survey would be replaced",
                "{n} earlier answers to the same survey would be replaced",
                count,
            ),
            hint=say("add --replace to replace them"),
        )
        question = say_n(
            "Replace {n} earlier answer to the same survey?",
            "Replace {n} earlier answers to the same survey?",
            count,
        )
        if not ask.confirm(question, asking=ask.can_ask(yes), otherwise=refused):
            raise InputError(say("nothing was written: earlier answers kept"))
    with shown(json=json) as progress:  # after the question: a display must not cover it
        saving = say("answers saved")
        progress(saving, 0, 1)
        path = save_feedback(folder, merged)
        progress(saving, 1, 1)
    if json:
        print_json({"written": str(path), "answers": len(answers), "replaced": len(replaced)})
    note(
        say_n(
            "wrote {path}: {n} answer, {replaced} replaced",
            "wrote {path}: {n} answers, {replaced} replaced",
            len(answers),
            path=path,
            replaced=len(replaced),
        )
    )
    return merged


@group.command(
    "import",
    help=say("Import answers from a CSV sheet; a bad row stops the import with nothing written."),
)
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help=say("CSV sheet: a header row, one row a person and survey."))
    ],
    program: ProgramOption = None,
    replace: ReplaceOption = False,
    as_of: AsOfOption = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Import answers from a CSV sheet; a bad row stops the import with nothing written."""
    from rmcli.cli.views.progress import shown
    from rmcli.feedback.csv import read_sheet
    from rmcli.folder import load
    from rmcli.io.lock import program_lock

    folder = program_dir(ctx, program)
    day = parse_day(as_of)
    with program_lock(folder):
        with shown(json=json) as progress:
            snapshot = load(folder)
            surveys = snapshot.surveys
            answers = read_sheet(
                file, roster=snapshot.roster, surveys=surveys, today=day, progress=progress
            )
        if not answers:
            raise InputError(say("{file}: no answered rows; nothing was written", file=file))
        _save(folder, answers, replace=replace, yes=yes, json=json)


@group.command(
    "export",
    help=say(
        "Write the blank answer sheet for a survey: one row a person, ready for a survey tool."
    ),
)
def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=say("Where to write the CSV sheet."))],
    blank: Annotated[
        bool,
        typer.Option(
            "--blank", help=say("Write the empty sheet to send out (what export always writes).")
        ),
    ] = True,
    survey: SurveyOption = None,
    program: ProgramOption = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Write the blank answer sheet for a survey: one row a person, ready for a survey tool."""
    from rmcli.evaluation.health import in_matches
    from rmcli.feedback.csv import blank_sheet
    from rmcli.folder import load
    from rmcli.io.atomic import write_text
    from rmcli.models import Roster

    del blank  # answers stay in feedback.toml: export only ever writes the blank sheet
    folder = program_dir(ctx, program)
    snapshot = load(folder)
    surveys = snapshot.surveys
    roster = snapshot.roster
    # The people who take part: those in a match, or before matching the volunteers.
    if snapshot.matches.matches:
        asked = in_matches(roster, snapshot.matches)
    else:
        asked = Roster(people=[p for p in roster.people if p.volunteer], org=roster.org)
    text = blank_sheet(roster=asked, surveys=surveys, survey=survey or "final")
    if file.exists() and not yes:
        refused = InputError(
            say("{file}: exists already", file=file), hint=say("add --yes to overwrite it")
        )
        question = say("Overwrite {file}?", file=file)
        if not ask.confirm(question, asking=ask.can_ask(yes), otherwise=refused):
            raise InputError(say("nothing was written"))
    write_text(file, text, private=True)
    if json:
        rows = len(asked.people)
        print_json({"written": str(file), "survey": survey or "final", "rows": rows})
    note(say("wrote {path}", path=file))


def ask_question(
    question: Question, *, language: str, topics: list[str], labels: Labels | None = None
) -> Value | None:
    """Ask one survey question and return its value (None: skipped); topics show by label."""
    from rmcli.feedback.values import parse_list

    named = labels or Labels(language)
    text = question.text(language)
    kind = question.kind
    if kind == "rating":
        return _rating(text, required=question.required)
    if kind == "yesno":
        yes, skip = say("yes"), say(SKIP)
        choices = [yes, say("no"), *([] if question.required else [skip])]
        picked = ask.choice(text, choices=choices)
        return None if picked == skip else picked == yes
    if kind == "text":
        return ask.text(text).strip() or None
    if kind == "choice":
        options = {o.id: o.text(language) for o in question.options}
        return ask.many(text, choices=options)
    if kind == "learned":
        shown = {topic: named(topic) for topic in topics}
        picked_topics = ask.many(text, choices=shown) if topics else []
        more = ask.text(say("Anything else? (separate with ;)"))
        return [*picked_topics, *parse_list(more or "")]
    ratings: dict[str, int] = {}
    for topic in topics:
        value = _rating(f"{text}\n  {named(topic)}", required=False)
        if value is not None:
            ratings[topic] = value
    return ratings


def _rating(message: str, *, required: bool) -> int | None:
    skip = say(SKIP)
    choices = ["1", "2", "3", "4", "5", *([] if required else [skip])]
    picked = ask.choice(message, choices=choices, default="3")  # the middle: no answer is nudged
    return None if picked == skip else int(picked)


def register(app: typer.Typer) -> None:
    """Add `feedback` to the app."""
    app.add_typer(group, name="feedback")
