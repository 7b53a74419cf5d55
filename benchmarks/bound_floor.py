"""How much of the two-senior gap is the bound's: the reported bound beside a long run of it.

Usage: python benchmarks/bound_floor.py [--people 2000] [--seeds 0 1 2] [--steps 150]
For each seeded organisation (`benchmarks/generate.py`, seed people + 2 + 1000k, as in
`run.py`), runs the group solver in-process, then the pair bound again from the found
grouping's prices with many more subgradient steps, and prints both gaps. The long run
stalls where the price bound (the linear-programming relaxation) cannot go much lower,
so what is left above it is the relaxation's, not the grouping's nor the step count's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_groups

from rmcli.folder import load
from rmcli.matching.context import make_context
from rmcli.matching.groups.bound.group import group_bound
from rmcli.matching.groups.grouping import total as grouping_total
from rmcli.matching.groups.seating import apart
from rmcli.matching.groups.solve import match_groups
from rmcli.matching.pool import make_pool
from rmcli.matching.rules import make_rules
from rmcli.matching.score import build
from rmcli.models import MatchesFile


def row(folder: Path, *, steps: int) -> str:
    """Return one table row: the grouping, its reported bound, and the long run's bound."""
    program, roster = load(folder).program, load(folder).roster
    rules = make_rules(roster=roster, forbid=program.matching.forbid)
    pool = make_pool(roster=roster, existing=MatchesFile(), rules=rules, fresh=False, pairs=False)
    ctx, m = make_context(program), program.matching
    start = time.perf_counter()
    found, bound = match_groups(pool, ctx=ctx, rules=rules, matching=m, seed=0)
    took = time.perf_counter() - start
    table = build(pool.juniors, pool.seniors, weights=ctx.weights, rules=rules, day=program.start)
    junior = {p.id: i for i, p in enumerate(pool.juniors)}
    senior = {p.id: i for i, p in enumerate(pool.seniors)}
    grouping = [([senior[x] for x in g.seniors], [junior[x] for x in g.juniors]) for g in found]
    total = grouping_total(table.score, grouping)
    start = time.perf_counter()
    long, _ = group_bound(
        table.score,
        table.allowed,
        groups=grouping,
        apart_s=apart(pool.seniors, rules),
        matching=m,
        count=0,
        steps=steps,
    )
    spent = time.perf_counter() - start
    gap = f"{1 - total / bound:.2%}" if bound else "none"
    return (
        f"| {folder.name} | {total:.1f} | {bound or 0:.1f} | {gap} | {took:.1f} s | "
        f"{long:.1f} | {1 - total / long:.2%} | {spent:.0f} s |"
    )


def main() -> None:
    """Print one row per seed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--steps", type=int, default=150)
    args = parser.parse_args()
    print(
        "| organisation | total | bound | gap | solver | bound, long run | gap | its time |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.seeds:
            folder = write_groups(
                Path(tmp) / f"groups-{args.people}-2-seed{k}", people=args.people, per=2, k=k
            )
            print(row(folder, steps=args.steps), flush=True)


if __name__ == "__main__":
    main()
