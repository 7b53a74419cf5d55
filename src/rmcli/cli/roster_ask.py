"""Complete a new person from flags, asking with questionary for what is missing."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from rmcli.cli.options import need_answer
from rmcli.errors import Problem, ProblemsError
from rmcli.io.toml import friendly
from rmcli.models import Person


def slugify(name: str) -> str:
    """Return a lower-case id made from a name ('Ana López' -> 'ana-lopez')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:64].strip("-") or "person"


def split_items(values: list[str] | None) -> list[str]:
    """Return list items from repeated options that may also hold ',' or ';' lists."""
    items: list[str] = []
    for value in values or []:
        items.extend(part.strip() for part in re.split(r"[,;]", value) if part.strip())
    return items


def ask_text(question: str, *, default: str = "") -> str:
    """Ask for one line of text."""
    import questionary

    return str(questionary.text(question, default=default).unsafe_ask())


def ask_choice(question: str, *, choices: list[str]) -> str:
    """Ask to choose one of several values."""
    import questionary

    return str(questionary.select(question, choices=choices).unsafe_ask())


def complete_person(*, given: dict[str, Any], ask: bool) -> Person:
    """Return a valid person from the flags, asking for name, role and id where missing."""
    data = dict(given)
    if not data.get("name"):
        if not ask:
            raise need_answer("--name")
        data["name"] = ask_text("Full name:")
    if not data.get("role"):
        if not ask:
            raise need_answer("--role (junior or senior)")
        data["role"] = ask_choice("Role:", choices=["junior", "senior"])
    if not data.get("id"):
        suggestion = slugify(str(data["name"]))
        data["id"] = ask_text("Id:", default=suggestion) if ask else suggestion
    for key in ("expertise", "interests", "avoid", "prefer", "projects"):
        data[key] = split_items(data.get(key))
    data["languages"] = split_items(data.get("languages")) or ["en"]
    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                "--" + str(e["loc"][0]) if e["loc"] else "flags",
                friendly(e, loc=tuple(e["loc"]), model=Person),
            )
            for e in exc.errors(include_input=False, include_url=False)
        ]
        raise ProblemsError(problems) from None
