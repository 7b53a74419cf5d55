"""Render the evaluation and the status as single, self-contained HTML pages.

The pages come from the report templates (`evaluation.html.j2`, `status.html.j2`, shared by
every language, words through the catalogs), which organisers can override like the
Markdown report. Every value is escaped; only the charts' SVG (evaluation/svg.py) goes in
as markup. The pages need no network and no JavaScript, read on a phone and print on A4.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rmcli.evaluation.anonymity import hidden_text
from rmcli.evaluation.build import Evaluation
from rmcli.evaluation.charts import Chart
from rmcli.evaluation.markdown import report_environment
from rmcli.evaluation.tables import build_tables, compare_table
from rmcli.evaluation.wording import number, percent, word
from rmcli.io.templates import prepare, render
from rmcli.models import Program
from rmcli.status import ProgramStatus
from rmcli.status.timeline import STATES, Mark
from rmcli.words import format_date

EVALUATION_TEMPLATE = "evaluation.html.j2"
STATUS_TEMPLATE = "status.html.j2"


def counted(texts: list[str]) -> list[tuple[str, int]]:
    """Return texts in their order, each once, with how often it was given."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    return list(counts.items())


def _helpers(language: str) -> dict[str, Any]:
    return {
        "lang": language,
        "num": lambda v, places=2: number(v, language, places),
        "pct": lambda v: percent(v, language),
        "word": lambda k, **kw: word(k, language, **kw),
        "day": lambda v, form="long": format_date(
            v if isinstance(v, dt.date) else dt.date.fromisoformat(v), language, form=form
        ),
    }


def prepare_evaluation_page(program: Program, *, folder: Path) -> None:
    """Compile the evaluation page's template ahead of `render_evaluation_page`."""
    prepare(report_environment(program, folder=folder), EVALUATION_TEMPLATE)


def render_evaluation_page(
    evaluation: Evaluation,
    *,
    folder: Path,
    charts: list[Chart],
    other: Evaluation | None = None,
) -> str:
    """Return the evaluation as one HTML page in the program's language, charts inline."""
    from markupsafe import Markup  # noqa: PLC0415 (kept out of start-up)

    program = evaluation.program
    language = program.language
    data = evaluation.data
    tables = build_tables(data, language=language, options=evaluation.options)
    if other is not None:
        tables.append(compare_table(data, other.data, language=language))
    ctx: dict[str, Any] = {
        **_helpers(language),
        "data": data,
        "tables": {t.key: t for t in tables},
        "order": [t.key for t in tables],
        "charts": {
            c.name: {"title": c.title, "desc": c.desc, "svg": Markup(c.svg)} for c in charts
        },
        "comments": {k: counted(v) if v else None for k, v in data["comments"].items()},
        "hidden": [hidden_text(h, language) for h in evaluation.hidden],
        "flags": data.get("flags") or [],
        "status_known": data.get("flags") is not None,
        "other": other.data if other is not None else None,
    }
    return _render(program, folder, EVALUATION_TEMPLATE, ctx)


def render_status_page(
    status: ProgramStatus,
    *,
    program: Program,
    folder: Path,
    marks: dict[str, list[Mark]],
) -> str:
    """Return the status as one HTML page: the program's figures, then every match in a row."""
    summary = status.to_json()["summary"]
    ctx: dict[str, Any] = {
        **_helpers(program.language),
        "status": status,
        "summary": summary,
        "marks": marks,
        "states": STATES,
        "needing_action": sum(any(f.action for f in m.flags) for m in status.matches),
    }
    return _render(program, folder, STATUS_TEMPLATE, ctx)


def _render(program: Program, folder: Path, name: str, ctx: dict[str, Any]) -> str:
    return render(report_environment(program, folder=folder), name, ctx)
