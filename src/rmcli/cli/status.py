"""`rmcli status`: a dashboard of the running program with flags, hints and successes; --html."""

from __future__ import annotations

import typer

from rmcli.cli.options import (
    AllOption,
    AsOfOption,
    HtmlOption,
    JsonOption,
    ProgramOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import print_json
from rmcli.errors import EXIT_ACTION
from rmcli.words import say


def status(
    ctx: typer.Context,
    program: ProgramOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
    html: HtmlOption = False,
    all_: AllOption = False,
) -> None:
    """Show sessions, flags and successes per match; exit 1 if a flag needs action."""
    from rmcli.cli.output import note, sent
    from rmcli.folder import load
    from rmcli.io.cache import answer_first
    from rmcli.status import status_of

    with answer_first(flush=sent, behind=True):  # the cache entries after it, by a child
        folder = program_dir(ctx, program)
        snapshot = load(folder)
        day = parse_day(as_of)
        from rmcli.schedule.kept import sessions_of

        planned = sessions_of(snapshot)
        result = status_of(snapshot, as_of=day, planned=planned)
        if html:
            from rmcli.evaluation.html import render_status_page
            from rmcli.folder import REPORTS_DIR, STATUS_PAGE
            from rmcli.io.atomic import make_private_dir, write_text
            from rmcli.io.lock import program_lock
            from rmcli.status.timeline import timeline

            marks = timeline(
                planned=planned, matches=snapshot.matches, sessions=snapshot.sessions, as_of=day
            )
            page = render_status_page(result, program=snapshot.program, folder=folder, marks=marks)
            with program_lock(folder):
                make_private_dir(folder / REPORTS_DIR)
                write_text(folder / REPORTS_DIR / STATUS_PAGE, page, private=True)
            note(say("wrote {path}", path=folder / REPORTS_DIR / STATUS_PAGE))
        if json:
            print_json(result.to_json())
        if not snapshot.matches.matches:
            from rmcli.cli.output import folder_name
            from rmcli.cli.views.schedule import NO_MATCHES_HINT
            from rmcli.errors import ActionNeeded

            raise ActionNeeded(
                say("{folder}: the program has no matches yet", folder=folder_name(folder)),
                hint=say(NO_MATCHES_HINT),
            )
        if not json:
            from rmcli.cli.views.status import render

            render(result, language=snapshot.program.language, every=all_)
        if result.action_needed:
            count = sum(any(f.action for f in m.flags) for m in result.matches)
            note(say("{count} match(es) raise a flag that needs action", count=count))
            raise typer.Exit(EXIT_ACTION)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command(
        help=say("Show sessions, flags and successes per match; exit 1 if a flag needs action.")
    )(status)
