"""`rmcli checkin`: record how it is going for one participant, or import a survey export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    DateOption,
    JsonOption,
    PersonOption,
    ProgramOption,
    SuggestingGroup,
    YesOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note
from rmcli.errors import InputError
from rmcli.words import N_, say, say_n

if TYPE_CHECKING:
    from rmcli.models import Program, Roster

checkin_app = typer.Typer(
    cls=SuggestingGroup,
    help=say("Record a participant's check-in answer, or import answers from a CSV file."),
    rich_markup_mode=None,
)


@checkin_app.callback(invoke_without_command=True)
def checkin(
    ctx: typer.Context,
    program: ProgramOption = None,
    person: PersonOption = None,
    date: DateOption = None,
    score: Annotated[
        int | None,
        typer.Option(
            "--score", metavar="1-5", help=say("How it is going: 1 (badly) to 5 (very well).")
        ),
    ] = None,
    challenge: Annotated[
        list[str] | None,
        typer.Option(
            "--challenge",
            metavar="CODE",
            help=say(
                "A challenge that applies (repeat): junior-hesitant, senior-not-serious, "
                "no-time, unclear-expectations, other."
            ),
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", metavar="TEXT", help=say("Free text (confidential; never in status).")
        ),
    ] = None,
    wants_help: Annotated[
        bool | None,
        typer.Option(
            "--wants-help/--no-wants-help",
            help=say("Whether they want the organiser to step in."),
            show_default=False,
        ),
    ] = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Record one participant's check-in answer in checkins.toml."""
    if ctx.invoked_subcommand:
        return
    from rmcli.folder import CHECKINS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.running.checkin import build_checkin, put_checkins

    folder = program_dir(ctx, program)
    asking = ask.can_ask(yes)
    snapshot = load(folder)
    settings = snapshot.program
    roster = snapshot.roster
    person = ask.answer(
        person,
        flag="--person",
        asking=asking,
        question=lambda: ask.choice(say("Who answered?"), choices=[p.id for p in roster.people]),
        choices=[p.id for p in roster.people],
    )
    known_person(person, roster=roster)
    day = _date(date, program=settings, asking=asking)
    answer = build_checkin(
        program=settings,
        roster=roster,
        person=person,
        date=day,
        score=_score(score, asking=asking),
        challenges=_challenges(challenge, language=settings.language, asking=asking),
        text=ask.answer(
            text,
            flag="--text",
            asking=asking,
            question=lambda: ask.text(say("Anything else? (optional)")),
            default="",
        ),
        wants_help=ask.answer(
            wants_help,
            flag="--wants-help",
            asking=asking,
            question=lambda: ask.yes_no(
                say("Do they want the organiser to step in?"), default=False
            ),
            default=False,
        ),
    )
    # Questions are over: the lock covers reading, checking and writing (the person may have
    # been removed or forgotten in the meantime).
    with program_lock(folder):
        current = load(folder, after=snapshot)
        answer = build_checkin(
            program=current.program, roster=current.roster, **answer.model_dump()
        )
        updated, replaced = put_checkins(checkins=current.checkins, answers=[answer])
        write_owned(folder, CHECKINS_FILE, updated, before=current.checkins_file.loaded)
    done = (
        N_("replaced the check-in of {person} on {day} (score {score})")
        if replaced
        else N_("recorded the check-in of {person} on {day} (score {score})")
    )
    if json:
        from rmcli.cli.output import print_json

        recorded = {"person": person, "date": day.isoformat(), "score": answer.score}
        print_json({"recorded": recorded, "replaced": bool(replaced)})  # never the free text
    note(say(done, person=person, day=day.isoformat(), score=answer.score))


def _date(value: str | None, *, program: Program, asking: bool) -> dt.date:
    """Return the day of the answer: the flag, else asked (checked as typed), else today."""
    from rmcli.running.checkin import date_problem, default_day

    if value is not None or not asking:
        return parse_day(value, flag="--date")
    return ask.day(
        say("Date (YYYY-MM-DD):"),
        flag="--date",
        default=default_day(program=program, today=dt.date.today()),
        check=lambda day: date_problem(program=program, date=day),
    )


