"""docs/running.md stays true: its flag codes and options are the ones the commands have."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from rmcli.cli import app
from rmcli.models.checkins import CHALLENGES
from rmcli.status import FLAG_CODES

DOC = Path(__file__).resolve().parent.parent / "docs" / "running.md"


def _options(command: object) -> set[str]:
    found: set[str] = set()
    for param in command.params:  # type: ignore[attr-defined]
        found.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
    for sub in getattr(command, "commands", {}).values():
        found |= _options(sub)
    return found


def test_flag_table_lists_exactly_the_stable_codes() -> None:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("### Flags") : text.index("### Successes")]
    codes = re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE)
    assert codes == list(FLAG_CODES)


def test_documented_options_exist() -> None:
    root = typer.main.get_command(app)
    known: set[str] = set()
    for name in ("log", "checkin", "status"):
        known |= _options(root.get_command(typer.Context(root), name))  # type: ignore[attr-defined]
    documented = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", DOC.read_text(encoding="utf-8")))
    assert documented - known == set()
    assert {"--match", "--replace", "--show", "--as-of", "--wants-help", "--json"} <= documented


def test_documented_challenge_codes_are_the_models() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in CHALLENGES:
        assert f"`{code}`" in text
