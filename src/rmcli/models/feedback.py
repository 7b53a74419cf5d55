"""Models of feedback.toml (answers) and surveys.toml (the questions an organiser asks)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from rmcli.models.base import Day, Slug, StrictModel, Text
from rmcli.models.roster import ROLES, Role
from rmcli.words import say

QuestionKind = Literal["rating", "yesno", "text", "choice", "learned", "skills"]
# A skill as a person names it: a topic tag such as 'ai-tools', or a short free entry.
SkillName = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^;=\n]+$")]
Rating = Annotated[int, Field(ge=1, le=5)]
ExtraValue = int | bool | str

# Questions whose answers rmcli evaluates, with the kind each must have.
KNOWN_QUESTIONS: dict[str, QuestionKind] = {
    "satisfaction": "rating",
    "learned": "learned",
    "skills": "skills",
    "relationship": "yesno",
    "continue": "yesno",
    "worked": "text",
    "change": "text",
    "gained": "choice",
    "recommend": "text",
}
EXTRA_KINDS: tuple[QuestionKind, ...] = ("rating", "yesno", "text")


class Option(StrictModel):
    """One choice of a multiple-choice question."""

    id: Slug
    en: Text
    de: str = ""

    def text(self, language: str) -> str:
        """Return the option in a language, falling back to English."""
        return self.de if language == "de" and self.de else self.en


class Question(StrictModel):
    """One question of a survey."""

    id: Slug
    kind: QuestionKind
    en: Text
    de: str = ""
    roles: list[Role] = Field(default_factory=lambda: list(ROLES))
    required: bool = False
    options: list[Option] = Field(default_factory=list)

    def text(self, language: str) -> str:
        """Return the question in a language, falling back to English."""
        return self.de if language == "de" and self.de else self.en

    @model_validator(mode="after")
    def _kind_fits(self) -> Question:
        known = KNOWN_QUESTIONS.get(self.id)
        if known is not None and self.kind != known:
            raise ValueError(say("question '{id}' must have kind '{kind}'", id=self.id, kind=known))
        if known is None and self.kind not in EXTRA_KINDS:
            raise ValueError(say("a question of your own must be of kind rating, yesno or text"))
        if self.kind == "choice" and not self.options:
            raise ValueError(say("a choice question needs options"))
        return self


class Survey(StrictModel):
    """One survey: intake, midpoint, final, or one of the organiser's own."""

    id: Slug
    en: Text
    de: str = ""
    questions: list[Question] = Field(default_factory=list)

    def title(self, language: str) -> str:
        """Return the survey's title in a language, falling back to English."""
        return self.de if language == "de" and self.de else self.en

    def asks(self, role: str) -> list[Question]:
        """Return the questions this survey asks a person of a role, in file order."""
        return [q for q in self.questions if role in q.roles]

    @model_validator(mode="after")
    def _ids_unique_per_role(self) -> Survey:
        for role in ROLES:
            ids = [q.id for q in self.asks(role)]
            if len(ids) != len(set(ids)):
                twice = (
                    say("a question id appears twice for the juniors")
                    if role == "junior"
                    else say("a question id appears twice for the seniors")
                )
                raise ValueError(twice)
        return self


class SurveysFile(StrictModel):
    """All surveys of a program (surveys.toml, or the shipped default)."""

    surveys: list[Survey] = Field(default_factory=list)

    def get(self, survey_id: str) -> Survey | None:
        """Return the survey with this id, if any."""
        return next((s for s in self.surveys if s.id == survey_id), None)

    @model_validator(mode="after")
    def _survey_ids_unique(self) -> SurveysFile:
        ids = [s.id for s in self.surveys]
        if len(ids) != len(set(ids)):
            raise ValueError(say("a survey id appears twice"))
        return self


class Answer(StrictModel):
    """One person's answers to one survey; only what was answered is set."""

    model_config = ConfigDict(populate_by_name=True)

    person: Slug
    survey: Slug
    answered: Day
    satisfaction: Rating | None = None
    learned: list[SkillName] = Field(default_factory=list)
    skills: dict[SkillName, Rating] = Field(default_factory=dict)
    relationship: bool | None = None
    continue_: bool | None = Field(default=None, alias="continue")
    worked: str = Field(default="", max_length=2000)
    change: str = Field(default="", max_length=2000)
    gained: list[Slug] = Field(default_factory=list)
    recommend: str = Field(default="", max_length=2000)
    extra: dict[Slug, ExtraValue] = Field(default_factory=dict)


class FeedbackFile(StrictModel):
    """All answers of a program (feedback.toml)."""

    answers: list[Answer] = Field(default_factory=list)

    def find(self, person: str, survey: str) -> Answer | None:
        """Return a person's answer to a survey, if any."""
        return next((a for a in self.answers if a.person == person and a.survey == survey), None)
