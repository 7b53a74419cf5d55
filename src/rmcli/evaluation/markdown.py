"""Render an evaluation as a Markdown report through the report templates."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmcli.escape import markdown
from rmcli.evaluation.anonymity import hidden_text
from rmcli.evaluation.build import Evaluation
from rmcli.evaluation.charts import Chart
from rmcli.evaluation.tables import Table, build_tables, compare_table
from rmcli.evaluation.wording import number, percent, word
from rmcli.folder import CHARTS_DIR
from rmcli.io.templates import environment, prepare, render
from rmcli.models import Program
from rmcli.words import format_date

if TYPE_CHECKING:
    import jinja2

REPORT_TEMPLATE = "evaluation.md.j2"
WIDTH = 80
SPACES = frozenset("\t\n\x0b\x0c\r")  # what textwrap turns into a space


def md_table(table: Table) -> str:
    """Return a pipe table with padded columns (figures right-aligned)."""
    rows = [[markdown(c) for c in row] for row in [table.columns, *table.rows]]
    widths = [max(3, *(len(r[i]) for r in rows)) for i in range(len(table.columns))]

    def line(cells: list[str]) -> str:
        parts = [
            c.ljust(w) if i < table.left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(parts) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 2)) if i < table.left else ("-" * (w + 1) + ":")
            for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(rows[0]), rule, *(line(r) for r in rows[1:])])


def bullets(texts: list[str]) -> str:
    """Return a Markdown list, repeated answers shown once with a count, wrapped at 80."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    lines: list[str] = []
    for text, count in counts.items():
        item = markdown(text) + (f" ({count}×)" if count > 1 else "")
        lines.append(_item(item))
    return "\n".join(lines)


def _item(item: str) -> str:
    """Return one list item, wrapped at 80 (most answers are short: textwrap only when needed)."""
    # textwrap keeps such a line as it is: it fits, and has no white space to drop or replace.
    if item and len(item) <= WIDTH - 2 and item.strip() == item and not SPACES & set(item):
        return "- " + item
    return textwrap.fill(item, WIDTH, initial_indent="- ", subsequent_indent="  ")


def context(
    evaluation: Evaluation,
    *,
    language: str,
    other: Evaluation | None = None,
    charts: list[Chart] | None = None,
) -> dict[str, Any]:
    """Return everything a report template may use."""
    # The program's name is the one free text among the figures.
    data = {**evaluation.data, "program": markdown(evaluation.data["program"])}
    built = build_tables(data, language=language, options=evaluation.options)
    tables = {t.key: md_table(t) for t in built}
    titles = {t.key: t.title for t in built}
    if other is not None:
        table = compare_table(data, other.data, language=language)
        tables["compare"], titles["compare"] = md_table(table), table.title
    hidden = [hidden_text(h, language) for h in evaluation.hidden]
    return {
        "data": data,
        "tables": tables,
        "titles": titles,
        "comments": {k: (bullets(v) if v else None) for k, v in data["comments"].items()},
        "hidden": [f"{markdown(what)}: {why}" for what, why in hidden],
        "hidden_list": bullets([f"{what}: {why}" for what, why in hidden]),
        "flag_hints": bullets([f"{f['code']}: {f['hint']}" for f in (data.get("flags") or [])]),
        "status_known": data.get("flags") is not None,
        "other": other.data if other is not None else None,
        "charts": {
            c.name: {"title": markdown(c.title), "file": f"{CHARTS_DIR}/{c.name}.svg"}
            for c in charts or []
        },
        "num": lambda v, places=2: number(v, language, places),
        "pct": lambda v: percent(v, language),
        "word": lambda k, **kw: word(k, language, **kw),
        # Dates as the agendas write them: "12 January 2027" / "12. Januar 2027".
        "day": lambda iso: format_date(dt.date.fromisoformat(iso), language),
    }


def prepare_report(program: Program, *, folder: Path) -> None:
    """Compile the report's template ahead of `render_report` (a fault is reported there)."""
    prepare(report_environment(program, folder=folder), REPORT_TEMPLATE)


def render_report(
    evaluation: Evaluation,
    *,
    folder: Path,
    other: Evaluation | None = None,
    charts: list[Chart] | None = None,
) -> str:
    """Return the Markdown report in the program's language, embedding the charts given."""
    program = evaluation.program
    ctx = context(evaluation, language=program.language, other=other, charts=charts)
    return render(report_environment(program, folder=folder), REPORT_TEMPLATE, ctx)


def report_environment(program: Program, *, folder: Path) -> jinja2.Environment:
    """Return the environment of the program's report templates (Markdown and HTML)."""
    return environment(
        area="report",
        language=program.language,
        program_folder=folder,
        templates_dir=program.templates_dir,
    )
