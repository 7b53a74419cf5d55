"""README's "A program from start to end", run as written through the installed `rmcli`.

Each command of the README's block runs in a temporary folder as a process, without a
terminal, in the README's order; the test checks its exit code and the files it leaves.
The sheets the README names (people.csv, final-survey.csv) are the organiser's own: the
test writes small ones. The program's clock is played with RMCLI_AS_OF, the environment
form of --as-of, so that sessions can be held and surveys answered.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from feedback_helpers import COLUMNS, csv_text

pytestmark = pytest.mark.slow

README = ROOT / "README.md"

PEOPLE = """id,name,role,department,manager,volunteer,expertise,interests,timezone
ana,Ana Lopez,junior,Platform,dora,yes,ai-tools;testing,architecture,Europe/Berlin
ben,Ben Okafor,junior,Data,helga,yes,remote-work,testing,Europe/Berlin
helga,Helga Sommer,senior,Finance,,yes,architecture,ai-tools;testing,Europe/Berlin
dora,Dora Weiss,senior,Platform,,yes,testing,remote-work,Europe/Berlin
"""


def final_survey() -> str:
    """Return a final-survey sheet answered by all four participants."""
    rows = []
    for person in ("ana", "ben", "helga", "dora"):
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            person=person,
            survey="final",
            satisfaction="4",
            relationship="yes",
            **{"continue": "yes"},
            worked="Meeting every month",
            answered="2027-07-05",
        )
        rows.append(row)
    return csv_text(rows)


def readme_commands() -> list[list[str]]:
    """Return the commands of the README's walk-through, comments dropped."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## A program from start to end", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the walk-through is a ```sh block"
    return [shlex.split(line, comments=True) for line in block.group(1).splitlines() if line]


def rmcli_program() -> str:
    """Return the installed `rmcli` entry point of this environment."""
    found = Path(sys.executable).with_name("rmcli")
    assert found.is_file(), "rmcli is installed next to the interpreter (pip install -e .)"
    return str(found)


# What each step leaves, and the day the program's clock shows when it runs.
EXPECTED: dict[str, tuple[int, str | None]] = {
    "init": (0, None),
    "roster import": (0, None),
    "validate": (0, None),
    "match": (0, None),
    "match --write": (0, None),
    "schedule": (0, None),
    "announce": (0, "2027-01-04"),
    "agenda": (0, None),
    "log": (0, "2027-01-20"),
    "checkin": (0, "2027-02-01"),
    "status": (1, "2027-03-01"),  # a match has not met in February: it needs the organiser
    "feedback import": (0, "2027-07-05"),
    "evaluate": (0, "2027-07-15"),
}


def step_of(words: list[str]) -> str:
    """Return the EXPECTED key of a command line."""
    if words[1:3] == ["match", "--write"]:
        return "match --write"
    if words[1] in ("roster", "feedback"):
        return f"{words[1]} {words[2]}"
    return words[1]


def test_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    (tmp_path / "acme-2027").mkdir()
    (tmp_path / "acme-2027" / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "acme-2027" / "final-survey.csv").write_text(final_survey(), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RMCLI_")}
    env.update(RMCLI_LANGUAGE="en", COLUMNS="80")
    here = tmp_path
    program = tmp_path / "acme-2027"
    ran: list[str] = []
    for words in readme_commands():
        if words[0] == "cd":
            here = here / words[1]
            continue
        assert words[0] == "rmcli", words
        step = step_of(words)
        code, day = EXPECTED[step]
        run_env = dict(env, **({"RMCLI_AS_OF": day} if day else {}))
        done = subprocess.run(
            [rmcli_program(), *words[1:]],
            cwd=here,
            env=run_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == code, (words, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        ran.append(step)
        check_files(step, program, done.stdout, done.stderr)
    assert ran == list(EXPECTED), "every step of the README ran, in order"


def check_files(step: str, program: Path, stdout: str, stderr: str) -> None:
    """Check what a step leaves in the program folder."""
    if step == "init":
        assert (program / "program.toml").is_file() and (program / "roster.toml").is_file()
    elif step == "roster import":
        people = tomllib.loads((program / "roster.toml").read_text(encoding="utf-8"))["people"]
        assert [p["id"] for p in people] == ["ana", "ben", "helga", "dora"]
    elif step == "match":
        assert not (program / "matches.toml").exists()
        assert "rmcli match --write" in stderr
    elif step == "match --write":
        matches = tomllib.loads((program / "matches.toml").read_text(encoding="utf-8"))
        assert "ana-helga" in {m["id"] for m in matches["matches"]}  # the README logs it
    elif step == "schedule":
        assert (program / "sessions.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    elif step == "announce":
        assert len(list((program / "outbox").iterdir())) == 4  # one for each person
    elif step == "agenda":
        assert len(list((program / "reports" / "agendas").iterdir())) == 2  # one per match
    elif step == "log":
        sessions = tomllib.loads((program / "sessions.toml").read_text(encoding="utf-8"))
        assert [(s["match"], s["number"]) for s in sessions["sessions"]] == [("ana-helga", 1)]
    elif step == "checkin":
        assert (program / "checkins.toml").is_file()
    elif step == "status":
        assert "ben-dora" in stdout
        assert "ben-dora" in (program / "reports" / "status.html").read_text(encoding="utf-8")
    elif step == "feedback import":
        answers = tomllib.loads((program / "feedback.toml").read_text(encoding="utf-8"))
        assert len(answers["answers"]) == 4
    elif step == "evaluate":
        assert (program / "reports" / "evaluation.md").is_file()
        assert (program / "reports" / "evaluation.html").is_file()
