"""`rmcli log`: record one session, completed from flags, questions and the plan."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    AsOfOption,
    DateOption,
    JsonOption,
    MatchOption,
    ProgramOption,
    ReplaceOption,
    YesOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note
from rmcli.errors import ActionNeeded, InputError
from rmcli.words import N_, say

if TYPE_CHECKING:
    from rmcli.models import MatchesFile, Program, SessionRecord
    from rmcli.schedule.plan import PlannedSession

NOT_RECORDED = N_("(not recorded)")


def log(
    ctx: typer.Context,
    program: ProgramOption = None,
    match: MatchOption = None,
    date: DateOption = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", metavar="N", help=say("How long it took (default: the plan's length).")
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", metavar="STATUS", help=say("held, cancelled or moved (default: held).")
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic", metavar="TEXT", help=say("Topic covered (default: the planned topic).")
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            metavar="AREA",
            help=say("technology, workplace or culture (default: from the plan)."),
        ),
    ] = None,
    number: Annotated[
        int | None,
        typer.Option(
            "--number",
            "--session",
            metavar="N",
            help=say(
                "Session number (default: the planned session nearest --date not logged yet)."
            ),
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="YYYY-MM-DD[THH:MM]",
            help=say("With --status moved: the new day, or day and time in the program's zone."),
        ),
    ] = None,
    led_by: Annotated[
        str | None,
        typer.Option("--led-by", metavar="ID", help=say("Id of who led the hands-on part.")),
    ] = None,
    senior_shared: Annotated[
        bool | None,
        typer.Option(
            "--senior-shared/--no-senior-shared",
            help=say("Whether the senior also shared context (a dialogue, not a lecture)."),
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="TEXT", help=say("Private note; shown only by `log --show`.")
        ),
    ] = None,
    replace: ReplaceOption = False,
    show: Annotated[
        bool, typer.Option("--show", help=say("Show the log of one --match, notes included."))
    ] = False,
    as_of: AsOfOption = None,
    json: JsonOption = False,
    yes: YesOption = False,
) -> None:
    """Record one session of a match in sessions.toml (or --show a match's log)."""
    from rmcli.folder import SESSIONS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.running.log import (
        AlreadyLogged,
        Planned,
        build_record,
        check_number,
        check_to,
        logged_on,
        next_number,
        number_on,
        parse_to,
        planned_of,
        put_record,
        recheck,
    )

    folder = program_dir(ctx, program)
    if show:
        from rmcli.cli.views.log import show_log

        show_log(folder, match=match, json=json)
        return
    asking = ask.can_ask(yes)
    today = parse_day(as_of)
    snapshot = load(folder)
    settings = snapshot.program
    matches = snapshot.matches
    match = match or _which_match(matches, asking=asking)
    plan = planned_of(snapshot, match_id=match)
    status = ask.answer(
        status or None,
        flag="--status",
        asking=asking,
        question=lambda: ask.choice(say("What happened?"), choices=["held", "cancelled", "moved"]),
        default="held",
    )
    held = status == "held"
    moved_to = parse_to(to) if to is not None else None
    check_to(program=settings, status=status, to=moved_to)  # before the day it gives is used
    if moved_to is not None and date is None:
        date = moved_to.isoformat()[:10]  # the session is logged on the day it moves to
    logged = snapshot.sessions
    if number is not None:
        check_number(number)
    first_free = next_number(plan=plan, sessions=logged, match_id=match)
    day = _date(
        date,
        program=settings,
        plan=plan,
        number=number or first_free,
        asking=asking,
        held_by=today if held else None,
    )
    if number is None:
        # A moved session keeps its place in the plan; any other is the one planned nearest.
        number = (
            first_free
            if moved_to is not None
            else number_on(plan=plan, sessions=logged, match_id=match, day=day)
        )
    if logged.find(match, number) is None and not yes:
        _ask_about_repeat(logged_on(sessions=logged, match_id=match, day=day), asking=asking)
    if logged.find(match, number) is not None and not replace:
        logged_already = AlreadyLogged(
            say(
                "session {number} of match {match} is logged already",
                number=number,
                match=repr(match),
            ),
            hint=say("add --replace to overwrite it, or give another --session"),
        )
        if not ask.confirm(
            say(
                "Session {number} of {match} is logged already. Replace it?",
                number=number,
                match=match,
            ),
            asking=asking,
            otherwise=logged_already,
        ):
            note(say("nothing changed"))
            return
        replace = True
    chosen = _topic(topic, area, program=settings, plan=plan, number=number, asking=asking)
    record = build_record(
        program=settings,
        matches=matches,
        plan=plan,
        match=match,
        number=number,
        date=day,
        minutes=_minutes(minutes, program=settings, held=held, asking=asking),
        status=status,
        topic=chosen["topic"],
        area=chosen["area"],
        to=moved_to,
        as_of=today,
        led_by=_led_by(led_by, matches=matches, match=match, asking=asking and held),
        senior_shared=ask.answer(
            senior_shared,
            flag="--senior-shared",
            asking=asking and held,
            question=lambda: ask.yes_no(
                say("Did the senior also share context and experience?"), default=True
            ),
            default=None,
        ),
        note=ask.answer(
            text,
            flag="--note",
            asking=asking,
            question=lambda: ask.text(say("Private note (optional):")),
            default="",
        ),
    )
    # Questions are over: the lock covers reading, checking and writing, so that a match another
    # command dissolved in the meantime is refused rather than logged.
    with program_lock(folder):
        current = load(folder, after=snapshot)
        before = Planned(program=settings, matches=matches, sessions=plan)
        record = recheck(current, record, as_of=today, planned=before)
        updated = put_record(sessions=current.sessions, record=record, replace=replace)
        write_owned(folder, SESSIONS_FILE, updated, before=current.sessions_file.loaded)
    if json:
        from rmcli.cli.output import print_json

        print_json({"logged": record.model_dump(mode="json", exclude={"note"})})
    note(
        say(
            "logged session {number} of {match}: {status}, {minutes} min on {day}",
            number=number,
            match=match,
            status=status,
            minutes=record.minutes,
            day=record.date,
        )
    )


def _ask_about_repeat(same_day: list[SessionRecord], *, asking: bool) -> None:
    """Ask before a second record of a match for one day; without a terminal, stop (exit 1)."""
    if not same_day:
        return
    first = same_day[0]
    message = say(
        "session {number} of {match} is logged for {day} already",
        number=first.number,
        match=first.match,
        day=first.date.isoformat(),
    )
    repeat = ActionNeeded(
        message,
        hint=say(
            "add --yes to record another session on that day, "
            "or --replace --session {number} to correct it",
            number=first.number,
        ),
    )
    if not ask.confirm(
        say("{message}. Record another session on that day?", message=message),
        asking=asking,
        otherwise=repeat,
    ):
        raise typer.Exit(0)


def _which_match(matches: MatchesFile, *, asking: bool) -> str:
    ids = sorted(m.id for m in matches.matches)
    if not ids:
        from rmcli.cli.views.schedule import NO_MATCHES_HINT

        raise ActionNeeded(say("there are no matches yet"), hint=say(NO_MATCHES_HINT))
    return ask.answer(
        None,
        flag="--match",
        asking=asking,
        question=lambda: ask.choice(say("Which match?"), choices=ids),
        choices=ids,
    )


def _date(
    value: str | None,
    *,
    program: Program,
    plan: list[PlannedSession],
    number: int,
    asking: bool,
    held_by: dt.date | None,
) -> dt.date:
    """Return the session's day: the flag, else asked (checked as typed), else the planned day.

    `held_by` is the last day a held session may have, for a session recorded as held.
    """
    from rmcli.running.log import check_date, check_held

    def check(day: dt.date) -> None:
        check_date(program=program, plan=plan, day=day)
        if held_by is not None:
            check_held(status="held", day=day, as_of=held_by)

    planned = next((p.date for p in plan if p.number == number), None)
    if value is not None:
        day = parse_day(value, flag="--date")
    elif asking:

        def problem(day: dt.date) -> str:
            try:
                check(day)
            except InputError as exc:
                return exc.message
            return ""

        day = ask.day(say("Date (YYYY-MM-DD):"), flag="--date", default=planned, check=problem)
    elif planned is None:
        raise ask.need_answer("--date")
    else:
        day = planned
    check(day)
    return day


def _minutes(value: int | None, *, program: Program, held: bool, asking: bool) -> int:
    default = program.session_minutes if held else 0

    def question() -> int:
        try:
            return int(ask.text(say("Minutes:"), default=str(default)))
        except ValueError:
            raise InputError(say("--minutes: expected a whole number")) from None

    return ask.answer(
        value, flag="--minutes", asking=asking and held, question=question, default=default
    )


def _topic(
    topic: str | None,
    area: str | None,
    *,
    program: Program,
    plan: list[PlannedSession],
    number: int,
    asking: bool,
) -> dict[str, str]:
    from rmcli.running.log import AREAS, area_of, default_topic

    planned, planned_area = default_topic(plan=plan, number=number)
    topic = ask.answer(
        topic,
        flag="--topic",
        asking=asking,
        question=lambda: ask.text(say("Topic covered:"), default=planned),
        default=planned,
    )
    if area is None:
        area = planned_area if topic == planned else area_of(program=program, topic=topic)
        if not area and asking:
            area = ask.choice(say("Topic area:"), choices=[*AREAS, say(NOT_RECORDED)])
    return {"topic": topic, "area": "" if area == say(NOT_RECORDED) else area}


def _led_by(value: str | None, *, matches: MatchesFile, match: str, asking: bool) -> str:
    answer = ask.answer(
        value,
        flag="--led-by",
        asking=asking,
        question=lambda: ask.choice(
            say("Who led the hands-on part?"),
            choices=[*matches.by_id()[match].people, say(NOT_RECORDED)],
        ),
        default="",
    )
    return "" if answer == say(NOT_RECORDED) else answer


def register(app: typer.Typer) -> None:
    """Add `log` to the app."""
    app.command(
        help=say("Record one session of a match in sessions.toml (or --show a match's log).")
    )(log)
