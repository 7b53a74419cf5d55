"""`rmcli evaluate`: tables in the terminal, reports/evaluation.md with its charts, --html, or --json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmcli.cli.options import (
    AsOfOption,
    HtmlOption,
    JsonOption,
    ProgramOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note, print_json
from rmcli.words import say


def evaluate(
    ctx: typer.Context,
    program: ProgramOption = None,
    compare: Annotated[
        Path | None,
        typer.Option("--compare", help=say("Another program folder to put beside this one.")),
    ] = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
    html: HtmlOption = False,
) -> None:
    """Summarise feedback and sessions for leadership; small groups are never shown."""
    import importlib

    from rmcli.cli.output import sent
    from rmcli.cli.views.progress import shown
    from rmcli.evaluation.build import evaluate as evaluation
    from rmcli.folder import (
        CHARTS_DIR,
        EVALUATION_PAGE,
        EVALUATION_REPORT,
        REPORTS_DIR,
        drawn_charts,
        find_program,
        load,
    )
    from rmcli.io.atomic import make_private_dir, write_text
    from rmcli.io.cache import answer_first
    from rmcli.io.lock import program_lock
    from rmcli.models import Program
    from rmcli.words import format_date

    def ready(program: Program) -> None:
        # What the answer needs next and no figure changes, done while a child counts flags.
        from rmcli.evaluation.html import prepare_evaluation_page
        from rmcli.evaluation.markdown import prepare_report

        prepare_report(program, folder=folder)
        if html:
            prepare_evaluation_page(program, folder=folder)
        format_date(program.start, program.language)  # Babel's data of the language
        if not json:
            importlib.import_module("rmcli.cli.views.evaluate")  # Rich's tables

    with answer_first(flush=sent, behind=True):  # the cache entries after it, by a child
        folder = program_dir(ctx, program)
        day = parse_day(as_of)
        with program_lock(folder), shown(json=json) as progress:
            snapshot = load(folder)
            other = None
            floor = None
            if compare is not None:
                # Both cohorts are shown under the stricter of their two thresholds.
                other_snapshot = load(find_program(compare))
                floor = other_snapshot.program.privacy
                other = evaluation(other_snapshot, as_of=day, floor=snapshot.program.privacy)
            result = evaluation(
                snapshot, as_of=day, floor=floor, progress=progress, meanwhile=ready
            )
            from rmcli.evaluation.charts import draw_charts  # imported while flags were counted
            from rmcli.evaluation.html import render_evaluation_page
            from rmcli.evaluation.markdown import render_report

            charts = draw_charts(result, drawn=drawn_charts(folder))
            text = render_report(result, folder=folder, other=other, charts=charts)
            reports = folder / REPORTS_DIR
            make_private_dir(reports / CHARTS_DIR)
            for chart in charts:
                write_text(reports / CHARTS_DIR / f"{chart.name}.svg", chart.svg, private=True)
            write_text(reports / EVALUATION_REPORT, text, private=True)
            if html:
                page = render_evaluation_page(result, folder=folder, charts=charts, other=other)
                write_text(reports / EVALUATION_PAGE, page, private=True)
        if json:
            data = result.to_json()
            if other is not None:
                data["compare"] = other.to_json()
            print_json(data)
        else:
            from rmcli.cli.views.evaluate import show  # with Rich's tables: not needed for --json

            show(result, other=other)
        note(say("wrote {path}", path=reports / EVALUATION_REPORT))
        if html:
            note(say("wrote {path}", path=reports / EVALUATION_PAGE))


def register(app: typer.Typer) -> None:
    """Add `evaluate` to the app."""
    app.command(
        "evaluate",
        help=say("Summarise feedback and sessions for leadership; small groups are never shown."),
    )(evaluate)
