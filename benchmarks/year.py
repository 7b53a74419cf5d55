"""Time the everyday commands on a year-long one-to-one program at growing sizes.

Usage: python benchmarks/year.py [--sizes 250 500 1000 2000] [--repeat 3] [--only status]

Builds the program of tests/year_helpers.py at each size (11 of 12 sessions logged per
match, so `agenda --all` writes one agenda a match; a check-in per person per month;
intake and final surveys) and runs each command as a process, as an organiser would.
Prints the median wall time and the CPU time (user + system) of each, and the growth
exponent fitted to the CPU times over the sizes (1 = linear); then the same for the user
time alone, without the kernel's part: a command that writes thousands of files spends
much of its time in the kernel syncing them, which varies twofold from run to run on a
virtual disk (ext4 mounted with `discard` here) whatever the code does. Runs the rmcli that
`python -m rmcli` finds, so PYTHONPATH picks the tree measured. A run starts once the cache
entries of the one before are written (a child may write them after a command ended: its
CPU time is not the command's).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from rmcli.io import cache
from year_helpers import write_year

# waits for a child keeping the cache entries; a tree from before them keeps them in the command
settled = getattr(cache, "settled", lambda folder: None)

AS_OF = "2027-12-20"  # the last month of the program
COMMANDS: dict[str, list[str]] = {
    "status": ["status", "--as-of", AS_OF],
    "validate": ["validate"],
    "log": [
        "log",
        "--match",
        "m00000",
        "--number",
        "12",
        "--date",
        "2027-12-14",
        "--minutes",
        "60",
        "--replace",
        "--yes",
        "--as-of",
        AS_OF,
    ],
    "checkin": ["checkin", "--person", "j00000", "--date", AS_OF, "--score", "4", "--yes"],
    "evaluate": ["evaluate", "--as-of", AS_OF],
    "schedule --ics": ["schedule", "--as-of", AS_OF, "--ics", "{folder}/all.ics"],
    "agenda --all": ["agenda", "--all"],
}
OK_CODES = (0, 1)  # status exits 1 when a flag needs action


def run(folder: Path, args: list[str]) -> tuple[float, float, float]:
    """Return (wall s, CPU s, user CPU s of the process) of one rmcli run."""
    command = [sys.executable, "-m", "rmcli", "-p", str(folder)]
    command += [a.format(folder=folder) for a in args]
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, code, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        if os.waitstatus_to_exitcode(code) not in OK_CODES:
            errors.seek(0)
            said = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(args)} failed on {folder}: {said[-2000:]}")
    settled(folder)  # the next run starts once a child has written the cache entries
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_utime


def growth(sizes: list[int], times: list[float]) -> float:
    """Return the least-squares slope of log(time) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-3)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    """Build each size, time each command, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=list(COMMANDS), default=list(COMMANDS))
    args = parser.parse_args()
    cpu: dict[str, list[float]] = {name: [] for name in args.only}
    user: dict[str, list[float]] = {name: [] for name in args.only}
    with tempfile.TemporaryDirectory() as scratch:
        for pairs in args.sizes:
            folder = write_year(Path(scratch) / f"year-{pairs}", pairs=pairs, held=11)
            for name in args.only:
                runs = [run(folder, COMMANDS[name]) for _ in range(args.repeat)]
                wall = statistics.median(r[0] for r in runs)
                used = statistics.median(r[1] for r in runs)
                own = statistics.median(r[2] for r in runs)
                cpu[name].append(used)
                user[name].append(own)
                print(
                    f"{pairs:>6} pairs  {name:<15} wall {wall:6.2f} s  cpu {used:6.2f} s"
                    f"  user {own:6.2f} s"
                )
                sys.stdout.flush()
    header = " | ".join(f"{s:,} pairs" for s in args.sizes)
    for what, table in (("CPU s", cpu), ("user CPU s", user)):
        print()
        print(f"| command ({what}) | {header} | growth |")
        print("|---" * (len(args.sizes) + 2) + "|")
        for name, times in table.items():
            cells = " | ".join(f"{t:.2f}" for t in times)
            fitted = f"n^{growth(args.sizes, times):.2f}" if len(times) > 1 else "-"
            print(f"| `{name}` | {cells} | {fitted} |")


if __name__ == "__main__":
    main()
