"""The model of roster.toml: the people in a program and the reporting lines around them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from rmcli.models.base import OptionalSlug, Slug, StrictModel
from rmcli.models.zones import check_hours, check_zone
from rmcli.words import say

Role = Literal["junior", "senior"]
ROLES: tuple[Role, ...] = ("junior", "senior")
EMAIL_PATTERN = r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+)?$"
# An email address, or "" when the organiser has none on file.
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=254)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(max_length=300)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


class Person(StrictModel):
    """One participant: a junior (mentor) or a senior (mentee)."""

    id: Slug
    name: Name
    email: Email = ""
    role: Role
    title: Label = ""
    department: Label = ""
    manager: OptionalSlug = ""
    volunteer: bool = True
    capacity: int = Field(default=1, ge=1, le=10)
    expertise: list[Slug] = Field(default_factory=list)
    interests: list[Slug] = Field(default_factory=list)
    timezone: str = "UTC"
    hours: str = ""  # own working hours, "09:00-17:00"; "" = the program's [schedule] hours
    languages: list[LanguageCode] = Field(default_factory=lambda: ["en"])
    avoid: list[Slug] = Field(default_factory=list)
    prefer: list[Slug] = Field(default_factory=list)
    projects: list[Slug] = Field(default_factory=list)
    # Seniors: minutes a month they commit to the program; 0 = not recorded.
    committed_minutes: int = Field(default=0, ge=0, le=10_000)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_zone(value)

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        return check_hours(value) if value else value

    @field_validator("languages")
    @classmethod
    def _some_language(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError(say("expected at least one language code such as 'en'"))
        return value


class Roster(StrictModel):
    """All people of a program (roster.toml)."""

    people: list[Person] = Field(default_factory=list)
    # Reporting lines of people outside the program: id = manager id ("" for the top).
    org: dict[Slug, OptionalSlug] = Field(default_factory=dict)

    def by_id(self) -> dict[str, Person]:
        """Return the people keyed by id (the last one wins if ids repeat)."""
        return {p.id: p for p in self.people}

    def tag_ids(self) -> list[str]:
        """Return the tags people teach or want to learn, each once, in file order."""
        return list(dict.fromkeys(t for p in self.people for t in (*p.expertise, *p.interests)))

    def get(self, person_id: str) -> Person | None:
        """Return the person with this id, if any."""
        return next((p for p in self.people if p.id == person_id), None)

    def managers(self) -> dict[str, str]:
        """Return every known reporting line, id -> manager id, people before [org]."""
        lines = {k: v for k, v in self.org.items() if v}
        for person in self.people:
            if person.manager:
                lines[person.id] = person.manager
            else:
                lines.pop(person.id, None)
        return lines

    def role(self, role: Role) -> list[Person]:
        """Return the people of one role, in file order."""
        return [p for p in self.people if p.role == role]
