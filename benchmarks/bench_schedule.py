"""Time `rmcli schedule --ics` on a large program: python benchmarks/bench_schedule.py [MATCHES].

The program runs 12 months, monthly, with a quarterly cohort meeting; juniors mentor two
seniors each (capacity 2) and people work in four zones from Warsaw to New York, so
placement has to keep each junior's two sessions apart and find the hours zones share.
The command runs as a real process, loading the files and writing the calendar.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

from rmcli.folder import load
from rmcli.io.atomic import write_text
from rmcli.schedule.calendar import build_calendar, describe_sessions
from rmcli.schedule.plan import plan_schedule

ZONES = ["Europe/Berlin", "Europe/London", "Europe/Warsaw", "America/New_York"]


def write_program(folder: Path, matches: int) -> None:
    """Write program.toml, roster.toml and matches.toml for `matches` pairs."""
    rng = random.Random(14)
    juniors = (matches + 1) // 2
    program = {
        "name": "benchmark",
        "start": "2027-01-11",
        "months": 12,
        "organiser": {"name": "Benchmark office", "email": "office@example.com"},
        "calendar": {"weekday": "tuesday", "time": "10:00", "timezone": "Europe/Berlin"},
        "topics": [{"month": m, "title": f"Topic {m}", "prompts": ["What?"]} for m in range(1, 13)],
    }
    text = tomli_w.dumps(program).replace('start = "2027-01-11"', "start = 2027-01-11")
    (folder / "program.toml").write_text(text, encoding="utf-8")
    people = [
        {
            "id": f"j{i}",
            "name": f"Junior {i}",
            "email": f"j{i}@example.com",
            "role": "junior",
            "capacity": 2,
            "timezone": rng.choice(ZONES),
        }
        for i in range(juniors)
    ]
    people += [
        {
            "id": f"s{i}",
            "name": f"Senior {i}",
            "email": f"s{i}@example.com",
            "role": "senior",
            "timezone": rng.choice(ZONES),
        }
        for i in range(matches)
    ]
    (folder / "roster.toml").write_text(tomli_w.dumps({"people": people}), encoding="utf-8")
    pairs = [
        {"id": f"m{i}", "juniors": [f"j{i // 2}"], "seniors": [f"s{i}"]} for i in range(matches)
    ]
    (folder / "matches.toml").write_text(tomli_w.dumps({"matches": pairs}), encoding="utf-8")


def main(matches: int) -> None:
    """Write the program, then time `rmcli schedule --ics` as separate processes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_program(folder, matches)
        target = folder / "all.ics"
        command = [sys.executable, "-m", "rmcli", "-p", str(folder), "schedule", "--json"]
        command += ["--as-of", "2027-01-04", "--ics", str(target)]
        began = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        took = time.perf_counter() - began
        if done.returncode:
            sys.exit(done.stderr.decode())
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        events = target.read_bytes().count(b"BEGIN:VEVENT")
        # CPU time as well as the clock: on a shared machine the clock also counts waiting.
        print(
            f"{matches} matches, {events} events, no overlaps: {took:.2f} s wall, "
            f"{used.ru_utime + used.ru_stime:.2f} s CPU (whole command, JSON printed)"
        )
        for every in ([], ["--all"]):
            tables(folder, every)
        began, cpu = time.perf_counter(), time.process_time()
        calendar_only(folder)
        print(
            f"  load, place and write the calendar: {time.perf_counter() - began:.2f} s wall, "
            f"{time.process_time() - cpu:.2f} s CPU"
        )


def tables(folder: Path, every: list[str]) -> None:
    """Time `rmcli schedule --ics` printing its tables to a pipe (the first ones, or --all)."""
    command = [sys.executable, "-m", "rmcli", "-p", str(folder), "schedule", *every]
    command += ["--as-of", "2027-01-04", "--ics", str(folder / "tables.ics")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    took = time.perf_counter() - began
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime - before.ru_utime - before.ru_stime
    print(f"  tables {' '.join(every) or '(first ones)'}: {took:.2f} s wall, {cpu:.2f} s CPU")


def calendar_only(folder: Path) -> None:
    """Load the program, place every session and write the calendar, without printing."""
    snapshot = load(folder)
    planned = plan_schedule(
        program=snapshot.program,
        matches=snapshot.matches,
        roster=snapshot.roster,
        log=snapshot.sessions,
    )
    assert not planned.unplaced
    descriptions = describe_sessions(
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=planned.sessions,
        folder=folder,
    )
    text = build_calendar(
        program=snapshot.program,
        roster=snapshot.roster,
        sessions=planned.sessions,
        descriptions=descriptions,
        stamp=dt.datetime(2027, 1, 4, tzinfo=dt.UTC),
    )
    write_text(folder / "again.ics", text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
