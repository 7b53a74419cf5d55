"""Past partners: pairs from earlier cohorts' matches files named in program.toml."""

from __future__ import annotations

from pathlib import Path

from rmcli.errors import Problem, ProblemsError
from rmcli.folder import PROGRAM_FILE
from rmcli.io.toml import key_name, locate, read_model
from rmcli.matching.rules import pair_key
from rmcli.models import MatchesFile
from rmcli.words import say


def past_pairs(folder: Path, files: list[str]) -> set[frozenset[str]]:
    """Return every two people who shared a match in one of the history files."""
    pairs: set[frozenset[str]] = set()
    for index, name in enumerate(files):
        path = folder / name
        if not path.is_file():
            raise ProblemsError(
                [_missing(folder, index)],
                hint=say("name earlier cohorts' matches.toml files relative to the program folder"),
            )
        found, problems = read_model(MatchesFile, path, file=str(path))
        if found is None or problems:
            raise ProblemsError(problems or [])
        for match in found.matches:
            people = match.people
            pairs.update(pair_key(a, b) for i, a in enumerate(people) for b in people[i + 1 :])
    return pairs


def _missing(folder: Path, index: int) -> Problem:
    """Return the problem of a history entry that names no file, at its line in program.toml."""
    where = ("matching", "history", index)
    file = folder / PROGRAM_FILE
    try:
        line = locate(file.read_text(encoding="utf-8"), where)
    except (OSError, UnicodeDecodeError):
        line = None
    return Problem(str(file), say("no such file"), key_name(where), line)
