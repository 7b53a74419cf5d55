"""Helpers for the schedule and agenda tests: matches, logged sessions and program edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import tomlkit

from rmcli.folder import MATCHES_FILE, PROGRAM_FILE, SESSIONS_FILE, load, write_owned
from rmcli.io import cache
from rmcli.models import Match, MatchesFile, SessionRecord, SessionsFile
from rmcli.schedule import plan_json
from rmcli.schedule.plan import PlannedSession, Schedule, plan_schedule

PAIRS = (("aylin", "helga"), ("jonas", "markus"), ("noah", "sabine"))


def pair_id(junior: str, senior: str) -> str:
    """Return the match id the tests use for a pair."""
    return f"{senior}-{junior}"


def sessions_of(sessions: list[PlannedSession], *, match: str) -> list[PlannedSession]:
    """Return one match's sessions in number order."""
    return sorted((s for s in sessions if s.match == match), key=lambda s: s.number)


def write_matches(folder: Path, pairs: tuple[tuple[str, str], ...] = PAIRS) -> MatchesFile:
    """Write a matches.toml with one match per (junior, senior) pair and return it."""
    matches = MatchesFile(
        matches=[Match(id=pair_id(j, s), juniors=[j], seniors=[s]) for j, s in pairs]
    )
    write_owned(folder, MATCHES_FILE, matches)
    return matches


def write_log(folder: Path, records: list[tuple[str, int, str]]) -> None:
    """Write a sessions.toml with (match, number, status) records."""
    log = SessionsFile(
        sessions=[
            SessionRecord(match=m, number=n, date=dt.date(2027, 1, 12), status=status)  # type: ignore[arg-type]
            for m, n, status in records
        ]
    )
    write_owned(folder, SESSIONS_FILE, log)


def edit_program(folder: Path, **changes: Any) -> None:
    """Change top-level keys of program.toml; a dict value updates that table."""
    path = folder / PROGRAM_FILE
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict):
            table = doc.setdefault(key, tomlkit.table())
            for inner, inner_value in value.items():
                table[inner] = inner_value
        else:
            doc[key] = value
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")


def fresh_schedule(folder: Path) -> Schedule:
    """Return the program's schedule as `rmcli schedule` places it, planned now (no cache)."""
    snapshot = load(folder)
    return plan_schedule(
        program=snapshot.program,
        matches=snapshot.matches,
        roster=snapshot.roster,
        log=snapshot.sessions,
    )


def poison_plan(folder: Path) -> Schedule:
    """Replace the kept plan's body (same key) by one without a match's session; return it.

    A run that answers from the entry shows the session missing.
    """
    path = cache.entry_path(folder, "schedule.placed")
    key, _, body = path.read_bytes().partition(b"\n")
    program = load(folder).program
    whole = plan_json.decode(body, program)
    assert whole is not None
    dropped = max(i for i, s in enumerate(whole.sessions) if s.kind == "match")
    poisoned = Schedule(
        sessions=whole.sessions[:dropped] + whole.sessions[dropped + 1 :], unplaced=whole.unplaced
    )
    encoded = plan_json.encode(poisoned, program)
    assert encoded is not None
    path.write_bytes(key + b"\n" + encoded.encode())
    return poisoned
