"""A program snapshot reads each file once, and only the files a command asks for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rmcli.errors import ProblemsError
from rmcli.folder import PROGRAM_FILE, ROSTER_FILE, load


@pytest.fixture
def parsed(monkeypatch) -> Counter[str]:
    """Count the TOML parses per file name."""
    from rmcli.io import toml

    counts: Counter[str] = Counter()
    parse = toml.parse

    def counting(text: str, *, file: str):
        counts[Path(file).name] += 1
        return parse(text, file=file)

    monkeypatch.setattr(toml, "parse", counting)
    return counts


def test_only_the_files_asked_for_are_read(example: Path, parsed: Counter[str]):
    snapshot = load(example)
    assert snapshot.program.name
    assert parsed == Counter({PROGRAM_FILE: 1})
    assert snapshot.roster.people
    assert snapshot.program is snapshot.program
    assert parsed == Counter({PROGRAM_FILE: 1, ROSTER_FILE: 1})


def test_strict_access_raises_what_the_file_read_reports(example: Path, parsed: Counter[str]):
    (example / ROSTER_FILE).write_text("[[people]]\nid = 5\n", encoding="utf-8")
    snapshot = load(example)
    read = snapshot.roster_file
    assert read.loaded is None and read.problems
    with pytest.raises(ProblemsError) as raised:
        snapshot.roster  # noqa: B018
    assert raised.value.problems == read.problems
    assert parsed[ROSTER_FILE] == 1


def test_an_absent_optional_file_is_an_empty_model(example: Path):
    snapshot = load(example)
    assert not (example / "sessions.toml").exists()
    assert snapshot.sessions.sessions == [] and snapshot.sessions_file.problems == []


def test_a_second_load_keeps_the_models_of_files_unchanged_since(example: Path):
    first = load(example)
    program, roster = first.program, first.roster_file.strict().model
    text = (example / ROSTER_FILE).read_text(encoding="utf-8")
    (example / ROSTER_FILE).write_text(text.replace("[[people]]", "# moved\n[[people]]", 1))
    again = load(example, after=first)
    assert again.program is program  # the same bytes: not parsed or checked again
    assert again.roster_file.strict().model is not roster  # new bytes: read again
    assert again.roster_file.strict().model == roster


def test_a_second_load_reads_what_changed_and_what_did_not_load(example: Path):
    (example / ROSTER_FILE).write_text("[[people]]\nid = 5\n", encoding="utf-8")
    first = load(example)
    assert first.roster_file.problems
    program = first.program
    (example / PROGRAM_FILE).write_text(
        (example / PROGRAM_FILE)
        .read_text(encoding="utf-8")
        .replace("confidential = true", "confidential = false")
    )
    again = load(example, after=first)
    assert again.program is not program
    assert program.confidential and not again.program.confidential
    assert again.roster_file.problems == first.roster_file.problems
    assert again.roster_file is not first.roster_file  # a file that did not load is read again
