"""`rmcli announce`: introduce the people of every new match, as .eml files or by mail."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    AsOfOption,
    JsonOption,
    MatchOption,
    ProgramOption,
    YesOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note, warn
from rmcli.errors import ActionNeeded, InputError
from rmcli.words import say, say_n

if TYPE_CHECKING:
    from rmcli.announce.message import Introduction
    from rmcli.announce.record import Record
    from rmcli.announce.send import Failure
    from rmcli.cli.views.schedule import Plan
    from rmcli.models.program import Smtp


def announce(
    ctx: typer.Context,
    program: ProgramOption = None,
    match: MatchOption = None,
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help=say(
                "Also mail the messages through [smtp] in program.toml (password from RMCLI_SMTP_PASSWORD)."
            ),
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=say("With --send: write outbox/ and say where it would go; send nothing."),
        ),
    ] = False,
    yes: YesOption = False,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Write an introduction for each person of every new match to outbox/; --send mails them."""
    from rmcli.announce.message import introductions
    from rmcli.announce.record import Record
    from rmcli.cli.views.schedule import Plan
    from rmcli.io.lock import program_lock

    day = parse_day(as_of)
    plan = Plan(program_dir(ctx, program))
    known = [m.id for m in plan.matches.matches]
    if match is not None and match not in known:
        raise InputError(
            say(
                "--match {match}: no such match in matches.toml (known: {known})",
                match=match,
                known=", ".join(sorted(known)),
            )
        )
    mailing = send and not dry_run
    smtp, sender, password = _mail_settings(plan) if send else (None, "", "")
    # The whole run under the lock: a second `--send` waits and then finds these recorded.
    with program_lock(plan.folder):
        record = Record(plan.folder)
        waiting = introductions(
            program=plan.program,
            roster=plan.roster,
            matches=plan.matches,
            sessions=plan.sessions,
            folder=plan.folder,
            stamp=dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC),
            sent=record.keys(),
            only=match,
        )
        if not waiting:
            _print_json(waiting, sent=0, json=json)
            note(say("every match has been introduced already: nothing to write"))
            return
        _write_outbox(plan, waiting)
        if smtp is None or not mailing:
            _print_json(waiting, sent=0, json=json)
        if smtp is None:
            return
        if not mailing:
            note(
                say_n(
                    "--dry-run: nothing sent; {n} message would go through {host}",
                    "--dry-run: nothing sent; {n} messages would go through {host}",
                    len(waiting),
                    host=smtp.host,
                )
            )
            return
        _confirm(len(waiting), host=smtp.host, yes=yes)
        failures = _send(plan, waiting, record=record, smtp=smtp, sender=sender, password=password)
    _print_json(waiting, sent=len(waiting) - len(failures), json=json)
    if failures:
        raise ActionNeeded(
            say_n("{n} message was not sent", "{n} messages were not sent", len(failures)),
            hint=say(
                "fix what is named above and run `rmcli announce --send` again: "
                "messages sent already do not go twice"
            ),
        )


def _mail_settings(plan: Plan) -> tuple[Smtp, str, str]:
    """Return the server, the sender and the password, or fail before anything is written."""
    from rmcli.announce.send import smtp_password

    smtp = plan.program.smtp
    if smtp is None:
        raise InputError(
            say("program.toml: smtp: --send needs an [smtp] table with host, port, starttls, user"),
            hint=say("docs/announce.md shows one; without --send the messages go to outbox/ only"),
        )
    if not plan.program.organiser.email:
        raise InputError(
            say("program.toml: organiser.email: --send needs the sender's address"),
            hint=say('add [organiser] with name = "..." and email = "..."'),
        )
    return smtp, plan.program.organiser.email, smtp_password(smtp=smtp)


def _print_json(waiting: list[Introduction], *, sent: int, json: bool) -> None:
    """Print the messages written (match, person, file; never an address) and how many went."""
    if json:
        from rmcli.cli.output import print_json

        messages = [{"match": i.match, "person": i.person, "file": str(i.file)} for i in waiting]
        print_json({"messages": messages, "sent": sent})


def _write_outbox(plan: Plan, waiting: list[Introduction]) -> None:
    from rmcli.folder import OUTBOX_DIR
    from rmcli.io.atomic import make_private_dir, write_text

    outbox = plan.folder / OUTBOX_DIR
    make_private_dir(outbox)
    for intro in waiting:
        write_text(plan.folder / intro.file, intro.text())
    note(
        say_n(
            "wrote {n} message to {folder}",
            "wrote {n} messages to {folder}",
            len(waiting),
            folder=outbox,
        )
    )
    missing = list(dict.fromkeys(i.person for i in waiting if not i.recipient))
    if missing:
        warn(
            say(
                "no email in roster.toml for {ids}: their messages have no recipient",
                ids=", ".join(missing),
            )
        )


def _confirm(count: int, *, host: str, yes: bool) -> None:
    # Without a terminal nothing is asked: --send is the instruction.
    if not ask.can_ask(yes):
        return
    question = say_n(
        "Send {n} message through {host} now?",
        "Send {n} messages through {host} now?",
        count,
        host=host,
    )
    if not ask.yes_no(question, default=True):
        note(say("nothing was sent; the messages are in outbox/"))
        raise typer.Exit(1)


def _send(
    plan: Plan,
    waiting: list[Introduction],
    *,
    record: Record,
    smtp: Smtp,
    sender: str,
    password: str,
) -> list[Failure]:
    from rmcli.announce.send import send_all

    def now() -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)

    def sent(intro: Introduction) -> None:
        record.add(intro, at=now())
        note(
            say("sent: match {match}, message to {person}", match=intro.match, person=intro.person)
        )

    failures = send_all(waiting, smtp=smtp, sender=sender, password=password, on_sent=sent, now=now)
    for failure in failures:
        warn(
            say(
                "not sent: match {match}, message to {person}: {reason}",
                match=failure.match,
                person=failure.person,
                reason=describe(failure),
            )
        )
    return failures


def describe(failure: Failure) -> str:
    """Return why a message was not sent, in the organiser's language, without the address."""
    code = "?" if failure.code is None else failure.code
    texts = {
        "no-address": say("no email in roster.toml"),
        "refused": say("the server refused the recipient ({code})", code=code),
        "rejected": say("the server rejected the message ({code})", code=code),
        "dropped": say("the connection dropped while sending; it was opened again for the next"),
        "unreachable": say("cannot connect to the mail server; check [smtp] host and port"),
        "tls": say("STARTTLS failed; check [smtp] starttls and port"),
        "login": say("the server refused the login; check [smtp] user and RMCLI_SMTP_PASSWORD"),
        "sender": say("the server refused the sender ({code}); check [organiser] email", code=code),
    }
    return texts[failure.reason]


def register(app: typer.Typer) -> None:
    """Add `announce` to the app."""
    app.command(
        help=say(
            "Write an introduction for each person of every new match to outbox/; --send mails them."
        )
    )(announce)
