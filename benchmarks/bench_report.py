"""Time `rmcli evaluate --html` and `rmcli status --html` on a running program of N people.

    python benchmarks/bench_report.py [PEOPLE] [RUNS]

Builds the program with benchmarks/running_program.py in a temporary folder, then runs each
command RUNS times as a user would (a new process each time) and prints the wall-clock
and CPU seconds (user + system) of every run. On a shared machine the CPU time is the
steadier figure: wall time also holds the waits for other processes.

`evaluate --html` keeps a chart already written when it is exactly the one its figures
give, so it is timed twice: "drawn" removes reports/charts/ before every run (the first
evaluation, or one after new answers: every chart drawn), "kept" runs with the charts of
the run before (the same figures evaluated again).
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from running_program import write_running_program

AS_OF = dt.date(2027, 7, 10)


def timed(args: list[str], *, clear: Path | None = None) -> tuple[float, float]:
    """Run one command (after removing `clear`); return its wall-clock and CPU seconds."""
    if clear is not None:
        shutil.rmtree(clear, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # status exits 1 when a flag needs action
        raise SystemExit(done.stderr.decode())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(people: int, runs: int) -> None:
    """Build the program once, then time both commands."""
    with tempfile.TemporaryDirectory() as temp:
        folder = write_running_program(Path(temp) / "program", people=people, as_of=AS_OF)
        rmcli = [sys.executable, "-m", "rmcli", "-p", str(folder)]
        print(f"{people} people, load average {os.getloadavg()[0]:.1f} at the start")
        evaluate = [*rmcli, "evaluate", "--as-of", AS_OF.isoformat(), "--html"]
        charts = folder / "reports" / "charts"
        for name, args, clear in (
            ("evaluate --html, drawn", evaluate, charts),
            ("evaluate --html, kept", evaluate, None),
            ("status --html", [*rmcli, "status", "--as-of", AS_OF.isoformat(), "--html"], None),
        ):
            figures = [timed(args, clear=clear) for _ in range(runs)]
            walls = ", ".join(f"{w:.2f}" for w, _ in figures)
            cpus = ", ".join(f"{c:.2f}" for _, c in figures)
            print(f"{name:22} wall {walls} s; cpu {cpus} s")
        sizes = {p.name: p.stat().st_size for p in (folder / "reports").rglob("*") if p.is_file()}
        print("files:", ", ".join(f"{n} {s // 1024} kB" for n, s in sorted(sizes.items())))


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 2000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
    )
