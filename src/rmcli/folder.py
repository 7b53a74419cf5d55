"""Find a program folder, load its files into models and write them back safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.io.atomic import write_text
from rmcli.io.toml import read_model_text
from rmcli.models import MatchesFile, Program, Roster, SessionsFile

M = TypeVar("M", bound=BaseModel)

PROGRAM_FILE = "program.toml"
ROSTER_FILE = "roster.toml"
MATCHES_FILE = "matches.toml"
SESSIONS_FILE = "sessions.toml"
REPORTS_DIR = "reports"
GENERATED_HEADER = (
    "# Written by rmcli; rmcli rewrites this file whole, so keep hand edits to values.\n"
)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A model with the text it came from, for locating keys in later checks."""

    model: M
    text: str
    file: str


def find_program(explicit: Path | None, *, cwd: Path | None = None) -> Path:
    """Return the program folder: the one named, the current one, or the only one in programs/."""
    here = cwd or Path.cwd()
    if explicit is not None:
        folder = explicit if explicit.is_absolute() else here / explicit
        if not (folder / PROGRAM_FILE).is_file():
            raise InputError(
                f"{explicit}: no {PROGRAM_FILE} there",
                hint="create a program with `rmcli init DIR`, or name another folder with -p",
            )
        return folder if cwd is not None else explicit
    if (here / PROGRAM_FILE).is_file():
        return Path()
    candidates = sorted(p.parent for p in (here / "programs").glob(f"*/{PROGRAM_FILE}"))
    if len(candidates) == 1:
        return candidates[0].relative_to(here)
    if candidates:
        names = ", ".join(str(c.relative_to(here)) for c in candidates)
        raise InputError(f"several programs here ({names}); choose one with -p DIR")
    raise InputError(
        f"no {PROGRAM_FILE} in this folder or under ./programs/",
        hint="create one with `rmcli init DIR`, or name it with -p DIR or RMCLI_PROGRAM",
    )


def load_file(
    folder: Path, name: str, model: type[M], *, missing_ok: bool = False
) -> tuple[Loaded[M] | None, list[Problem]]:
    """Read one file of a program folder once: the model with its text, and any problems."""
    path = folder / name
    file = str(path)
    found, problems, text = read_model_text(model, path, file=file, missing_ok=missing_ok)
    return (None if found is None else Loaded(model=found, text=text, file=file)), problems


def read_file(folder: Path, name: str, model: type[M], *, missing_ok: bool = False) -> Loaded[M]:
    """Load one file of a program folder, raising every problem found in it."""
    loaded, problems = load_file(folder, name, model, missing_ok=missing_ok)
    if loaded is None or problems:
        file = str(folder / name)
        raise ProblemsError(problems or [Problem(file=file, message="cannot be loaded")])
    return loaded


def load_program(folder: Path) -> Program:
    """Return the program.toml of a folder."""
    return read_file(folder, PROGRAM_FILE, Program).model


def load_roster(folder: Path) -> Roster:
    """Return the roster.toml of a folder (an absent roster is an error)."""
    return read_file(folder, ROSTER_FILE, Roster).model


def load_matches(folder: Path) -> MatchesFile:
    """Return matches.toml, or no matches when it does not exist yet."""
    return read_file(folder, MATCHES_FILE, MatchesFile, missing_ok=True).model


def load_sessions(folder: Path) -> SessionsFile:
    """Return sessions.toml, or no sessions when none is logged yet."""
    return read_file(folder, SESSIONS_FILE, SessionsFile, missing_ok=True).model


def dump_owned(model: BaseModel) -> str:
    """Return the TOML text of a file that rmcli owns, with its generated-file header."""
    import tomli_w  # noqa: PLC0415 (kept out of start-up)

    data: dict[str, Any] = model.model_dump(mode="python", exclude_none=True)
    return GENERATED_HEADER + tomli_w.dumps(data)


def write_owned(folder: Path, name: str, model: BaseModel, *, private: bool = True) -> Path:
    """Write a file that rmcli owns whole (matches, sessions, feedback ...)."""
    path = folder / name
    write_text(path, dump_owned(model), private=private)
    return path
