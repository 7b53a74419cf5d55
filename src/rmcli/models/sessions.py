"""The model of sessions.toml: the log of sessions held (written by `rmcli log`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from rmcli.models.base import LongText, OptionalSlug, Slug, StrictModel

SessionStatus = Literal["held", "cancelled", "moved"]


class SessionRecord(StrictModel):
    """One logged session of one match."""

    match: Slug
    number: int = Field(ge=1, le=200)
    date: dt.date
    minutes: int = Field(default=0, ge=0, le=600)
    topic: str = ""
    status: SessionStatus = "held"
    led_by: OptionalSlug = ""
    senior_shared: bool = False
    note: LongText = ""  # confidential: never shown outside `rmcli log --show`


class SessionsFile(StrictModel):
    """All logged sessions of a program."""

    sessions: list[SessionRecord] = Field(default_factory=list)
