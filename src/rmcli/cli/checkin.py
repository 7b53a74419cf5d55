"""`rmcli checkin`: record how it is going for one participant, or import a survey export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from rmcli.cli import running_ask as ask
from rmcli.cli.options import ProgramOption, YesOption, can_ask, need_answer, parse_day, program_dir
from rmcli.cli.output import JsonOption, note
from rmcli.errors import InputError

checkin_app = typer.Typer(
    help="Record a participant's check-in answer, or import answers from a CSV file.",
    rich_markup_mode=None,
)


@checkin_app.callback(invoke_without_command=True)
def checkin(
    ctx: typer.Context,
    program: ProgramOption = None,
    person: Annotated[
        str | None, typer.Option("--person", metavar="ID", help="Id of who answered.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Day of the answer, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    score: Annotated[
        int | None,
        typer.Option("--score", metavar="1-5", help="How it is going: 1 (badly) to 5 (very well)."),
    ] = None,
    challenge: Annotated[
        list[str] | None,
        typer.Option(
            "--challenge",
            metavar="CODE",
            help="A challenge that applies (repeat): junior-hesitant, senior-not-serious, "
            "no-time, unclear-expectations, other.",
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", metavar="TEXT", help="Free text (confidential; never in status)."),
    ] = None,
    wants_help: Annotated[
        bool | None,
        typer.Option(
            "--wants-help/--no-wants-help",
            help="Whether they want the organiser to step in.",
            show_default=False,
        ),
    ] = None,
    yes: YesOption = False,
) -> None:
    """Record one participant's check-in answer in checkins.toml."""
    if ctx.invoked_subcommand:
        return
    from rmcli.folder import load_program, load_roster, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.running.checkin import CHECKINS_FILE, build_checkin, load_checkins, put_checkins

    folder = program_dir(ctx, program)
    asking = can_ask(yes)
    settings = load_program(folder)
    roster = load_roster(folder)
    if person is None:
        if not asking:
            raise need_answer("--person")
        person = ask.ask_choice("Who answered?", choices=[p.id for p in roster.people])
    if date is None and asking:
        date = ask.ask_text("Date (YYYY-MM-DD):", default=dt.date.today().isoformat())
    day = parse_day(date, flag="--date")
    answer = build_checkin(
        program=settings,
        roster=roster,
        person=person,
        date=day,
        score=_score(score, asking=asking),
        challenges=_challenges(challenge, language=settings.language, asking=asking),
        text=text if text is not None else (_ask_text() if asking else ""),
        wants_help=_wants_help(wants_help, asking=asking),
    )
    # Questions are over: hold the lock only for the read-modify-write itself.
    with program_lock(folder):
        updated, replaced = put_checkins(checkins=load_checkins(folder), answers=[answer])
        write_owned(folder, CHECKINS_FILE, updated)
    verb = "replaced" if replaced else "recorded"
    note(f"{verb} the check-in of {person} on {day.isoformat()} (score {answer.score})")


def _ask_text() -> str:
    return ask.ask_text("Anything else? (optional)")


def _score(value: int | None, *, asking: bool) -> int:
    if value is not None:
        return value
    if not asking:
        raise need_answer("--score")
    choice = ask.ask_choice("How is it going? (1 badly ... 5 very well)", choices=list("54321"))
    return int(choice)


def _challenges(values: list[str] | None, *, language: str, asking: bool) -> list[str]:
    from rmcli.running.checkin import challenge_labels

    if values is not None or not asking:
        return [v.strip() for value in values or [] for v in value.split(";") if v.strip()]
    labels = challenge_labels(language)
    picked = ask.ask_many("Which challenges apply?", choices=[labels[c] for c in labels])
    return [code for code, label in labels.items() if label in picked]


def _wants_help(value: bool | None, *, asking: bool) -> bool:
    if value is not None or not asking:
        return bool(value)
    return ask.ask_yes("Do they want the organiser to step in?", default=False)


@checkin_app.command("import")
def import_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV file with a header row.", show_default=False)],
    program: ProgramOption = None,
) -> None:
    """Import check-in answers from a CSV export; a bad row stops it before anything is written."""
    from rmcli.folder import load_program, load_roster, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.running.checkin import CHECKINS_FILE, load_checkins, parse_csv, put_checkins

    parent = ctx.parent.params.get("program") if ctx.parent else None
    folder = program_dir(ctx, program or parent)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{file}: file not found") from None
    except (OSError, UnicodeDecodeError):
        raise InputError(f"{file}: cannot be read as UTF-8 text") from None
    with program_lock(folder):
        plan = load_program(folder)
        roster = load_roster(folder)
        answers = parse_csv(text, file=str(file), program=plan, roster=roster)
        updated, replaced = put_checkins(checkins=load_checkins(folder), answers=answers)
        write_owned(folder, CHECKINS_FILE, updated)
    note(f"imported {len(answers)} check-in answer(s), {replaced} replaced an earlier one")


@checkin_app.command("show")
def show(
    ctx: typer.Context,
    person: Annotated[str, typer.Option("--person", metavar="ID", help="Id of the participant.")],
    program: ProgramOption = None,
    json: JsonOption = False,
) -> None:
    """Show one person's check-in answers, free text included (confidential)."""
    from rich.table import Table
    from rich.text import Text

    from rmcli.cli.output import out, print_json
    from rmcli.running.checkin import load_checkins

    parent = ctx.parent.params.get("program") if ctx.parent else None
    folder = program_dir(ctx, program or parent)
    answers = sorted(
        (a for a in load_checkins(folder).checkins if a.person == person), key=lambda a: a.date
    )
    if json:
        print_json([a.model_dump(mode="json") for a in answers])
        return
    table = Table(title=f"Check-ins of {person} (confidential)")
    for column in ("date", "score", "challenges", "wants help", "text"):
        table.add_column(column, overflow="fold")
    for a in answers:
        cells = (a.date.isoformat(), str(a.score), ", ".join(a.challenges))
        table.add_row(*(Text(c) for c in (*cells, "yes" if a.wants_help else "no", a.text)))
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add the checkin group to the app."""
    app.add_typer(checkin_app, name="checkin")
