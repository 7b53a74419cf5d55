"""The model of program.toml: what the organiser decides about a program."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from rmcli.dates import LAST_DAY, add_months
from rmcli.models.base import Day, LongText, Slug, StrictModel, Text
from rmcli.models.roster import Email
from rmcli.models.zones import check_hours, check_zone
from rmcli.words import languages, one_of, say

Format = Literal["one-to-one", "group", "peer", "project"]
# "retrospective" is the closing session's own area: it counts for no family of topics.
Area = Literal["technology", "workplace", "culture", "retrospective"]
Language = str  # English or a language with a catalog in rmcli/locales/ (checked below)
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday")
FORMATS: tuple[Format, ...] = ("one-to-one", "group", "peer", "project")
Side = Literal["junior", "senior"]
MIN_SESSION_MINUTES = 30  # shorter is the guide's "no time" mistake
ADVISED_SESSION_MINUTES = 45  # `validate` warns below this: little room for a real exchange


class Cadence(StrictModel):
    """How often sessions happen."""

    one_to_one: Literal["monthly", "biweekly"] = "monthly"
    group: Literal["quarterly", "none"] = "quarterly"


class Weights(StrictModel):
    """Weights of the soft matching score; 0 switches a criterion off."""

    topics: float = Field(default=3.0, ge=0, le=100)
    prefer: float = Field(default=2.0, ge=0, le=100)
    department: float = Field(default=1.0, ge=0, le=100)
    timezone: float = Field(default=1.0, ge=0, le=100)
    language: float = Field(default=0.5, ge=0, le=100)
    project: float = Field(default=4.0, ge=0, le=100)


class Matching(StrictModel):
    """Hard rules and weights for `rmcli match`."""

    forbid: Literal["direct", "chain"] = "direct"
    juniors_per_group: list[int] = Field(default_factory=lambda: [3, 4])
    seniors_per_group: list[int] = Field(default_factory=lambda: [1, 2])
    history: list[str] = Field(default_factory=list)
    weights: Weights = Field(default_factory=Weights)

    @field_validator("juniors_per_group", "seniors_per_group")
    @classmethod
    def _size_range(cls, value: list[int]) -> list[int]:
        if len(value) != 2 or not 1 <= value[0] <= value[1] <= 50:
            raise ValueError(
                say("expected [smallest, largest] with 1 <= smallest <= largest <= 50")
            )
        return value


class Topic(StrictModel):
    """One month of the topic plan."""

    month: int = Field(ge=1, le=60)
    title: Text
    area: Area = "technology"
    prompts: list[Text] = Field(default_factory=list)
    tags: list[Slug] = Field(default_factory=list)
    teacher: Side | Literal[""] = ""  # peer format: who teaches this month; "" = in turn


class Milestone(StrictModel):
    """What a project team means to have reached by the end of a program month."""

    month: int = Field(ge=1, le=60)
    text: Text


class Project(StrictModel):
    """A concrete project that a pair or team works on (project format)."""

    id: Slug
    title: Text
    goal: LongText = ""  # the concrete result the team works towards
    description: LongText = ""
    topics: list[Slug] = Field(default_factory=list)
    size: int = Field(default=2, ge=2, le=12)
    milestones: list[Milestone] = Field(default_factory=list)

    def milestone(self, month: int) -> str:
        """Return the milestone of a program month, or "" when none is set."""
        return next((m.text for m in self.milestones if m.month == month), "")


class Calendar(StrictModel):
    """When sessions are placed in the calendar."""

    weekday: Weekday = "tuesday"
    time: str = Field(default="10:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    timezone: str = "UTC"
    skip: list[Day] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_zone(value)


class Schedule(StrictModel):
    """When people work: sessions are placed inside the hours all their people share."""

    hours: str = "09:00-17:00"  # local working hours; a person's own `hours` overrides them
    days: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS), min_length=1)
    holidays: list[dt.date] = Field(default_factory=list)

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        return check_hours(value)


class Organiser(StrictModel):
    """Who runs the program: the ORGANIZER of every invitation."""

    name: str = Field(default="", max_length=300)
    email: Email = ""


class Privacy(StrictModel):
    """Anonymity thresholds for evaluation reports."""

    min_group: int = Field(default=5, ge=3, le=1000)
    min_comments: int = Field(default=10, ge=3, le=1000)


class Smtp(StrictModel):
    """The mail server `rmcli announce --send` hands the introductions to.

    The password never sits in a file: it comes from the RMCLI_SMTP_PASSWORD variable.
    """

    host: str = Field(min_length=1, max_length=253, pattern=r"^[A-Za-z0-9.:\[\]-]+$")
    port: int = Field(default=587, ge=1, le=65535)
    starttls: bool = True
    user: str = Field(default="", max_length=320)


class Program(StrictModel):
    """A reverse-mentoring program (program.toml)."""

    name: Text
    description: LongText = ""
    format: Format = "one-to-one"
    # "project": a project team's sessions follow its project (kick-off, working
    # sessions, demo and hand-over) instead of the monthly topics.
    plan: Literal["topics", "project"] = "topics"
    start: Day
    # Checked when left out too: with the start, it must end inside the days rmcli accepts.
    months: int = Field(default=6, ge=1, le=36, validate_default=True)
    session_minutes: int = Field(default=60, ge=MIN_SESSION_MINUTES, le=480)
    language: Language = "en"
    confidential: bool = True
    organiser: Organiser = Field(default_factory=Organiser)
    smtp: Smtp | None = None
    templates_dir: str | None = None
    cadence: Cadence = Field(default_factory=Cadence)
    matching: Matching = Field(default_factory=Matching)
    calendar: Calendar = Field(default_factory=Calendar)
    schedule: Schedule = Field(default_factory=Schedule)
    privacy: Privacy = Field(default_factory=Privacy)
    topics: list[Topic] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    # tag id -> the words a sentence uses for it, in the program's language
    labels: dict[Slug, Text] = Field(default_factory=dict)

    @field_validator("months")
    @classmethod
    def _ends_in_range(cls, value: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if (
            isinstance(start, dt.date)
            and add_months(start, value) - dt.timedelta(days=1) > LAST_DAY
        ):
            raise ValueError(
                say(
                    "with this start the program would run past {last}, the last day rmcli "
                    "accepts; start earlier or run fewer months",
                    last=LAST_DAY,
                )
            )
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in languages():
            raise ValueError(say("expected {what}", what=one_of(languages(), quote=True)))
        return value

    @field_validator("organiser", mode="before")
    @classmethod
    def _organiser_by_name(cls, value: object) -> object:
        # `organiser = "name"` (the older form) names the organiser without an email.
        return {"name": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _project_ids_unique(self) -> Program:
        seen: set[str] = set()
        for project in self.projects:
            if project.id in seen:
                raise ValueError(say("project id {id} appears twice", id=repr(project.id)))
            seen.add(project.id)
        return self

    def end(self) -> dt.date:
        """Return the first day after the program (start plus `months`)."""
        return add_months(self.start, self.months)

    def holidays(self) -> frozenset[dt.date]:
        """Return the days without sessions: `[schedule] holidays` and `[calendar] skip`."""
        return frozenset(self.schedule.holidays) | frozenset(self.calendar.skip)

    def tag_ids(self) -> list[str]:
        """Return the tags of the topic plan and the projects, each once, in file order."""
        tags = [t for topic in self.topics for t in topic.tags]
        return list(dict.fromkeys([*tags, *(t for p in self.projects for t in p.topics)]))

    def topic_for_month(self, month: int) -> Topic | None:
        """Return the planned topic of a month (1-based), if any."""
        return next((t for t in self.topics if t.month == month), None)
