"""Keep a big program's plan in the cache, so a command need not place its sessions again.

Placing the sessions of a big program takes about as long as the rest of `rmcli status`,
and the plan is a pure function of the program, roster and matches files, the log's moves
and cancellations (`changes_of`), the zone data and rmcli's code. The entry's key is made of
exactly these: the files' bytes, but of sessions.toml only the changes of the log the
command loaded, so logging a held session keeps the plan. An entry whose files changed
while it was written is removed again (`cache.keep_entry`). Like the parse cache, entries
are 0600 in `.rmcli-cache/`, and `rmcli forget` removes the folder.
"""

from __future__ import annotations

import hashlib
import sys
import zoneinfo
from importlib import resources
from pathlib import Path
from typing import Any

from rmcli.folder import FileRead, Loaded, Snapshot
from rmcli.io import cache, heap
from rmcli.schedule.changes import changes_digest, changes_of
from rmcli.schedule.plan import PlannedSession, Schedule, plan_schedule
from rmcli.schedule.plan_json import decode, encode

KEPT_FROM = 1000  # fewer sessions are planned in milliseconds: not worth an entry
_FORMAT = b"rmcli-plan 3\n"
_SOURCES = ("schedule", "models", "folder.py", "dates.py")


def schedule_of(snapshot: Snapshot, *, placed: bool = True) -> Schedule:
    """Return the program's schedule: kept for exactly these files, else planned (and kept).

    `placed` plans as `status` does, in the roster's working hours with the log's moves;
    without it, as `log` does, in the program's hours from the program and matches alone.
    """
    with heap.long_lived():  # tens of thousands of sessions that live to the command's end
        return _schedule_of(snapshot, placed=placed)


def _schedule_of(snapshot: Snapshot, *, placed: bool) -> Schedule:
    program, matches = snapshot.program, snapshot.matches
    roster, log = (snapshot.roster, snapshot.sessions) if placed else (None, None)
    name = "schedule.placed" if placed else "schedule.drafted"
    files: list[FileRead[Any]] = [snapshot.program_file, snapshot.matches_file]
    if placed:
        files += [snapshot.roster_file]
    inputs = {Path(f.file).name: f.strict() for f in files}
    zones = {program.calendar.timezone}
    if roster is not None:
        zones.update(p.timezone for p in roster.people)
    # of the log, only what planning reads of the model loaded, whatever the file holds now
    changes = changes_of(log)
    return cache.remembered(
        snapshot.folder,
        name,
        _key(name, inputs=inputs, changes=changes_digest(changes), zones=zones),
        compute=lambda: plan_schedule(
            program=program, matches=matches, roster=roster, log=log, changes=changes
        ),
        decode=lambda body: decode(body, program),
        encode=lambda found: encode(found, program),
        worth=lambda found: len(found.sessions) >= KEPT_FROM,
        inputs={file: loaded.seen for file, loaded in inputs.items() if loaded.seen},
    )


def sessions_of(snapshot: Snapshot, *, placed: bool = True) -> list[PlannedSession]:
    """Return every session of the program's schedule (see `schedule_of`)."""
    return schedule_of(snapshot, placed=placed).sessions


def _key(
    name: str, *, inputs: dict[str, Loaded[Any]], changes: bytes, zones: set[str]
) -> str | None:
    """Return the key of a plan of these files' bytes and changes (None: a file not read whole)."""
    digest = hashlib.blake2b(_FORMAT, digest_size=20)
    digest.update(name.encode() + b"\0" + sys.version.encode() + b"\0")
    digest.update(cache.source_digest(_SOURCES))
    digest.update(changes)
    for file, loaded in sorted(inputs.items()):
        if loaded.seen is None:
            return None
        digest.update(f"{file}\0{loaded.seen.digest}\0".encode())
    for zone in sorted(zones):
        data = _zone_data(zone)
        if data is None:
            return None
        digest.update(zone.encode() + b"\0" + hashlib.blake2b(data).digest())
    return digest.hexdigest()


def _zone_data(zone: str) -> bytes | None:
    """Return the bytes of a zone's file, where `ZoneInfo` finds it (None: not found)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / zone
        if path.is_file():
            return path.read_bytes()
    try:
        return resources.files("tzdata.zoneinfo").joinpath(*zone.split("/")).read_bytes()
    except (ModuleNotFoundError, OSError, ValueError):
        return None
