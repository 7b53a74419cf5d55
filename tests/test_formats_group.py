"""Group format end to end: a moderated discussion with a turn for each junior, in en and de."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rmcli.folder import MATCHES_FILE, write_owned
from rmcli.models import Match, MatchesFile
from schedule_helpers import edit_program

Cli = Callable[..., Any]
NAMES = {"aylin": "Aylin Demir", "jonas": "Jonas Weber", "noah": "Noah Fischer"}


def _group(folder: Path, juniors: list[str], seniors: list[str], language: str = "en") -> None:
    edit_program(folder, format="group", language=language)
    match = Match(id="g1", juniors=juniors, seniors=seniors)
    write_owned(folder, MATCHES_FILE, MatchesFile(matches=[match]))


def _agenda(cli: Cli, folder: Path, match: str, number: int) -> str:
    args = ("-p", str(folder), "agenda", "--match", match, "--session", str(number), "--stdout")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _names(folder: Path) -> dict[str, str]:
    from rmcli.folder import load

    return {p.id: p.name for p in load(folder).roster.people}


@pytest.mark.parametrize("seniors", [["helga"], ["helga", "markus"]])
def test_group_agenda_is_a_moderated_discussion(example: Path, cli: Cli, seniors) -> None:
    juniors = ["aylin", "jonas", "noah"]
    _group(example, juniors, seniors)
    names = _names(example)
    text = _agenda(cli, example, "g1", 2)
    round_part = text[text.index("### The round") :]
    for i, person in enumerate(juniors, start=1):
        assert f"{i}. {names[person]} (about" in round_part
    assert "The shared question" in text and "Everyone discusses together:" in text
    # Session 2: the second junior moderates, the third one next time.
    assert f"**Moderation:** {names['jonas']}" in text
    assert f"{names['noah']} moderates next time." in text
    several = len(seniors) > 1
    assert ("The seniors add context" in text) is several
    assert ("The senior adds context" in text) is not several
    assert "you are both" not in text.lower() and "the junior shows" not in text.lower()


def test_group_agenda_in_german_for_one_and_several(example: Path, cli: Cli) -> None:
    _group(example, ["aylin", "jonas"], ["helga", "markus"], language="de")
    text = _agenda(cli, example, "g1", 3)
    assert "Die Seniors ergänzen Kontext" in text and "Die Runde" in text
    assert "beide" not in text.split("## Ablauf")[0]
    _group(example, ["aylin", "jonas", "noah"], ["helga"], language="de")
    text = _agenda(cli, example, "g1", 2)
    assert "Der Senior ergänzt Kontext" in text
    assert "Ihr interessiert euch beide" not in text


def test_cohort_names_the_moderator_and_counts_right(example: Path, cli: Cli) -> None:
    _group(example, ["aylin"], ["helga"])
    edit_program(example, organiser="Petra Novak")
    text = _agenda(cli, example, "cohort", 1)
    assert "**Moderation:** Petra Novak" in text
    assert "1 junior and 1 senior in 1 group" in text
