"""`rmcli status`: figures, flags and successes of a running program (pure core)."""

from rmcli.status.compute import compute_status, status_of
from rmcli.status.model import Flag, MatchStatus, ProgramStatus, Success, Upcoming
from rmcli.status.rules import ADVICE_CODES, FLAG_CODES

__all__ = [
    "ADVICE_CODES",
    "FLAG_CODES",
    "Flag",
    "MatchStatus",
    "ProgramStatus",
    "Success",
    "Upcoming",
    "compute_status",
    "status_of",
]
