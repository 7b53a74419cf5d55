"""Keep which introductions were sent (sent.toml, private), so that a re-run sends none twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rmcli.announce.message import Introduction
from rmcli.folder import SENT_FILE, load_file, write_owned
from rmcli.models.sent import SentFile, SentMessage


class Record:
    """The messages sent for one program folder, written back after every message."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sent: SentFile = load_file(folder, SENT_FILE, SentFile, missing_ok=True).strict().model

    def keys(self) -> set[str]:
        """Return the keys of the messages sent already."""
        return self.sent.keys()

    def add(self, introduction: Introduction, *, at: dt.datetime) -> None:
        """Note one message as sent and write the file at once: a crash must not resend it."""
        self.sent.messages.append(
            SentMessage(message_id=introduction.message_id, match=introduction.match, sent=at)
        )
        write_owned(self.folder, SENT_FILE, self.sent)
