"""`rmcli recommend`: the program's recommendations to the organisation and their answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli.options import AsOfOption, JsonOption, ProgramOption, parse_day, program_dir
from rmcli.cli.output import note
from rmcli.words import say

if TYPE_CHECKING:
    from rmcli.models.recommendations import RecommendationsFile

recommend_app = typer.Typer(
    help=say("Record the program's recommendations to the organisation and leadership's answers."),
    rich_markup_mode=None,
    no_args_is_help=True,
)
NumberArgument = Annotated[
    int, typer.Argument(metavar="NUMBER", help=say("The recommendation's number."))
]


def _folder(ctx: typer.Context, program: Path | None) -> Path:
    parent = ctx.parent.params.get("program") if ctx.parent else None
    return program_dir(ctx, program or parent)


def _record(
    ctx: typer.Context,
    program: Path | None,
    as_of: str | None,
    change: Callable[[RecommendationsFile, dt.date], tuple[RecommendationsFile, str, int]],
    *,
    json: bool = False,
) -> None:
    """Change recommendations.toml under the program's lock, then say what was recorded."""
    from rmcli.folder import RECOMMENDATIONS_FILE, load, write_owned
    from rmcli.io.lock import program_lock

    folder = _folder(ctx, program)
    day = parse_day(as_of)
    with program_lock(folder):
        updated, message, number = change(load(folder).recommendations, day)
        write_owned(folder, RECOMMENDATIONS_FILE, updated)
    if json:
        from rmcli.cli.output import print_json

        print_json({"recorded": number, "date": day.isoformat()})
    note(message)


@recommend_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help=say("The recommendation, in one sentence."))
    ],
    program: ProgramOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Record a recommendation the program makes to the organisation."""
    from rmcli.evaluation import recommendations

    def change(current: RecommendationsFile, day: dt.date) -> tuple[RecommendationsFile, str, int]:
        updated, number = recommendations.add(current, text=text, day=day)
        return updated, say("recorded recommendation {number}", number=number), number

    _record(ctx, program, as_of, change, json=json)


@recommend_app.command("answer")
def answer(
    ctx: typer.Context,
    number: NumberArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help=say("Leadership's answer."))],
    program: ProgramOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Record leadership's answer to a recommendation."""
    from rmcli.evaluation import recommendations

    def change(current: RecommendationsFile, day: dt.date) -> tuple[RecommendationsFile, str, int]:
        updated = recommendations.answer(current, number=number, text=text, day=day)
        message = say("recorded the answer to recommendation {number}", number=number)
        return updated, message, number

    _record(ctx, program, as_of, change, json=json)


@recommend_app.command("done")
def done(
    ctx: typer.Context,
    number: NumberArgument,
    program: ProgramOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Mark a recommendation as carried out."""
    from rmcli.evaluation import recommendations

    def change(current: RecommendationsFile, day: dt.date) -> tuple[RecommendationsFile, str, int]:
        updated = recommendations.done(current, number=number, day=day)
        return updated, say("recommendation {number} carried out", number=number), number

    _record(ctx, program, as_of, change, json=json)


@recommend_app.command("list")
def list_(
    ctx: typer.Context,
    program: ProgramOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """List the recommendations: open, answered, or carried out."""
    from rmcli.cli.output import out, print_json
    from rmcli.evaluation.recommendations import summary
    from rmcli.folder import load

    folder = _folder(ctx, program)
    data = summary(load(folder).recommendations, as_of=parse_day(as_of))
    if json:
        print_json(data)
        return
    from rich.table import Table

    states = {"open": say("open"), "answered": say("answered"), "done": say("carried out")}
    table = Table(title=say("recommendations"), title_justify="left")
    for column in ("#", say("state"), say("recommendation"), say("answer")):
        table.add_column(column)
    for item in data["items"]:
        table.add_row(str(item["number"]), states[item["state"]], item["text"], item["answer"])
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add the recommend group to the app."""
    app.add_typer(recommend_app, name="recommend")
