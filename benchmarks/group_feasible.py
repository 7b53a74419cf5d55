"""How many people groups place, and what the feasibility step costs, on seeded organisations.

Usage: python benchmarks/group_feasible.py [--sizes 50 100 200 400] [--seconds 10]
For each size and one or two seniors per group, prints: the count bound, the
heuristic alone (people placed, total, time), with the feasibility step (`settle`),
and the exact model alone on the whole roster from nothing (placed, proven, time).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_groups

from rmcli.folder import load
from rmcli.matching.context import make_context
from rmcli.matching.groups import solve
from rmcli.matching.groups.exact.model import most_placed, solve_exact
from rmcli.matching.groups.grouping import placed
from rmcli.matching.groups.seating import apart
from rmcli.matching.pool import make_pool
from rmcli.matching.rules import make_rules
from rmcli.matching.score import build
from rmcli.models import MatchesFile


def run(folder: Path, *, settle: bool) -> tuple[int, float, float, list[str]]:
    """Return people placed, total, seconds and notes of `match_groups` on a folder."""
    program, roster = load(folder).program, load(folder).roster
    rules = make_rules(roster=roster, forbid=program.matching.forbid)
    pool = make_pool(roster=roster, existing=MatchesFile(), rules=rules, fresh=False, pairs=False)
    real = solve.settle
    if not settle:
        solve.settle = lambda s, a, *, groups, **_: groups  # type: ignore[assignment]  # the heuristic alone
    try:
        start = time.perf_counter()
        found, _ = solve.match_groups(
            pool, ctx=make_context(program), rules=rules, matching=program.matching, seed=0
        )
        took = time.perf_counter() - start
    finally:
        solve.settle = real
    return sum(len(m.people) for m in found), sum(m.score for m in found), took, pool.notes


def exact_alone(folder: Path, seconds: float) -> tuple[int, Any, float, int]:
    """Return the count bound, the exact model's (placed, proven) or None, and its time."""
    program, roster = load(folder).program, load(folder).roster
    rules = make_rules(roster=roster, forbid=program.matching.forbid)
    pool = make_pool(roster=roster, existing=MatchesFile(), rules=rules, fresh=False, pairs=False)
    table = build(
        pool.juniors,
        pool.seniors,
        weights=make_context(program).weights,
        rules=rules,
        day=program.start,
    )
    m = program.matching
    sizes = (*m.juniors_per_group, *m.seniors_per_group)
    start = time.perf_counter()
    found = solve_exact(
        table.allowed,
        juniors=list(range(len(pool.juniors))),
        seniors=list(range(len(pool.seniors))),
        apart_j=apart(pool.juniors, rules),
        apart_s=apart(pool.seniors, rules),
        sizes=sizes,
        keep=[],
        seconds=seconds,
    )
    took = time.perf_counter() - start
    outcome = None if found is None else (placed(found.groups), found.proven)
    return most_placed(table.allowed, sizes=sizes), outcome, took, len(table.allowed)


def main() -> None:
    """Print one row per size and seniors per group."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--seconds", type=float, default=10.0, help="exact model time limit")
    args = parser.parse_args()
    print(
        "| people | seniors/group | bound | heuristic placed / total / s "
        "| with settle placed / total / s | exact alone placed, proven / s |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for people in args.sizes:
            for per in (1, 2):
                folder = write_groups(Path(tmp) / f"g-{people}-{per}", people=people, per=per)
                p0, t0, s0, _ = run(folder, settle=False)
                p1, t1, s1, notes = run(folder, settle=True)
                cap, exact, took, _ = exact_alone(folder, args.seconds)
                shown = (
                    "too large" if exact is None else f"{exact[0]}, {'yes' if exact[1] else 'no'}"
                )
                print(
                    f"| {people} | {per} | {cap} | {p0} / {t0:.1f} / {s0:.2f} | "
                    f"{p1} / {t1:.1f} / {s1:.2f}{' (note)' if notes else ''} | {shown} / {took:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
