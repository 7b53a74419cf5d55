"""A question asked in an 80-column terminal is shown whole, in English and in German.

prompt_toolkit cuts every line of a prompt but its last at the terminal's edge, so a rating
question with its topic on a second line lost its scale ("... könnte es unterrichte"), and
it breaks a long last line inside a word. Here the real `rmcli feedback` runs in a
pseudo-terminal of 80 columns, a terminal emulator (pyte) draws what it writes, and every
question of the survey must be readable on that screen, word by word.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyte
import pytest

from rmcli.cli.ask import fit
from rmcli.feedback.collect import questions_for
from rmcli.folder import load
from rmcli.models.feedback import Survey
from rmcli.models.roster import Person
from running_helpers import logged, write_matches

COLUMNS, ROWS = 80, 24
PATIENCE = 120.0  # seconds before a stuck prompt fails the test with the screen it shows


class Terminal:
    """rmcli in a pseudo-terminal of COLUMNS x ROWS, drawn by a terminal emulator."""

    def __init__(self, arguments: list[str], language: str) -> None:
        self.screen = pyte.HistoryScreen(COLUMNS, ROWS, history=500)
        self.stream = pyte.ByteStream(self.screen)
        self.leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in {"CI", "COLUMNS", "LINES"}}
        env.update(TERM="xterm-256color", RMCLI_LANGUAGE=language)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rmcli", *arguments],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            start_new_session=True,
        )
        os.close(follower)
        # The emulator answers prompt_toolkit's question where the cursor is, as a terminal does.
        self.screen.write_process_input = lambda reply: os.write(self.leader, reply.encode())
        self.ended = False

    def read(self, seconds: float) -> None:
        """Draw what rmcli writes within `seconds`; note when it has ended."""
        ready, _, _ = select.select([self.leader], [], [], seconds)
        if not ready:
            return
        try:
            chunk = os.read(self.leader, 65536)
        except OSError:  # the terminal closes when the process ends
            chunk = b""
        if chunk:
            self.stream.feed(chunk)
        else:
            self.ended = True

    def lines(self) -> list[str]:
        """Return every line drawn so far: those scrolled off the top, then the screen."""
        scrolled = [
            "".join(line[x].data for x in range(COLUMNS)) for line in self.screen.history.top
        ]
        return [line.rstrip() for line in [*scrolled, *self.screen.display]]

    def asked(self) -> int:
        """Return how many questions have been drawn (each begins with questionary's "?")."""
        return sum(line.startswith("? ") for line in self.lines())

    def answer_all(self, typed: dict[int, str] | None = None) -> None:
        """Answer each question as it appears until rmcli ends.

        `typed` gives the text typed at the n-th question drawn (from 1, replacing what
        the prompt offers); every other question is answered with Enter (its default).
        """
        pressed = 0
        give_up = time.monotonic() + PATIENCE
        while not self.ended:
            assert time.monotonic() < give_up, "\n".join(self.lines())
            self.read(0.2)
            if self.asked() > pressed:
                pressed += 1
                keys = "\x15" + typed[pressed] if typed and pressed in typed else ""  # Ctrl-U
                os.write(self.leader, (keys + "\r").encode())
        self.process.wait(timeout=PATIENCE)
        os.close(self.leader)


def words(text: str) -> str:
    """Return the text as words separated by single spaces."""
    return " ".join(text.split())


def longest_question(folder: Path, language: str) -> tuple[Survey, Person, str]:
    """Return a survey, a person it asks, and the longest question it asks them."""
    snapshot = load(folder)
    asked = [
        (len(question.text(language)), survey.id, person.id, question.text(language))
        for survey in snapshot.surveys.surveys
        for person in snapshot.roster.people
        for question in questions_for(survey=survey, person=person)
    ]
    _, survey_id, person_id, text = max(asked)
    survey = snapshot.surveys.get(survey_id)
    person = snapshot.roster.get(person_id)
    assert survey is not None and person is not None
    return survey, person, text


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_survey_question_is_whole_at_80_columns(example: Path, language: str) -> None:
    """The survey holding the longest question is asked; each question reads whole on screen."""
    program = example / "program.toml"
    text = program.read_text(encoding="utf-8")
    program.write_text(
        re.sub(r'^language = "en"', f'language = "{language}"', text, count=1, flags=re.M),
        encoding="utf-8",
    )
    survey, person, longest = longest_question(example, language)
    questions = [q.text(language) for q in questions_for(survey=survey, person=person)]
    too_wide = [q for q in questions if len("? " + q) > COLUMNS]
    assert too_wide, "no question is wider than the terminal: the test would prove nothing"
    asking = ["feedback", "--person", person.id, "--survey", survey.id, "--as-of", "2027-07-12"]
    terminal = Terminal(["-p", str(example), *asking], language)
    terminal.answer_all()
    screen = terminal.lines()
    assert terminal.process.returncode == 0, "\n".join(screen)
    shown = words(" ".join(screen))
    missing = [q for q in questions if words(q) not in shown]
    assert not missing, "\n".join([*missing, "--- the screen:", *screen])
    assert words(longest) in shown


@pytest.mark.slow
def test_a_reason_longer_than_a_line_is_shown_whole_and_asked_again(
    example: Path, cli: Callable[..., Any]
) -> None:
    """prompt_toolkit shows a typed answer's reason on one line, cut; a long one is said whole."""
    write_matches(example)
    when = ["--match", "p-lena", "--as-of", "2027-01-20"]
    refused = cli(
        "-p",
        str(example),
        "log",
        *when,
        "--date",
        "2027-02-16",
        "--yes",
        env={"RMCLI_LANGUAGE": "de", "COLUMNS": "1000"},
    )
    assert refused.exit_code == 2
    reason = refused.stderr.splitlines()[0].removeprefix("Fehler: ")
    assert len("? " + reason) > COLUMNS, "the reason fits a line: the test would prove nothing"
    terminal = Terminal(["-p", str(example), "log", *when], "de")
    # 1: what happened (held); 2: the date, after --as-of; 3: the date asked again
    terminal.answer_all({2: "2027-02-16", 3: "2027-01-12"})
    screen = terminal.lines()
    assert terminal.process.returncode == 0, "\n".join(screen)
    assert words(reason) in words(" ".join(screen)), "\n".join(screen)
    assert [r.date for r in logged(example)] == [dt.date(2027, 1, 12)]


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_fit_keeps_every_word_and_each_line_inside_the_terminal(columns: int) -> None:
    """Each line of a fitted question, after questionary's "? ", fits; no word is lost."""
    question = (
        "Ist eine Idee aus euren Sessions bei jemandem angekommen, der darüber entschieden "
        "hat (umgesetzt, eingeplant oder abgelehnt)?\n  developer-experience"
    )
    first, *rest = fit(question, columns=columns).splitlines()
    assert len("? " + first) <= columns and all(len(line) <= columns for line in rest)
    assert all(line.startswith("  ") for line in rest)
    fitted = "\n".join([first, *rest])
    assert words(fitted) == words(question)
    assert fitted.splitlines()[-1] == "  developer-experience"
