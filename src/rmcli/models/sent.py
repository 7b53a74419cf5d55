"""The model of sent.toml: which introductions went out (written by `rmcli announce --send`).

It names messages and matches only, never what the messages said or to whom, so that it
can stay in the folder after the outbox is cleared.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from rmcli.models.base import Slug, StrictModel

# An RFC 5322 Message-ID as rmcli makes them: <hex@domain>.
MESSAGE_ID_PATTERN = r"^<[0-9a-f]{32}@[A-Za-z0-9.-]{1,253}>$"


class SentMessage(StrictModel):
    """One message handed to the mail server."""

    message_id: str = Field(pattern=MESSAGE_ID_PATTERN)
    match: Slug
    sent: dt.datetime


class SentFile(StrictModel):
    """Every message sent for a program."""

    messages: list[SentMessage] = Field(default_factory=list)

    def keys(self) -> set[str]:
        """Return the local parts of the Message-IDs sent already.

        The local part names the program, match and person; the domain follows the
        organiser's address, which may change without making a message new.
        """
        return {message_key(m.message_id) for m in self.messages}


def message_key(message_id: str) -> str:
    """Return the part of a Message-ID before the @, without the angle bracket."""
    return message_id.strip("<>").partition("@")[0]
