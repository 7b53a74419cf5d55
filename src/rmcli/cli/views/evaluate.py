"""The tables of `rmcli evaluate` in the terminal, and what was held back."""

from __future__ import annotations

from rich import box
from rich.table import Table as RichTable

from rmcli.cli.output import out
from rmcli.evaluation.anonymity import hidden_text
from rmcli.evaluation.build import Evaluation
from rmcli.evaluation.tables import Table, build_tables, compare_table
from rmcli.evaluation.wording import word


def rich_table(table: Table) -> RichTable:
    """Return a rich Table for one evaluation table."""
    shown = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_justify="left")
    for index, column in enumerate(table.columns):
        shown.add_column(column, justify="left" if index < table.left else "right", overflow="fold")
    for row in table.rows:
        shown.add_row(*row)
    return shown


def show(result: Evaluation, *, other: Evaluation | None) -> None:
    """Print the evaluation's tables and what was held back."""
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