def _score(value: int | None, *, asking: bool) -> int:
    return ask.answer(
        value,
        flag="--score",
        asking=asking,
        question=lambda: int(
            ask.choice(
                say("How is it going? (1 badly ... 5 very well)"),
                choices=list("54321"),
                default="3",
            )
        ),
        choices=list("12345"),
    )


def _challenges(values: list[str] | None, *, language: str, asking: bool) -> list[str]:
    from rmcli.running.checkin import challenge_labels

    if values is not None or not asking:
        return [v.strip() for value in values or [] for v in value.split(";") if v.strip()]
    labels = challenge_labels(language)
    picked = ask.many(say("Which challenges apply?"), choices=[labels[c] for c in labels])
    return [code for code, label in labels.items() if label in picked]


@checkin_app.command(
    "import",
    help=say(
        "Import check-in answers from a CSV export; a bad row stops it before anything is written."
    ),
)
def import_csv(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help=say("CSV file with a header row."), show_default=False)
    ],
    program: ProgramOption = None,
    json: JsonOption = False,
) -> None:
    """Import check-in answers from a CSV export; a bad row stops it before anything is written."""
    from rmcli.cli.views.progress import shown
    from rmcli.folder import CHECKINS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.running.checkin import checkins_from_csv, put_checkins

    parent = ctx.parent.params.get("program") if ctx.parent else None
    folder = program_dir(ctx, program or parent)
    with program_lock(folder), shown(json=json) as progress:
        snapshot = load(folder)
        answers = checkins_from_csv(
            file, program=snapshot.program, roster=snapshot.roster, progress=progress
        )
        updated, replaced = put_checkins(checkins=snapshot.checkins, answers=answers)
        saving = say("answers saved")
        progress(saving, 0, 1)
        write_owned(folder, CHECKINS_FILE, updated, before=snapshot.checkins_file.loaded)
        progress(saving, 1, 1)
    if json:
        from rmcli.cli.output import print_json

        print_json({"imported": len(answers), "replaced": replaced})
    note(
        say_n(
            "imported {n} check-in answer, {replaced} replaced an earlier one",
            "imported {n} check-in answers, {replaced} replaced an earlier one",
            len(answers),
            replaced=replaced,
        )
    )


@checkin_app.command(
    "show", help=say("Show one person's check-in answers, free text included (confidential).")
)
def show(
    ctx: typer.Context,
    person: PersonOption,
    program: ProgramOption = None,
    json: JsonOption = False,
) -> None:
    """Show one person's check-in answers, free text included (confidential)."""
    from rmcli.cli.output import print_json
    from rmcli.cli.views.checkin import checkins_table
    from rmcli.folder import load

    parent = ctx.parent.params.get("program") if ctx.parent else None
    folder = program_dir(ctx, program or parent)
    snapshot = load(folder)
    known_person(person, roster=snapshot.roster)
    answers = sorted(
        (a for a in snapshot.checkins.checkins if a.person == person), key=lambda a: a.date
    )
    if json:
        print_json([a.model_dump(mode="json") for a in answers])
        return
    checkins_table(answers, person=str(person))


def known_person(person: str | None, *, roster: Roster) -> None:
    """Refuse an id that is nobody in the roster, before any question, with the closest ids."""
    from rmcli.words import did_you_mean, say

    if person is None:
        raise ask.need_answer("--person")
    if roster.get(person) is None:
        raise InputError(
            say("--person: no person with id {id} in the roster", id=repr(person)),
            hint=did_you_mean(person, (p.id for p in roster.people)),
        )


def register(app: typer.Typer) -> None:
    """Add the checkin group to the app."""
    app.add_typer(checkin_app, name="checkin")
