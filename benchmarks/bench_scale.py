"""Time `status` (table, --json, --all) and `evaluate` (table and --json) on a big program: python benchmarks/bench_scale.py [PEOPLE].

Builds a folder with PEOPLE people in pairs, a 6-month biweekly plan with every session due
logged, a check-in and a final answer from each, then runs each command in a subprocess as a
user would (start-up included) and prints the wall-clock and CPU seconds: first without the cache of
big files (`.rmcli-cache/`, as after any edit), then again with it. Where a child process keeps
the first run's cache entries after the command ended (`io/aside.hand_off`), the run again
starts once it has written them (`cache.settled`), and the CPU seconds are the command's own,
not the child's. The files are in tomli-w's
compact layout (a table a line); then `status` is timed again with sessions.toml as rmcli
itself writes it (`[[sessions]]` tables, every field), and last right after `log` has
rewritten sessions.toml.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli
import tomli_w

from rmcli.folder import SESSIONS_FILE, dump_owned
from rmcli.io import cache
from rmcli.models import MatchesFile, Program, SessionsFile
from rmcli.schedule.plan import plan_sessions

AS_OF = dt.date(2027, 8, 1)
# waits for a child keeping the cache entries; a tree from before them keeps them in the command
settled = getattr(cache, "settled", lambda folder: None)


def build(folder: Path, people: int) -> None:
    """Write program, roster, matches, sessions, check-ins and feedback for `people` people."""
    pairs = people // 2
    program = {
        "name": "scale",
        "start": dt.date(2027, 1, 11),
        "months": 6,
        "cadence": {"one_to_one": "biweekly"},
        "topics": [{"month": m, "title": f"Topic {m}", "area": "technology"} for m in range(1, 7)],
    }
    roster = [
        {"id": f"{r[0]}{i}", "name": f"{r.title()} {i}", "role": r, "department": f"dept-{i % 20}"}
        for i in range(pairs)
        for r in ("junior", "senior")
    ]
    matches = {
        "matches": [
            {"id": f"m{i}", "juniors": [f"j{i}"], "seniors": [f"s{i}"]} for i in range(pairs)
        ]
    }
    planned = plan_sessions(
        program=Program.model_validate(program), matches=MatchesFile.model_validate(matches)
    )
    sessions = [
        {"match": p.match, "number": p.number, "date": p.date, "minutes": 60}
        for p in planned
        if p.kind == "match" and p.date <= AS_OF
    ]
    checkins = [
        {"person": p["id"], "date": dt.date(2027, 3, 1), "score": 1 + i % 5}
        for i, p in enumerate(roster)
    ]
    answers = [
        {
            "person": p["id"],
            "survey": "final",
            "answered": dt.date(2027, 7, 1),
            "satisfaction": 1 + i % 5,
            "relationship": i % 3 != 0,
            "worked": f"answer {i}",
        }
        for i, p in enumerate(roster)
    ]
    for name, data in (
        ("program.toml", program),
        ("roster.toml", {"people": roster}),
        ("matches.toml", matches),
        ("sessions.toml", {"sessions": sessions}),
        ("checkins.toml", {"checkins": checkins}),
        ("feedback.toml", {"answers": answers}),
    ):
        (folder / name).write_text(tomli_w.dumps(data), encoding="utf-8")


def rewrite_as_rmcli(folder: Path) -> None:
    """Write sessions.toml as rmcli's `log` writes it: `[[sessions]]` tables of every field."""
    path = folder / SESSIONS_FILE
    sessions = SessionsFile.model_validate(tomli.loads(path.read_text(encoding="utf-8")))
    path.write_text(dump_owned(sessions), encoding="utf-8")


def timed(folder: Path, *args: str) -> tuple[float, float]:
    """Return the wall and CPU seconds of one rmcli command, start-up included.

    Exit 1 (flags to act on) is an answer too. CPU time (user + system of the process) is
    steadier than wall time on a shared machine.
    """
    began, used = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", "-p", str(folder), *args, "--as-of", AS_OF.isoformat()],
        check=False,
        capture_output=True,
        env={"NO_COLOR": "1", "COLUMNS": "120", "PATH": "", **_passed_on()},
    )
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return time.perf_counter() - began, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _passed_on() -> dict[str, str]:
    # PYTHONPATH lets the same script time another checkout of rmcli.
    return {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}


def main(people: int) -> None:
    """Build the program once and time each command."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "scale"
        folder.mkdir()
        build(folder, people)
        for args in (
            ("status",),
            ("status", "--json"),
            ("status", "--all"),
            ("evaluate",),
            ("evaluate", "--json"),
        ):
            cache.drop(folder)
            cold = timed(folder, *args)  # parses every file and keeps the big ones
            settled(folder)  # once a child, where one keeps them, has written them
            warm = timed(folder, *args)  # reads them from .rmcli-cache/
            print(
                f"{people} people: rmcli {' '.join(args):16} {_shown(cold)},"
                f" again (entries written) {_shown(warm)}"
            )
        rewrite_as_rmcli(folder)
        for args in (("status",), ("status", "--json")):
            cache.drop(folder)
            cold = timed(folder, *args)
            settled(folder)
            warm = timed(folder, *args)
            shown = f"{' '.join(args)} [[sessions]]"
            print(f"{people} people: rmcli {shown:28} {_shown(cold)}, again {_shown(warm)}")
        # logging a session rewrites sessions.toml: the next status must not plan again
        timed(folder, "status")
        settled(folder)
        timed(folder, "log", "-m", "m0", "--number", "12", "--note", "went well", "--replace", "-y")
        after = timed(folder, "status")
        print(f"{people} people: rmcli status right after a log {_shown(after)}")


def _shown(took: tuple[float, float]) -> str:
    return f"{took[0]:.2f} s ({took[1]:.2f} CPU)"


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
