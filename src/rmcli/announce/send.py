"""Hand the introductions to an SMTP server, one message at a time, each failure on its own.

A refused recipient or a dropped connection fails that message only: the connection is
opened again for the next one. A server that cannot be reached, or that refuses the login
or the sender, fails every message still waiting.
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import format_datetime
from typing import Literal

from rmcli.announce.message import Introduction
from rmcli.errors import InputError
from rmcli.models.program import Smtp
from rmcli.words import say

PASSWORD_VARIABLE = "RMCLI_SMTP_PASSWORD"
TIMEOUT_SECONDS = 30.0
# What went wrong, without the server's text: it often repeats the address.
Reason = Literal[
    "no-address", "refused", "rejected", "dropped", "unreachable", "tls", "login", "sender"
]
_STOPS: frozenset[Reason] = frozenset({"unreachable", "tls", "login", "sender"})


@dataclass(frozen=True)
class Failure:
    """One message that was not sent, and why."""

    match: str
    person: str
    reason: Reason
    code: int | None = None  # the server's reply code, when it gave one


def smtp_password(*, smtp: Smtp, environ: Mapping[str, str] | None = None) -> str:
    """Return the password from the environment; a user without one is an error."""
    value = (os.environ if environ is None else environ).get(PASSWORD_VARIABLE, "")
    if smtp.user and not value:
        raise InputError(
            say(
                "program.toml: smtp.user: is set, but the environment variable {name} is empty",
                name=PASSWORD_VARIABLE,
            ),
            hint=say(
                "export {name} with the mail server's password (it is never read from a file)",
                name=PASSWORD_VARIABLE,
            ),
        )
    return value


class LoginFailed(Exception):
    """The server did not accept the user and password (some servers hang up instead of saying so)."""

    def __init__(self, code: int | None) -> None:
        super().__init__(code)
        self.code = code


def connect(smtp: Smtp, *, password: str) -> smtplib.SMTP:
    """Open a connection: STARTTLS when asked for, and a login when a user is set."""
    connection = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
    try:
        connection.ehlo()
        if smtp.starttls:
            connection.starttls(context=ssl.create_default_context())
            connection.ehlo()
        if smtp.user:
            try:
                connection.login(smtp.user, password)
            except (smtplib.SMTPException, OSError) as exc:
                raise LoginFailed(getattr(exc, "smtp_code", None)) from exc
    except BaseException:
        connection.close()
        raise
    return connection


def send_all(
    introductions: list[Introduction],
    *,
    smtp: Smtp,
    sender: str,
    password: str,
    on_sent: Callable[[Introduction], None],
    now: Callable[[], dt.datetime],
) -> list[Failure]:
    """Send every message that has an address; call `on_sent` after each; return the failures."""
    failures: list[Failure] = []
    connection: smtplib.SMTP | None = None
    stopped: Failure | None = None
    try:
        for intro in introductions:
            if stopped is not None:
                failures.append(Failure(intro.match, intro.person, stopped.reason, stopped.code))
                continue
            if not intro.recipient:
                failures.append(Failure(intro.match, intro.person, "no-address"))
                continue
            if connection is None:
                try:
                    connection = connect(smtp, password=password)
                except Exception as exc:  # every fault of connecting ends the run alike
                    reason, code = _connect_fault(exc)
                    stopped = Failure(intro.match, intro.person, reason, code)
                    failures.append(stopped)
                    continue
            failure = _send_one(connection, intro, sender=sender, now=now())
            if failure is None:
                on_sent(intro)
                continue
            failures.append(failure)
            if failure.reason == "dropped":
                _close(connection)
                connection = None
            elif failure.reason in _STOPS:
                stopped = failure
    finally:
        if connection is not None:
            _close(connection)
    return failures


def _send_one(
    connection: smtplib.SMTP, intro: Introduction, *, sender: str, now: dt.datetime
) -> Failure | None:
    message = intro.message
    # The outbox copy is dated by --as-of; the message that leaves carries the real time.
    message.replace_header("Date", format_datetime(now))
    try:
        connection.send_message(message, from_addr=sender, to_addrs=[intro.recipient])
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        return Failure(intro.match, intro.person, "refused", codes[0] if codes else None)
    except smtplib.SMTPSenderRefused as exc:
        return Failure(intro.match, intro.person, "sender", exc.smtp_code)
    except smtplib.SMTPDataError as exc:
        return Failure(intro.match, intro.person, "rejected", exc.smtp_code)
    except (smtplib.SMTPException, OSError):
        return Failure(intro.match, intro.person, "dropped")
    return None


def _connect_fault(exc: Exception) -> tuple[Reason, int | None]:
    if isinstance(exc, LoginFailed):
        return "login", exc.code
    if isinstance(exc, ssl.SSLError | smtplib.SMTPNotSupportedError):
        return "tls", None
    return "unreachable", None


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()
