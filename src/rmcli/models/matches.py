"""The model of matches.toml: who is matched with whom (written by `rmcli match`)."""

from __future__ import annotations

from pydantic import Field

from rmcli.models.base import Day, Slug, StrictModel, Text


class Match(StrictModel):
    """One pair, group or project team."""

    id: Slug
    juniors: list[Slug] = Field(min_length=1)
    seniors: list[Slug] = Field(min_length=1)
    score: float = 0.0
    reasons: list[Text] = Field(default_factory=list)
    locked: bool = False
    project: Slug | None = None
    created: Day | None = None

    @property
    def people(self) -> list[str]:
        """Return everyone in the match, juniors first."""
        return [*self.juniors, *self.seniors]


class MatchesFile(StrictModel):
    """All matches of a program."""

    matches: list[Match] = Field(default_factory=list)

    def by_id(self) -> dict[str, Match]:
        """Return the matches keyed by id."""
        return {m.id: m for m in self.matches}
