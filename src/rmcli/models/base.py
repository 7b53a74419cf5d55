"""Shared pydantic settings and field types for every file rmcli reads."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from rmcli.dates import FIRST_DAY, LAST_DAY
from rmcli.words import say

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$"

# A lower-case identifier used to refer to people, topics, projects and matches.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# A slug, or "" for none (a manager outside anything rmcli knows, say).
OptionalSlug = Annotated[str, StringConstraints(pattern=r"^(?:" + SLUG_PATTERN[1:-1] + r")?$")]
# Free text typed by people: kept as written, but never empty and never a novel.
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
LongText = Annotated[str, StringConstraints(max_length=20000)]
# A calendar day in the range rmcli accepts.
Day = Annotated[dt.date, Field(ge=FIRST_DAY, le=LAST_DAY)]


def _in_range(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    """Return a day, or a day and time, whose day is in the range of `Day`; else refuse it."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            say("expected a date from {first} to {last}", first=FIRST_DAY, last=LAST_DAY)
        )
    return value


# A day, or a day and time (with or without its offset), in the range of `Day`.
DayOrMoment = Annotated[dt.datetime | dt.date, AfterValidator(_in_range)]


class StrictModel(BaseModel):
    """A model for a TOML table: unknown keys are errors, values are never echoed."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        hide_input_in_errors=True,  # error messages must not leak personal values
        allow_inf_nan=False,
        validate_assignment=True,
    )
