"""`rmcli recommend`: the program's recommendations to the organisation and their answers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmcli.cli.options import AsOfOption, JsonOption, ProgramOption, parse_day, program_dir
from rmcli.cli.output import note

recommend_app = typer.Typer(
    help="Record the program's recommendations to the organisation and leadership's answers.",
    rich_markup_mode=None,
    no_args_is_help=True,
)
NumberArgument = Annotated[
    int, typer.Argument(metavar="NUMBER", help="The recommendation's number.")
]


def _folder(ctx: typer.Context, program: Path | None) -> Path:
    parent = ctx.parent.params.get("program") if ctx.parent else None
    return program_dir(ctx, program or parent)


@recommend_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="The recommendation, in one sentence.")
    ],
    program: ProgramOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Record a recommendation the program makes to the organisation."""
    from rmcli.evaluation import recommendations
    from rmcli.folder import RECOMMENDATIONS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.words import say

    folder = _folder(ctx, program)
    with program_lock(folder):
        current = load(folder).recommendations
        updated, number = recommendations.add(current, text=text, day=parse_day(as_of))
        write_owned(folder, RECOMMENDATIONS_FILE, updated)
    note(say("recorded recommendation {number}", number=number))


@recommend_app.command("answer")
def answer(
    ctx: typer.Context,
    number: NumberArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Leadership's answer.")],
    program: ProgramOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Record leadership's answer to a recommendation."""
    from rmcli.evaluation import recommendations
    from rmcli.folder import RECOMMENDATIONS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.words import say

    folder = _folder(ctx, program)
    with program_lock(folder):
        current = load(folder).recommendations
        updated = recommendations.answer(current, number=number, text=text, day=parse_day(as_of))
        write_owned(folder, RECOMMENDATIONS_FILE, updated)
    note(say("recorded the answer to recommendation {number}", number=number))


@recommend_app.command("done")
def done(
    ctx: typer.Context,
    number: NumberArgument,
    program: ProgramOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Mark a recommendation as carried out."""
    from rmcli.evaluation import recommendations
    from rmcli.folder import RECOMMENDATIONS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.words import say

    folder = _folder(ctx, program)
    with program_lock(folder):
        current = load(folder).recommendations
        updated = recommendations.done(current, number=number, day=parse_day(as_of))
        write_owned(folder, RECOMMENDATIONS_FILE, updated)
    note(say("recommendation {number} carried out", number=number))


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
    from rmcli.words import say

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
