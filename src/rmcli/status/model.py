"""The figures and flags of `rmcli status`, as plain data (no notes, no free text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Flag:
    """A signal about one match, with a stable code and a one-line hint."""

    code: str
    hint: str
    detail: str = ""
    action: bool = True  # needs the organiser's action: `rmcli status` exits 1

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"code": self.code, "hint": self.hint, "detail": self.detail, "action": self.action}


@dataclass(frozen=True)
class MatchStatus:
    """The figures of one match as of a day."""

    id: str
    juniors: tuple[str, ...]
    seniors: tuple[str, ...]
    held: int
    due: int
    planned: int
    cancelled: int
    moved: int
    overdue: int
    last: dt.date | None
    next: dt.date | None
    median_minutes: float | None
    areas: tuple[str, ...]
    streak: int  # held sessions in a row, counted back from the latest logged one
    all_held: bool  # every due session so far was held
    flags: list[Flag] = field(default_factory=list)

    def codes(self) -> list[str]:
        """Return the codes of the raised flags."""
        return [f.code for f in self.flags]

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form (ids, counts and dates only)."""
        return {
            "id": self.id,
            "juniors": list(self.juniors),
            "seniors": list(self.seniors),
            "held": self.held,
            "due": self.due,
            "planned": self.planned,
            "cancelled": self.cancelled,
            "moved": self.moved,
            "overdue": self.overdue,
            "last": self.last.isoformat() if self.last else None,
            "next": self.next.isoformat() if self.next else None,
            "median_minutes": self.median_minutes,
            "areas": list(self.areas),
            "streak": self.streak,
            "all_held": self.all_held,
            "flags": [f.to_json() for f in self.flags],
        }


@dataclass(frozen=True)
class Upcoming:
    """A planned session in the next two weeks."""

    match: str
    number: int
    kind: str
    date: dt.date
    topic: str
    teacher: str = ""  # peer format: "junior" or "senior" teaches; "" = both

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "match": self.match,
            "number": self.number,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "topic": self.topic,
            "teacher": self.teacher,
        }


@dataclass(frozen=True)
class Success:
    """Something worth celebrating: a match that held every session, or a streak."""

    match: str
    code: str  # all-held | streak
    count: int

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"match": self.match, "code": self.code, "count": self.count}


@dataclass(frozen=True)
class ProgramStatus:
    """The whole program as of a day."""

    as_of: dt.date
    name: str
    start: dt.date
    end: dt.date
    matches: list[MatchStatus]
    on_time: int  # sessions held within the grace period of their planned date
    past_due: int  # sessions whose grace period is over (or that were held)
    upcoming: list[Upcoming]
    successes: list[Success]

    @property
    def on_time_share(self) -> float | None:
        """Return the share of sessions held on time, or None before any was due."""
        return round(self.on_time / self.past_due, 3) if self.past_due else None

    @property
    def action_needed(self) -> bool:
        """Return whether any raised flag needs the organiser's action."""
        return any(f.action for m in self.matches for f in m.flags)

    def flag_counts(self) -> dict[str, int]:
        """Return how many matches raise each flag code (codes with none are left out)."""
        counts: dict[str, int] = {}
        for match in self.matches:
            for code in dict.fromkeys(match.codes()):
                counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items()))

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form of `rmcli status --json`."""
        return {
            "as_of": self.as_of.isoformat(),
            "program": {
                "name": self.name,
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
            },
            "matches": [m.to_json() for m in self.matches],
            "summary": {
                "held": sum(m.held for m in self.matches),
                "due": sum(m.due for m in self.matches),
                "planned": sum(m.planned for m in self.matches),
                "on_time": self.on_time,
                "past_due": self.past_due,
                "on_time_share": self.on_time_share,
                "flag_counts": self.flag_counts(),
                "action_needed": self.action_needed,
            },
            "upcoming": [u.to_json() for u in self.upcoming],
            "successes": [s.to_json() for s in self.successes],
        }
