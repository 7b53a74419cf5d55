"""Helpers for the trust tests: run rmcli in a subprocess, fill a program with records, snapshot files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import tomli_w

EXAMPLE = Path(__file__).resolve().parent.parent / "programs" / "tech-six-months"
DATA_FILES = (
    "roster.toml",
    "matches.toml",
    "sessions.toml",
    "checkins.toml",
    "feedback.toml",
    "erasures.toml",
)
SECRET_NOTE = "Jonas told me in confidence about the reorg"


def env(**extra: str) -> dict[str, str]:
    """Return an environment for a subprocess rmcli without colours or terminal questions."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("RMCLI_")}
    base.update({"NO_COLOR": "1", "RMCLI_LOCK_TIMEOUT": "20", **extra})
    return base


def start(folder: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    """Start `python -m rmcli -p folder ARGS` with pipes for its output."""
    return subprocess.Popen(
        [sys.executable, "-m", "rmcli", "-p", str(folder), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env(**extra),
        # A suite started in the background (`pytest &`) has SIGINT ignored, and a child
        # inherits that: Ctrl-C is then not Ctrl-C. Each command starts as from a terminal.
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(folder: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run rmcli to the end in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "rmcli", "-p", str(folder), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env(**extra),
        timeout=120,
        check=False,
    )


def stop_at_pause(proc: subprocess.Popen[str], *, nth: int, sig: int = signal.SIGKILL) -> list[str]:
    """Wait for the nth write pause announced on stderr, send `sig`, and return the pauses seen."""
    assert proc.stderr is not None
    seen: list[str] = []
    while len(seen) < nth:
        line = proc.stderr.readline()
        if not line:
            break  # the command ended before reaching that many pauses
        if line.startswith("rmcli-test-pause "):
            seen.append(line.split(" ", 1)[1].strip())
    if proc.poll() is None:
        proc.send_signal(sig)
    proc.wait(timeout=60)
    return seen


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Return the bytes of every data file (None when absent)."""
    return {
        name: (folder / name).read_bytes() if (folder / name).exists() else None
        for name in DATA_FILES
    }


def temps(folder: Path) -> list[Path]:
    """Return the temporary files of unfinished writes in a folder."""
    return sorted(folder.rglob(".*.tmp"))


def add_records(folder: Path) -> None:
    """Give the example program sessions, check-ins, feedback and a report about jonas and others."""
    sessions = {
        "sessions": [
            {
                "match": "jonas-thomas",
                "number": 1,
                "date": _d(2027, 1, 12),
                "minutes": 60,
                "note": SECRET_NOTE,
            },
            {"match": "jonas-thomas", "number": 2, "date": _d(2027, 2, 9), "minutes": 60},
            {
                "match": "lena-helga",
                "number": 1,
                "date": _d(2027, 1, 12),
                "minutes": 45,
                "led_by": "lena",
            },
        ]
    }
    checkins = {
        "checkins": [
            {"person": "jonas", "date": _d(2027, 2, 1), "score": 2, "text": SECRET_NOTE},
            {"person": "thomas", "date": _d(2027, 2, 1), "score": 4},
            {"person": "lena", "date": _d(2027, 2, 1), "score": 5},
        ]
    }
    feedback = {
        "answers": [
            {
                "person": "jonas",
                "survey": "final",
                "answered": _d(2027, 7, 1),
                "satisfaction": 3,
                "worked": SECRET_NOTE,
            },
            {"person": "lena", "survey": "final", "answered": _d(2027, 7, 1), "satisfaction": 5},
        ]
    }
    for name, data in (
        ("sessions.toml", sessions),
        ("checkins.toml", checkins),
        ("feedback.toml", feedback),
    ):
        (folder / name).write_text(tomli_w.dumps(data), encoding="utf-8")
    agendas = folder / "reports" / "agendas"
    agendas.mkdir(parents=True)
    (agendas / "jonas-thomas-1.md").write_text("# Session 1\n", encoding="utf-8")
    (agendas / "lena-helga-1.md").write_text("# Session 1 of Lena and Helga\n", encoding="utf-8")
    (folder / "reports" / "summary.md").write_text(
        "Jonas Weber led two sessions.\n", encoding="utf-8"
    )


def parses(folder: Path) -> None:
    """Assert that every data file present is valid TOML."""
    for name in DATA_FILES:
        path = folder / name
        if path.exists():
            tomllib.loads(path.read_text(encoding="utf-8"))


def _d(year: int, month: int, day: int) -> object:
    import datetime as dt

    return dt.date(year, month, day)
