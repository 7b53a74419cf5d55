"""Time `rmcli match --json` end to end and the solver alone on seeded synthetic programs.

Usage: python benchmarks/run.py [--quick]   (prints a table; writes folders under a temp dir)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from generate import write, write_groups

PAIR_SIZES = [(100, 100), (1000, 1000), (5000, 5000), (150, 100), (1500, 1000), (7500, 5000)]
GROUP_SIZES = [(200, 1), (2000, 1), (200, 2), (2000, 2)]


def run_match(folder: Path) -> tuple[float, dict[str, object]]:
    """Return the wall time of `rmcli match --json` as a process and its output."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", "-p", str(folder), "match", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"rmcli failed on {folder}: {done.stderr[-2000:]}")
    return took, json.loads(done.stdout)


def solver_alone(folder: Path) -> tuple[float, float, float]:
    """Return (matrix build s, bare scipy solve s, independent optimum) for the same matrix."""
    from scipy.optimize import linear_sum_assignment

    from rmcli.folder import load
    from rmcli.matching.rules import make_rules
    from rmcli.matching.score import build

    program, roster = load(folder).program, load(folder).roster
    rules = make_rules(roster=roster, forbid=program.matching.forbid)
    start = time.perf_counter()
    table = build(
        roster.role("junior"),
        roster.role("senior"),
        weights=program.matching.weights,
        rules=rules,
        day=program.start,
    )
    built = time.perf_counter() - start
    start = time.perf_counter()
    linear_sum_assignment(table.score, maximize=True)
    bare = time.perf_counter() - start
    # Independent check: forbidden pairs as infinite cost, people nobody may meet left out
    # (with them gone a full matching of the smaller side exists in these organisations).
    rows = table.allowed.any(axis=1)
    cols = table.allowed.any(axis=0)
    score, allowed = table.score[rows][:, cols], table.allowed[rows][:, cols]
    r, c = linear_sum_assignment(np.where(allowed, -score, np.inf))
    return built, bare, float(score[r, c].sum())


def pairs(root: Path, sizes: list[tuple[int, int]]) -> None:
    """Print one row per one-to-one size."""
    print(
        "| juniors x seniors | end to end s | matrix s | bare scipy s | ratio | pairs | total = independent |"
    )
    print("|---|---|---|---|---|---|---|")
    for nj, ns in sizes:
        folder = write(root / f"pairs-{nj}-{ns}", juniors=nj, seniors=ns, seed=nj + ns)
        took, data = run_match(folder)
        built, bare, best = solver_alone(folder)
        total = data["summary"]["total"]  # type: ignore[index]
        same = abs(total - best) < 1e-6 * max(1.0, best)
        print(
            f"| {nj} x {ns} | {took:.2f} | {built:.2f} | {bare:.2f} | {took / bare:.2f} | "
            f"{len(data['matches'])} | {total:.3f} = {best:.3f} {'yes' if same else 'NO'} |"
        )  # type: ignore[arg-type]


def groups(root: Path, sizes: list[tuple[int, int]]) -> None:
    """Print one row per group size: time, people placed, share of the bound."""
    print("| people | seniors/group | end to end s | groups | placed | total | bound | gap |")
    print("|---|---|---|---|---|---|---|---|")
    for people, per in sizes:
        folder = write_groups(root / f"groups-{people}-{per}", people=people, per=per)
        took, data = run_match(folder)
        s = data["summary"]
        print(
            f"| {people} | {per} | {took:.2f} | {s['matches']} | {s['matched']} | "  # type: ignore[index]
            f"{s['total']:.1f} | {s['bound']:.1f} | {1 - s['share_of_bound']:.2%} |"
        )  # type: ignore[index]


MINIMAL_TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x") -> None:
    \"\"\"Say hello.\"\"\"
@app.command()
def bye() -> None:
    \"\"\"Say goodbye.\"\"\"
app()
"""


def help_time() -> None:
    """Print median start-up times of `rmcli --help` beside references run in turn with it."""
    cases = {
        "rmcli --help": [sys.executable, "-m", "rmcli", "--help"],
        "rmcli roster --help": [sys.executable, "-m", "rmcli", "roster", "--help"],
        "python -c pass": [sys.executable, "-c", "pass"],
        "import typer": [sys.executable, "-c", "import typer"],
        "minimal Typer app --help (Rich)": [sys.executable, "-c", MINIMAL_TYPER_APP, "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    # interleaved rounds, so load from other processes touches every case alike
    for _ in range(11):
        for name, command in cases.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rmcli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    heavy = sorted(
        {
            m
            for m in ("numpy", "scipy", "rich", "questionary")
            if f" {m}\n" in trace or f"| {m}\n" in trace
        }
    )
    print("| start-up | median ms |\n| --- | --- |")
    for name, taken in times.items():
        print(f"| {name} | {statistics.median(taken) * 1000:.0f} |")
    print(f"heavy imports under rmcli --help: {heavy or 'none'}")


def main() -> None:
    """Run every benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the small sizes")
    parser.add_argument("--only", choices=["pairs", "groups", "help"], help="one table only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.only in (None, "help"):
            help_time()
        if args.only in (None, "pairs"):
            pairs(root, [s for s in PAIR_SIZES if not args.quick or s[0] <= 1000])
        if args.only in (None, "groups"):
            groups(root, [s for s in GROUP_SIZES if not args.quick or s[0] <= 200])


if __name__ == "__main__":
    main()
