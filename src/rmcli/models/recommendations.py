"""The model of recommendations.toml: what the program recommends and how leadership answered."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from rmcli.models.base import LongText, StrictModel, Text


class Recommendation(StrictModel):
    """One recommendation to the organisation, with leadership's answer once it came."""

    number: int = Field(ge=1)
    text: Text
    added: dt.date
    answer: LongText = ""  # leadership's answer; "" = not answered yet
    answered: dt.date | None = None
    done: dt.date | None = None  # the day it was carried out


class RecommendationsFile(StrictModel):
    """All recommendations of a program (recommendations.toml)."""

    recommendations: list[Recommendation] = Field(default_factory=list)

    def get(self, number: int) -> Recommendation | None:
        """Return the recommendation with this number, if any."""
        return next((r for r in self.recommendations if r.number == number), None)
