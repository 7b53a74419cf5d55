"""The model of sessions.toml: the log of sessions held (written by `rmcli log`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from rmcli.models.base import Day, DayOrMoment, LongText, OptionalSlug, Slug, StrictModel

SessionStatus = Literal["held", "cancelled", "moved"]
SESSION_STATUSES: tuple[SessionStatus, ...] = ("held", "cancelled", "moved")
# The topic area a session covered; "" when it is not known (a topic outside the plan).
SessionArea = Literal["technology", "workplace", "culture", "retrospective", ""]


class SessionRecord(StrictModel):
    """One logged session of one match."""

    match: Slug
    number: int = Field(ge=1, le=200)
    date: Day
    minutes: int = Field(default=0, ge=0, le=600)
    topic: str = Field(default="", max_length=300)
    area: SessionArea = ""
    status: SessionStatus = "held"
    led_by: OptionalSlug = ""  # who led the hands-on part; "" = not recorded
    senior_shared: bool | None = None  # the senior also shared context; None = not recorded
    note: LongText = ""  # confidential: never shown outside `rmcli log --show`
    # A moved session's new day, or day and time in the program's zone (`rmcli log --to`).
    to: DayOrMoment | None = None
    sequence: int | None = Field(default=None, ge=1, le=10000)  # times moved or cancelled


class SessionsFile(StrictModel):
    """All logged sessions of a program."""

    sessions: list[SessionRecord] = Field(default_factory=list)

    def latest(self) -> list[SessionRecord]:
        """Return the records in file order, a session logged twice by its last record only.

        `validate` reports such a session; until it is fixed every count reads it once, as
        planning does.
        """
        last = {(r.match, r.number): i for i, r in enumerate(self.sessions)}
        if len(last) == len(self.sessions):
            return self.sessions  # nearly always: no session is logged twice
        return [r for i, r in enumerate(self.sessions) if last[(r.match, r.number)] == i]

    def of_match(self, match_id: str) -> list[SessionRecord]:
        """Return the records of one match, ordered by session number."""
        return sorted((s for s in self.sessions if s.match == match_id), key=lambda s: s.number)

    def find(self, match_id: str, number: int) -> SessionRecord | None:
        """Return the record of one session of a match, if logged."""
        return next((s for s in self.sessions if s.match == match_id and s.number == number), None)
