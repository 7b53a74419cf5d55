"""Progress of long work: on a terminal's stderr it shows, piped or in CI it never does."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from rmcli.folder import load
from rmcli.schedule.agenda import agenda_environment, render_agendas
from rmcli.schedule.plan import plan_sessions
from year_helpers import write_year

PAIRS = 80


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a program with an agenda to write for every match."""
    return write_year(tmp_path_factory.mktemp("progress") / "year", pairs=PAIRS, held=11)


def environment() -> dict[str, str]:
    """Return the environment of a terminal session outside CI."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS="100", RMCLI_LANGUAGE="en")
    return env


@pytest.mark.slow
def test_a_terminal_sees_the_progress(year: Path) -> None:
    """`agenda --all` with stderr on a pseudo-terminal draws its phases there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "rmcli", "-p", str(year), "agenda", "--all"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=environment(),
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        seen += chunk
    process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    assert b"agenda files" in seen and f"{PAIRS}/{PAIRS}".encode() in seen


@pytest.mark.slow
def test_piped_output_holds_no_progress(year: Path) -> None:
    """The same command with stderr on a pipe writes only its notes."""
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", "-p", str(year), "agenda", "--all"],
        capture_output=True,
        env=environment(),
        check=True,
    )
    lines = done.stderr.decode().splitlines()
    assert len(lines) == PAIRS and all(line.startswith("wrote ") for line in lines)
    assert b"\r" not in done.stderr and b"\x1b" not in done.stderr


def test_the_core_reports_each_phase_up_to_its_total(year: Path) -> None:
    """Rendering agendas tells the progress how far it is, ending at the total."""
    snapshot = load(year)
    sessions = [
        s
        for s in plan_sessions(
            program=snapshot.program,
            matches=snapshot.matches,
            roster=snapshot.roster,
            log=snapshot.sessions,
        )
        if s.number == 1 and s.kind == "match"
    ]
    env = agenda_environment(program=snapshot.program, program_folder=year)
    told: list[tuple[str, int, int | None]] = []
    texts = render_agendas(
        env=env,
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=sessions,
        progress=lambda *step: told.append(step),
    )
    assert len(texts) == len(sessions) == PAIRS
    assert told[-1] == ("agendas", PAIRS, PAIRS)
    assert [done for _, done, _ in told] == sorted({*range(64, PAIRS + 1, 64), PAIRS})
