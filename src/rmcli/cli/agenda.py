"""`rmcli agenda`: the Markdown agenda of a session, written to reports/agendas/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import JsonOption, MatchOption, ProgramOption, YesOption, program_dir
from rmcli.errors import ActionNeeded, InputError
from rmcli.words import say

if TYPE_CHECKING:
    from rmcli.cli.views.schedule import Plan
    from rmcli.progress import Progress
    from rmcli.schedule.plan import PlannedSession

SessionOption = Annotated[
    str,
    typer.Option(
        "--session",
        "-s",
        metavar="N|next",
        help=say("Session number, or 'next': the first one not logged as held."),
    ),
]


def agenda(
    ctx: typer.Context,
    program: ProgramOption = None,
    match: MatchOption = None,
    session: SessionOption = "next",
    all_: Annotated[
        bool, typer.Option("--all", help=say("Write the next session's agenda of every match."))
    ] = False,
    stdout: Annotated[
        bool, typer.Option("--stdout", help=say("Print the Markdown only; write no file."))
    ] = False,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Write the agenda of a session to reports/agendas/ and show it."""
    from rmcli.cli.views.schedule import Plan

    if all_ and match is not None:
        raise InputError(say("--all and --match exclude each other: choose one"))
    plan = Plan(program_dir(ctx, program))
    if all_:
        from rmcli.schedule.plan import next_sessions

        following = next_sessions(plan.sessions, log=plan.log)
        chosen = [following[m.id] for m in plan.matches.matches if m.id in following]
        if not chosen:
            raise ActionNeeded(say("every session of every match is logged as held"))
    else:
        ids = sorted({s.match for s in plan.sessions})
        match = ask.answer(
            match,
            flag=say("--match ID (or --all)"),
            asking=ask.can_ask(yes),
            question=lambda: ask.choice(say("Which match?"), choices=ids),
            choices=ids,
        )
        plan.only(match)  # unknown ids fail here with the list of known ones
        chosen = [_pick(plan, match, session)]
    from rmcli.cli.views.progress import shown

    with shown(json=json) as progress:
        texts = render_all(plan, chosen, progress=progress)
        if stdout and not json:
            typer.echo("\n---\n\n".join(text for _, text in texts), nl=False)
            return
        written: list[str | None] = (
            [None] * len(texts) if stdout else list(write_all(plan, texts, progress=progress))
        )
    if json:
        from rmcli.cli.output import print_json

        print_json(
            {
                "agendas": [
                    {
                        "match": s.match,
                        "number": s.number,
                        "date": s.date.isoformat(),
                        "path": None if path is None else str(path),
                        "markdown": text,
                    }
                    for (s, text), path in zip(texts, written, strict=True)
                ]
            }
        )
    elif len(texts) == 1:
        show(texts[0][1])
    from rmcli.cli.output import note

    for path in written:
        if path is not None:
            note(say("wrote {path}", path=path))


def _pick(plan: Plan, match: str, session: str) -> PlannedSession:
    from rmcli.schedule.agenda import pick_session

    if session == "next":
        found = _next(plan, match, quiet=False)
        assert found is not None  # _next raises instead when quiet is False
        return found
    try:
        number = int(session)
    except ValueError:
        raise InputError(
            say("--session {session}: expected a number or 'next'", session=session)
        ) from None
    return pick_session(plan.sessions, match=match, number=number)


def _next(plan: Plan, match: str, *, quiet: bool) -> PlannedSession | None:
    from rmcli.schedule.plan import next_session

    found = next_session(plan.sessions, match=match, log=plan.log)
    if found is None and not quiet:
        raise ActionNeeded(
            say("every session of match {match} is logged as held", match=match),
            hint=say("name one with --session N"),
        )
    return found


def render_all(
    plan: Plan, sessions: list[PlannedSession], *, progress: Progress
) -> list[tuple[PlannedSession, str]]:
    """Return each session with its Markdown agenda; the templates compile once."""
    from rmcli.schedule.agenda import agenda_environment, render_agendas

    env = agenda_environment(program=plan.program, program_folder=plan.folder)
    texts = render_agendas(
        env=env,
        program=plan.program,
        roster=plan.roster,
        matches=plan.matches,
        sessions=sessions,
        progress=progress,
    )
    return list(zip(sessions, texts, strict=True))


def write_all(
    plan: Plan, texts: list[tuple[PlannedSession, str]], *, progress: Progress
) -> list[str]:
    """Write agendas under reports/agendas/ (private) and return their paths."""
    from rmcli.io.atomic import WRITTEN_AT_ONCE, make_private_dir, write_texts
    from rmcli.io.lock import program_lock
    from rmcli.schedule.agenda import agenda_file
    from rmcli.words import say

    phase = say("agenda files")
    files = [(plan.folder / agenda_file(session), text) for session, text in texts]
    with program_lock(plan.folder):
        for folder in dict.fromkeys(path.parent for path, _ in files):
            make_private_dir(folder)  # and reports/ above it, 0700 like the folder
        for start in range(0, len(files), WRITTEN_AT_ONCE):
            write_texts(files[start : start + WRITTEN_AT_ONCE])
            progress(phase, min(start + WRITTEN_AT_ONCE, len(files)), len(files))
    return [str(path) for path, _ in files]


def show(text: str) -> None:
    """Print the Markdown rendered for the terminal."""
    from rich.markdown import Markdown

    from rmcli.cli.output import out

    out().print(Markdown(text))


def register(app: typer.Typer) -> None:
    """Add `agenda` to the app."""
    app.command(
        "agenda", help=say("Write the agenda of a session to reports/agendas/ and show it.")
    )(agenda)
