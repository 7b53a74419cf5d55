"""`rmcli evaluate`: tables in the terminal, reports/evaluation.md, or --json."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli.options import ProgramOption, program_dir
from rmcli.cli.output import JsonOption, note, print_json

if TYPE_CHECKING:
    from rmcli.evaluation.build import Evaluation
    from rmcli.evaluation.tables import Table

REPORT_NAME = "evaluation.md"


def evaluate(
    ctx: typer.Context,
    program: ProgramOption = None,
    compare: Annotated[
        Path | None,
        typer.Option("--compare", help="Another program folder to put beside this one."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Evaluate as of this day, YYYY-MM-DD (default: today)."),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Summarise feedback and sessions for leadership; small groups are never shown."""
    from rmcli.cli.options import parse_day
    from rmcli.evaluation.build import evaluate_folder
    from rmcli.evaluation.markdown import render_report
    from rmcli.folder import REPORTS_DIR, find_program
    from rmcli.io.atomic import make_private_dir, write_text
    from rmcli.io.lock import program_lock

    folder = program_dir(ctx, program)
    day = parse_day(as_of)
    other = None
    if compare is not None:
        other = evaluate_folder(find_program(compare), as_of=day)
    with program_lock(folder):
        result = evaluate_folder(folder, as_of=day)
        text = render_report(result, folder=folder, other=other)
        reports = folder / REPORTS_DIR
        make_private_dir(reports)
        write_text(reports / REPORT_NAME, text, private=True)
    if json:
        data = result.to_json()
        if other is not None:
            data["compare"] = other.to_json()
        print_json(data)
    else:
        show(result, other=other)
    note(f"wrote {reports / REPORT_NAME}")


def rich_table(table: Table) -> object:
    """Return a rich Table for one evaluation table."""
    from rich import box
    from rich.table import Table as RichTable

    shown = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_justify="left")
    for index, column in enumerate(table.columns):
        shown.add_column(column, justify="left" if index < table.left else "right", overflow="fold")
    for row in table.rows:
        shown.add_row(*row)
    return shown


def show(result: Evaluation, *, other: Evaluation | None) -> None:
    """Print the evaluation's tables and what was held back."""
    from rmcli.cli.output import out
    from rmcli.evaluation.anonymity import hidden_text
    from rmcli.evaluation.tables import build_tables, compare_table
    from rmcli.evaluation.wording import word

    language = result.program.language
    console = out()
    data = result.data
    since = f"{data['start']} - {data['end']}, {word('as_of', language)} {data['as_of']}"
    console.print(f"{result.program.name}: {since}", markup=False)
    tables = build_tables(result.data, language=language, options=result.options)
    if other is not None:
        tables.append(compare_table(result.data, other.data, language=language))
    for table in tables:
        console.print(rich_table(table))
    for key, texts in result.data["comments"].items():
        if texts:
            what = word(key, language)
            console.print(word("written", language, what=what, n=len(texts)), markup=False)
    for hidden in result.hidden:
        what, why = hidden_text(hidden, language)
        console.print(f"{what}: {why}", markup=False)


def register(app: typer.Typer) -> None:
    """Add `evaluate` to the app."""
    app.command("evaluate")(evaluate)
