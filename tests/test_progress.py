"""Progress of long work: on a terminal's stderr it shows, piped or in CI it never does."""

from __future__ import annotations

import csv
import datetime as dt
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rmcli.folder import load
from rmcli.forget import forget
from rmcli.running.checkin import checkins_from_csv
from rmcli.schedule.agenda import agenda_environment, render_agendas
from rmcli.schedule.plan import plan_sessions
from year_helpers import write_year

PAIRS = 80
SHEET_ROWS = 100


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a program with an agenda to write for every match."""
    return write_year(tmp_path_factory.mktemp("progress") / "year", pairs=PAIRS, held=11)


def environment() -> dict[str, str]:
    """Return the environment of a terminal session outside CI."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS="100", RMCLI_LANGUAGE="en")
    return env


def on_terminal(args: list[str], *, timeout: float = 120) -> tuple[int, bytes]:
    """Run rmcli with stderr on a pseudo-terminal; return its exit code and what it drew there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "rmcli", *args],
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
    process.communicate(timeout=timeout)
    os.close(leader)
    return process.returncode, seen


def piped(args: list[str]) -> bytes:
    """Run rmcli with stderr on a pipe; return what it wrote there."""
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", *args], capture_output=True, env=environment(), check=True
    )
    return done.stderr


def copy_of(year: Path, tmp_path: Path) -> Path:
    """Return a copy of the program that a command may change."""
    return Path(shutil.copytree(year, tmp_path / "program"))


def sheet(folder: Path) -> Path:
    """Write a CSV of SHEET_ROWS new people into the program folder and return it."""
    path = folder / "new-people.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "role", "department", "interests"])
        for i in range(SHEET_ROWS):
            role = ("junior", "senior")[i % 2]
            writer.writerow(
                [f"n{i:04d}", f"New Person{i}", f"n{i:04d}@example.com", role, "Sales", "topic-01"]
            )
    return path


@pytest.mark.slow
def test_a_terminal_sees_the_progress(year: Path) -> None:
    """`agenda --all` with stderr on a pseudo-terminal draws its phases there."""
    code, seen = on_terminal(["-p", str(year), "agenda", "--all"])
    assert code == 0
    assert b"agenda files" in seen and f"{PAIRS}/{PAIRS}".encode() in seen


@pytest.mark.slow
def test_piped_output_holds_no_progress(year: Path) -> None:
    """The same command with stderr on a pipe writes only its notes."""
    stderr = piped(["-p", str(year), "agenda", "--all"])
    lines = stderr.decode().splitlines()
    assert len(lines) == PAIRS and all(line.startswith("wrote ") for line in lines)
    assert b"\r" not in stderr and b"\x1b" not in stderr


def test_a_terminal_sees_an_import_and_a_forget_progress(year: Path, tmp_path: Path) -> None:
    """`roster import` and `forget` draw their phases on a terminal, up to each total."""
    folder = copy_of(year, tmp_path)
    code, seen = on_terminal(["-p", str(folder), "roster", "import", str(sheet(folder))])
    assert code == 0
    assert b"sheet rows checked" in seen and f"{SHEET_ROWS}/{SHEET_ROWS}".encode() in seen
    assert b"roster entries written" in seen
    code, seen = on_terminal(
        ["-p", str(folder), "forget", "j00005", "--yes", "--as-of", "2027-12-20"]
    )
    assert code == 0
    for phase in (b"program files planned without the person", b"files changed"):
        assert phase in seen
    assert b"files searched for mentions" in seen


def test_piped_import_and_forget_hold_no_progress(year: Path, tmp_path: Path) -> None:
    """The same import and forget with stderr on a pipe write their notes and no display."""
    folder = copy_of(year, tmp_path)
    imported = piped(["-p", str(folder), "roster", "import", str(sheet(folder))])
    forgot = piped(["-p", str(folder), "forget", "j00005", "--yes", "--as-of", "2027-12-20"])
    assert b"n0000" in imported and b"erasure recorded" in forgot  # their notes came through
    for stderr in (imported, forgot):
        assert b"\r" not in stderr and b"\x1b" not in stderr
        assert b"sheet rows checked" not in stderr and b"files changed" not in stderr


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


def test_the_core_of_forget_and_of_a_check_in_import_reports_up_to_each_total(
    year: Path, tmp_path: Path
) -> None:
    """`forget` ends each phase at its total; a check-in import counts every sheet row."""
    folder = copy_of(year, tmp_path)
    path = folder / "answers.csv"
    rows = [f"{role}{i:05d},2027-03-16,4" for i in range(PAIRS) for role in "sj"]
    path.write_text("person,date,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    snapshot = load(folder)
    told: list[tuple[str, int, int | None]] = []
    answers = checkins_from_csv(
        path, program=snapshot.program, roster=snapshot.roster, progress=lambda *s: told.append(s)
    )
    assert len(answers) == len(rows)
    assert told[-1] == ("sheet rows checked", len(rows), len(rows))
    told.clear()
    forget(
        folder=folder,
        person_id="j00003",
        today=dt.date(2027, 12, 20),
        progress=lambda *s: told.append(s),
    )
    last = {phase: (done, total) for phase, done, total in told}
    assert set(last) == {
        "program files read",
        "program files planned without the person",
        "reports and calendars looked through",
        "files changed",
        "files searched for mentions",
    }
    assert all(done == total for done, total in last.values())


@pytest.mark.slow
def test_a_terminal_sees_the_group_matching_progress(tmp_path: Path) -> None:
    """`match` in the group format, stderr on a pseudo-terminal, draws the bound's steps;
    with stderr piped it draws nothing."""
    folder = tmp_path / "groups"
    folder.mkdir()
    (folder / "program.toml").write_text(
        'name = "g"\nstart = 2027-01-04\nformat = "group"\n\n[matching]\n'
        "juniors_per_group = [3, 4]\nseniors_per_group = [2, 2]\n"
    )
    people = [
        f'[[people]]\nid = "{role[0]}{i}"\nname = "{role} {i}"\nrole = "{role}"\n'
        f'volunteer = true\nlanguages = ["en"]\ninterests = ["t{i % 7}"]\nexpertise = ["t{i % 5}"]\n'
        for role, count in (("junior", 70), ("senior", 40))
        for i in range(count)
    ]
    (folder / "roster.toml").write_text("\n".join(people))
    code, seen = on_terminal(["-p", str(folder), "match"], timeout=300)
    command = [sys.executable, "-m", "rmcli", "-p", str(folder), "match"]
    assert code == 0
    assert b"upper bound steps" in seen
    piped = subprocess.run(command, capture_output=True, env=environment(), check=True)
    assert b"upper bound steps" not in piped.stderr and b"\r" not in piped.stderr
