"""erasures.toml: a record that someone was forgotten, without who it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from pydantic import Field

from rmcli.errors import Problem
from rmcli.folder import ERASURES_FILE, FileRead, Snapshot
from rmcli.models.base import StrictModel

HEX16 = r"^[0-9a-f]{32}$"
# scrypt makes guessing which id was forgotten slow (ids are short and guessable).
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 16}


class Erasure(StrictModel):
    """One `rmcli forget`: when, a random token, salted hashes, and counts per file."""

    date: dt.date
    token: str = Field(pattern=r"^[0-9a-f]{8}$")
    id_hash: str = Field(pattern=HEX16)
    email_hash: str = Field(default="", pattern=r"^(?:[0-9a-f]{32})?$")
    removed: dict[str, int] = Field(default_factory=dict)


class ErasuresFile(StrictModel):
    """Every erasure of a program (erasures.toml); the salt is random per program."""

    salt: str = Field(default="", pattern=r"^(?:[0-9a-f]{32})?$")
    erasures: list[Erasure] = Field(default_factory=list)


def erasures_file(snapshot: Snapshot) -> FileRead[ErasuresFile]:
    """Return erasures.toml as read: an empty record when nobody was forgotten yet."""
    return snapshot.read(ERASURES_FILE, ErasuresFile, missing_ok=True)


def with_salt(record: ErasuresFile) -> ErasuresFile:
    """Return the record with a salt, making one on first use."""
    if record.salt:
        return record
    return record.model_copy(update={"salt": secrets.token_hex(16)})


def digest(value: str, *, salt: str) -> str:
    """Return the salted scrypt hash of an id or (case-folded) email."""
    if not value:
        return ""
    key = hashlib.scrypt(value.casefold().encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    return key.hex()


def find(record: ErasuresFile, *, person_id: str = "", email: str = "") -> Erasure | None:
    """Return the earlier erasure of this id or email, if there is one."""
    if not record.salt:
        return None
    id_hash = digest(person_id, salt=record.salt)
    email_hash = digest(email, salt=record.salt)
    for erasure in record.erasures:
        if (id_hash and erasure.id_hash == id_hash) or (
            email_hash and erasure.email_hash == email_hash
        ):
            return erasure
    return None


def add(
    record: ErasuresFile,
    *,
    person_id: str,
    email: str,
    date: dt.date,
    token: str,
    removed: dict[str, int],
) -> ErasuresFile:
    """Return the record with this erasure in it.

    A resumed erasure keeps its earlier counts: the first run recorded everything before it
    removed anything, so a resumed run sees at most what is left of the same entries.
    """
    record = with_salt(record)
    earlier = find(record, person_id=person_id)
    if earlier is not None:
        counts = dict(earlier.removed)
        for name, count in removed.items():
            counts[name] = max(counts.get(name, 0), count)
        updated = earlier.model_copy(update={"removed": counts})
        rows = [updated if e is earlier else e for e in record.erasures]
        return record.model_copy(update={"erasures": rows})
    erasure = Erasure(
        date=date,
        token=token,
        id_hash=digest(person_id, salt=record.salt),
        email_hash=digest(email, salt=record.salt),
        removed=dict(sorted(removed.items())),
    )
    return record.model_copy(update={"erasures": [*record.erasures, erasure]})


def new_token() -> str:
    """Return a random token naming one erasure (and its anonymous reporting-line node)."""
    return secrets.token_hex(4)


def check_erasures(snapshot: Snapshot) -> list[Problem]:
    """Return the problems of erasures.toml, for `rmcli validate`."""
    if not (snapshot.folder / ERASURES_FILE).is_file():
        return []
    return erasures_file(snapshot).problems
