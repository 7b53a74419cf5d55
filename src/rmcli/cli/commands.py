"""The command table: every command's name, module and one-line summary.

`rmcli --help` lists the commands from this table without importing their modules;
a command's module is imported, and its Typer commands built, only when it is run
(or its own help is shown). Building every command up front cost about a third of the
start-up time.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from rmcli.words import N_, say


@dataclass(frozen=True)
class Entry:
    """One command of the root: its name, the module that registers it, its summary."""

    name: str
    module: str
    summary: str  # English, marked for extraction; shown through say()


# In the order of a program's life; the listing in `rmcli --help` follows it.
COMMANDS = (
    Entry("init", "rmcli.cli.init", N_("Create a program folder from a starter.")),
    Entry("validate", "rmcli.cli.validate", N_("Check every file of the program.")),
    Entry("roster", "rmcli.cli.roster", N_("List, add, import and remove participants.")),
    Entry("match", "rmcli.cli.match", N_("Propose the best matches, each explained.")),
    Entry("matches", "rmcli.cli.match", N_("Show the current matches.")),
    Entry("schedule", "rmcli.cli.schedule", N_("Show every session; write calendars.")),
    Entry("agenda", "rmcli.cli.agenda", N_("Write and show the agenda of a session.")),
    Entry(
        "announce", "rmcli.cli.announce", N_("Introduce the people of every new match by email.")
    ),
    Entry("log", "rmcli.cli.log", N_("Record a session, or show a match's log.")),
    Entry("checkin", "rmcli.cli.checkin", N_("Record or import check-in answers.")),
    Entry("status", "rmcli.cli.status", N_("Show how every match is doing, with flags.")),
    Entry("feedback", "rmcli.cli.feedback", N_("Collect survey answers, or print a blank sheet.")),
    Entry("evaluate", "rmcli.cli.evaluate", N_("Summarise feedback and sessions for leadership.")),
    Entry(
        "recommend", "rmcli.cli.recommend", N_("Record recommendations and leadership's answers.")
    ),
    Entry("forget", "rmcli.cli.forget", N_("Erase a person from every file of the program.")),
)

BY_NAME = {entry.name: entry for entry in COMMANDS}


def load(name: str) -> Any:
    """Return the click command for a name of the table, or None."""
    entry = BY_NAME.get(name)
    if entry is None:
        return None
    command = _module_commands(entry.module)[name]
    command.short_help = say(entry.summary)
    return command


@cache
def _module_commands(module: str) -> dict[str, Any]:
    """Return the click commands one command module registers, built once."""
    import typer.main

    sub = typer.Typer(rich_markup_mode=None, add_completion=False)
    importlib.import_module(module).register(sub)
    return dict(typer.main.get_group(sub).commands)
