"""Create a program folder from one of the starters shipped in templates/starters/."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.folder import (
    CHECKINS_FILE,
    ERASURES_FILE,
    FEEDBACK_FILE,
    KIT_DIR,
    MATCHES_FILE,
    PROGRAM_FILE,
    ROSTER_FILE,
    SESSIONS_FILE,
)
from rmcli.io.atomic import make_private_dir, write_text
from rmcli.io.templates import shipped_root
from rmcli.io.toml import problems_of
from rmcli.models import Program
from rmcli.models.program import FORMATS
from rmcli.words import say

DEFAULT_STARTER = "tech-six-months"
STARTER_OF_FORMAT = {
    "one-to-one": DEFAULT_STARTER,
    "group": "group",
    "peer": "peer",
    "project": "project",
}


@dataclass(frozen=True)
class Settings:
    """What `init` was told or asked; None keeps the starter's value."""

    starter: str = DEFAULT_STARTER
    name: str | None = None
    format: str | None = None
    start: dt.date | None = None
    months: int | None = None
    session_minutes: int | None = None
    language: str = "en"


def starters_root() -> Path:
    """Return the folder that holds the starters."""
    return shipped_root() / "starters"


def list_starters() -> list[str]:
    """Return the names of the starters, in alphabetical order."""
    return sorted(p.name for p in starters_root().iterdir() if (p / "program.toml").is_file())


def default_start(today: dt.date) -> dt.date:
    """Return the first Monday of the month after `today`."""
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _starter_file(starter: str, name: str, language: str) -> Path:
    folder = starters_root() / starter
    if not (folder / "program.toml").is_file():
        raise InputError(
            say(
                "unknown starter {starter}; choose one of: {starters}",
                starter=repr(starter),
                starters=", ".join(list_starters()),
            )
        )
    stem, suffix = name.split(".")
    localised = folder / f"{stem}.{language}.{suffix}"
    return localised if language != "en" and localised.is_file() else folder / name


def render_program(settings: Settings) -> str:
    """Return the starter's program.toml with the settings applied, comments kept."""
    import tomlkit  # noqa: PLC0415 (kept out of start-up)

    text = _starter_file(settings.starter, "program.toml", settings.language).read_text(
        encoding="utf-8"
    )
    document = tomlkit.parse(text)
    values: dict[str, Any] = {
        "name": settings.name,
        "format": settings.format,
        "start": settings.start,
        "months": settings.months,
        "session_minutes": settings.session_minutes,
        "language": settings.language,
    }
    for key, value in values.items():
        if value is not None:
            document[key] = value
    months = int(document["months"])
    if months != len(document.get("topics", [])):
        document["topics"] = _plan(list(document.get("topics", [])), months, settings.language)
    return tomlkit.dumps(document)


def _plan(topics: list[Any], months: int, language: str) -> Any:
    """Return a topic plan of `months` months: the starter's topics, extras, the retrospective last."""
    import tomlkit  # noqa: PLC0415 (kept out of start-up)

    extras = tomllib.loads((starters_root() / "extra-topics.toml").read_text(encoding="utf-8"))
    pool = [*topics[:-1], *extras.get(language, extras["en"])]
    chosen = pool[: months - 1] if months > 1 else topics[:1]
    while len(chosen) < months - 1:
        chosen.append(pool[len(chosen) % len(pool)])
    if months > 1:
        chosen.append(topics[-1])
    plan = tomlkit.aot()
    for month, topic in enumerate(chosen, start=1):
        table = tomlkit.table()
        table["month"] = month
        for key in ("title", "area", "tags", "prompts", "teacher"):
            if key in topic:
                table[key] = topic[key]
        plan.append(table)
    return plan


# Files that only a program under way has: init never replaces a program that has them.
LIVE_FILES = (MATCHES_FILE, SESSIONS_FILE, CHECKINS_FILE, FEEDBACK_FILE, ERASURES_FILE)
# The program.toml keys `init` sets from a flag, and the flag that sets each.
FLAG_OF_KEY = {
    "name": "--name",
    "format": "--format",
    "start": "--start",
    "months": "--months",
    "session_minutes": "--session-minutes",
    "language": "--language",
}


def starter_format(starter: str) -> str:
    """Return the format a starter's program.toml sets."""
    text = _starter_file(starter, "program.toml", "en").read_text(encoding="utf-8")
    return str(tomllib.loads(text)["format"])


def changes_of(old: str, new: str) -> list[tuple[str, object, object]]:
    """Return the top-level values of program.toml that differ: (key, old, new)."""
    before, after = tomllib.loads(old), tomllib.loads(new)
    keys = [k for k in after if not isinstance(after[k], dict | list)]
    keys += [k for k in before if k not in after and not isinstance(before[k], dict | list)]
    changed = [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
    if before.get("topics") != after.get("topics"):
        changed.append(("topics", len(before.get("topics", [])), len(after.get("topics", []))))
    return changed


def create_program(*, target: Path, settings: Settings, force: bool) -> list[Path]:
    """Write program.toml and roster.toml into `target`; refuse to overwrite without force."""
    if settings.format is not None and settings.format not in FORMATS:
        raise InputError(
            "--format: " + say("expected one of {choices}", choices=", ".join(FORMATS))
        )
    program_path = target / PROGRAM_FILE
    if program_path.exists():
        live = [name for name in LIVE_FILES if (target / name).exists()]
        if live:
            raise InputError(
                say(
                    "{folder}: a program under way is here ({files}); init never replaces it",
                    folder=f"{target.resolve().name}/",
                    files=", ".join(live),
                ),
                hint=say("start a new program in another folder, or edit program.toml by hand"),
            )
        if not force:
            raise InputError(
                say("{file}: a program exists here already", file=program_path),
                hint=say(
                    "use --force to replace program.toml (the roster is kept), "
                    "or start the new program in another folder"
                ),
            )
    text = render_program(settings)
    try:
        Program.model_validate(tomllib.loads(text))
    except ValidationError as exc:
        found = problems_of(exc, model=Program, text=text, file=str(program_path))
        # The file is not written: name the flag that gave the value, else the starter.
        raise ProblemsError(
            [
                Problem(file=FLAG_OF_KEY[p.key], message=p.message)
                if p.key in FLAG_OF_KEY
                else Problem(
                    file=say("starter {starter}", starter=settings.starter),
                    message=p.message,
                    key=p.key,
                )
                for p in found
            ]
        ) from None
    make_private_dir(target)
    written = [program_path]
    write_text(program_path, text, private=False)
    roster_path = target / ROSTER_FILE
    if not roster_path.exists():  # a re-init never throws people away
        roster = _starter_file(settings.starter, "roster.toml", settings.language).read_text(
            encoding="utf-8"
        )
        write_text(roster_path, roster, private=True)
        written.append(roster_path)
    written.extend(write_kit(target, language=settings.language))
    return written


def write_kit(target: Path, *, language: str) -> list[Path]:
    """Write the kit's texts in the program's language; files the organiser has are kept.

    The kit covers the guide's first two steps: winning leadership (an invitation,
    not an order) and calling for volunteers on both sides, with a sign-up sheet
    whose columns `rmcli roster import` reads. A sign-up sheet holds personal data,
    so the folder is private.
    """
    shipped = shipped_root() / "kit"
    source = shipped / language if (shipped / language).is_dir() else shipped / "en"
    folder = target / KIT_DIR
    make_private_dir(folder)
    written = []
    for path in sorted(source.iterdir()):
        destination = folder / path.name
        if path.is_file() and not destination.exists():
            write_text(destination, path.read_text(encoding="utf-8"), private=True)
            written.append(destination)
    return written
