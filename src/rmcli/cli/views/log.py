"""The table of `rmcli log --show`: the log of one match, the only place notes are printed."""

from __future__ import annotations

from pathlib import Path

from rmcli.cli.output import print_json
from rmcli.errors import InputError
from rmcli.words import N_, say


def show_log(folder: Path, *, match: str | None, json: bool) -> None:
    """Print the log of one match, notes included (the only place notes are shown)."""
    from rich.table import Table
    from rich.text import Text

    from rmcli.cli.output import out
    from rmcli.folder import load

    if not match:
        raise InputError(say("--show needs --match ID: notes are shown one match at a time"))
    snapshot = load(folder)
    sessions = snapshot.sessions
    if match not in snapshot.matches.by_id():
        from rmcli.words import did_you_mean

        raise InputError(
            say("--match: unknown match id {id}", id=repr(match)),
            hint=did_you_mean(match, snapshot.matches.by_id()),
        )
    records = sessions.of_match(match)
    if json:
        print_json([r.model_dump(mode="json") for r in records])
        return
    table = Table(title=say("Sessions of {match} (confidential notes)", match=match))
    columns = [N_("date"), N_("status"), N_("min"), N_("topic"), N_("led by"), N_("shared")]
    columns.append(N_("note"))
    for column in ("#", *(say(c) for c in columns)):
        table.add_column(column, overflow="fold")
    for r in records:
        shared = "" if r.senior_shared is None else (say("yes") if r.senior_shared else say("no"))
        cells = (str(r.number), r.date.isoformat(), r.status, str(r.minutes), r.topic, r.led_by)
        table.add_row(*(Text(c) for c in (*cells, shared, r.note)))
    out().print(table)
