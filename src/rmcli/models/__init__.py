"""Pydantic models of every file in a program folder."""

from rmcli.models.matches import Match, MatchesFile
from rmcli.models.program import Program, Topic
from rmcli.models.roster import Person, Roster
from rmcli.models.sessions import SessionRecord, SessionsFile

__all__ = [
    "Match",
    "MatchesFile",
    "Person",
    "Program",
    "Roster",
    "SessionRecord",
    "SessionsFile",
    "Topic",
]
