"""The model of checkins.toml: what participants answered when the organiser checked in."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from rmcli.models.base import Day, LongText, Slug, StrictModel

# The guide's common challenges, as stable codes.
Challenge = Literal[
    "junior-hesitant", "senior-not-serious", "no-time", "unclear-expectations", "other"
]
CHALLENGES: tuple[Challenge, ...] = (
    "junior-hesitant",
    "senior-not-serious",
    "no-time",
    "unclear-expectations",
    "other",
)
LOW_SCORE = 2  # a score at or below this is a signal to talk


class Checkin(StrictModel):
    """One participant's answer on one day."""

    person: Slug
    date: Day
    score: int = Field(ge=1, le=5)  # how it is going: 1 badly ... 5 very well
    challenges: list[Challenge] = Field(default_factory=list)
    text: LongText = ""  # confidential free text: never shown by `rmcli status`
    wants_help: bool = False  # wants the organiser to step in


class CheckinsFile(StrictModel):
    """All check-in answers of a program (checkins.toml)."""

    checkins: list[Checkin] = Field(default_factory=list)

    def latest(self, person_id: str, *, as_of: dt.date) -> Checkin | None:
        """Return a person's most recent answer on or before `as_of`."""
        found = [c for c in self.checkins if c.person == person_id and c.date <= as_of]
        return max(found, key=lambda c: c.date) if found else None
