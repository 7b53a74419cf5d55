"""What planning reads from the log: the organiser's moves, cancellations and their counts.

Placement reads nothing else of sessions.toml: a session logged as held (its date, notes,
minutes) places no other session. So the kept plan's key holds these changes, not the
file's bytes, and logging an ordinary session does not make a big program plan again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from rmcli.models import SessionRecord, SessionsFile


@dataclass(frozen=True)
class Change:
    """What the organiser changed of one session: its new day or time, its count, its end."""

    to: dt.date | dt.datetime | None  # a datetime is a date too: the type tells them apart
    sequence: int  # times moved or cancelled (iCalendar SEQUENCE)
    cancelled: bool


def changes_of(log: SessionsFile | None) -> dict[tuple[str, int], Change]:
    """Return (match, number) -> the change its last record makes, for records that make one.

    A record without `to`, sequence or cancellation places its session as if unlogged,
    also when it follows one that had them (the last record of a session wins).
    """
    records = log.sessions if log else []
    # most matches have no change at all: their tens of thousands of records need no key
    changed = {r.match for r in records if _changes(r)}
    last = {(r.match, r.number): r for r in records if r.match in changed}
    return {
        key: Change(r.to, r.sequence or 0, r.status == "cancelled")
        for key, r in last.items()
        if _changes(r)
    }


def _changes(record: SessionRecord) -> bool:
    """Return whether a record moves, counts or cancels its session."""
    return record.to is not None or bool(record.sequence) or record.status == "cancelled"


def changes_digest(changes: dict[tuple[str, int], Change]) -> bytes:
    """Return a digest of every change, in the order of their sessions."""
    digest = hashlib.blake2b(b"rmcli-changes 1\n", digest_size=20)
    for (match, number), change in sorted(changes.items()):
        # repr keeps what planning sees: date or datetime, zone and fold
        fields = (match, number, repr(change.to), change.sequence, change.cancelled)
        digest.update(repr(fields).encode() + b"\n")
    return digest.digest()
