"""The table of `rmcli checkin show`: one person's answers, free text included."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from rmcli.cli.output import out
from rmcli.models.checkins import Checkin
from rmcli.words import say


def checkins_table(answers: list[Checkin], *, person: str) -> None:
    """Print one person's check-in answers as a table (confidential: free text included)."""
    table = Table(title=say("Check-ins of {person} (confidential)", person=person))
    for column in (say("date"), say("score"), say("challenges"), say("wants help"), say("text")):
        table.add_column(column, overflow="fold")
    for a in answers:
        cells = (a.date.isoformat(), str(a.score), ", ".join(a.challenges))
        table.add_row(
            *(Text(c) for c in (*cells, say("yes") if a.wants_help else say("no"), a.text))
        )
    out().print(table)
