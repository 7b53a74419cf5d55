"""The table of `rmcli log --show`: the log of one match, the only place notes are printed."""

from __future__ import annotations

from pathlib import Path

from rmcli.cli.output import print_json
from rmcli.errors import InputError


def show_log(folder: Path, *, match: str | None, json: bool) -> None:
    """Print the log of one match, notes included (the only place notes are shown)."""
    from rich.table import Table
    from rich.text import Text

    from rmcli.cli.output import out
    from rmcli.folder import load

    if not match:
        raise InputError("--show needs --match ID: notes are shown one match at a time")
    snapshot = load(folder)
    sessions = snapshot.sessions
    if match not in snapshot.matches.by_id():
        raise InputError(f"--match: unknown match id {match!r}")
    records = sessions.of_match(match)
    if json:
        print_json([r.model_dump(mode="json") for r in records])
        return
    table = Table(title=f"Sessions of {match} (confidential notes)")
    for column in ("#", "date", "status", "min", "topic", "led by", "shared", "note"):
        table.add_column(column, overflow="fold")
    for r in records:
        shared = "" if r.senior_shared is None else ("yes" if r.senior_shared else "no")
        cells = (str(r.number), r.date.isoformat(), r.status, str(r.minutes), r.topic, r.led_by)
        table.add_row(*(Text(c) for c in (*cells, shared, r.note)))
    out().print(table)
