"""Shared pydantic settings and field types for every file rmcli reads."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from rmcli.dates import FIRST_DAY, LAST_DAY
from rmcli.escape import has_control
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


class StrictModel(BaseModel):
    """A model for a TOML table: unknown keys are errors, values are never echoed."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        hide_input_in_errors=True,  # error messages must not leak personal values
        allow_inf_nan=False,
        validate_assignment=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        """Refuse escape, bell and other control bytes in any text: they would act on a terminal."""
        if _holds_control(value):
            raise ValueError(
                say("contains a control character (an escape, bell or similar byte); remove it")
            )
        return value


def _holds_control(value: object) -> bool:
    if isinstance(value, str):
        return has_control(value)
    if isinstance(value, list | tuple):
        return any(isinstance(v, str) and has_control(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_control(k) or _holds_control(v) for k, v in value.items())
    return False
