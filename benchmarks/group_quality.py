"""How often the group solver finds the optimum: tiny random rosters against enumeration.

Usage: python benchmarks/group_quality.py [--trials 40]
Prints how many of the trials place as many people with as high a total as the best
grouping found by trying every way to split seniors and juniors into groups.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random

from rmcli.matching.context import Context
from rmcli.matching.proposal import propose
from rmcli.matching.rules import Rules, make_rules, together
from rmcli.models import MatchesFile, Person, Program, Roster

DAY = dt.date(2027, 1, 11)
TOPICS = ["a", "b", "c", "d", "e", "f"]


def roster(rng: random.Random, juniors: int, seniors: int) -> Roster:
    """Return a tiny roster; some seniors report to other seniors."""
    people: list[dict[str, object]] = []
    for i in range(juniors):
        people.append(
            {
                "id": f"j{i}",
                "name": "x",
                "role": "junior",
                "expertise": rng.sample(TOPICS, 3),
                "interests": rng.sample(TOPICS, 2),
                "department": rng.choice("xyz"),
            }
        )
    for i in range(seniors):
        boss = f"s{rng.randrange(i)}" if i and rng.random() < 0.5 else ""
        people.append(
            {
                "id": f"s{i}",
                "name": "x",
                "role": "senior",
                "manager": boss,
                "expertise": rng.sample(TOPICS, 2),
                "interests": rng.sample(TOPICS, 3),
                "department": rng.choice("xyz"),
            }
        )
    return Roster.model_validate({"people": people})


def best(r: Roster, program: Program, rules: Rules, ctx: Context) -> tuple[int, float]:
    """Return the most people placed, then the best total, over every grouping."""
    juniors, seniors = r.role("junior"), r.role("senior")
    jmin, jmax = program.matching.juniors_per_group
    smin, smax = program.matching.seniors_per_group
    count = min(len(seniors) // smin, len(juniors) // jmin)
    found = (0, 0.0)
    for s_at in itertools.product(range(count + 1), repeat=len(seniors)):
        teams = [[seniors[k] for k, g in enumerate(s_at) if g == t] for t in range(count)]
        if any(not smin <= len(t) <= smax for t in teams):
            continue
        for j_at in itertools.product(range(count + 1), repeat=len(juniors)):
            groups = [[juniors[i] for i, g in enumerate(j_at) if g == t] for t in range(count)]
            if any(not jmin <= len(g) <= jmax for g in groups):
                continue
            if any(_clash(t + g, rules) for t, g in zip(teams, groups, strict=True)):
                continue
            total = sum(
                ctx.score(j, s)[0] for t, g in zip(teams, groups, strict=True) for j in g for s in t
            )
            placed = sum(len(t) + len(g) for t, g in zip(teams, groups, strict=True))
            found = max(found, (placed, round(total, 6)))
    return found


def _clash(members: list[Person], rules: Rules) -> bool:
    return any(together(a, b, rules) for a, b in itertools.combinations(members, 2))


def main() -> None:
    """Run the trials and print the share that is optimal."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(5)
    program = Program.model_validate(
        {
            "name": "t",
            "start": DAY,
            "format": "group",
            "matching": {"juniors_per_group": [2, 3], "seniors_per_group": [1, 2]},
        }
    )
    ctx = Context(weights=program.matching.weights, day=DAY, both_ways=False, projects=False)
    optimal, shortfalls = 0, []
    for _ in range(args.trials):
        r = roster(rng, rng.randint(4, 7), rng.randint(3, 5))
        rules = make_rules(roster=r, forbid="direct")
        found = propose(program=program, roster=r, existing=MatchesFile(), rules=rules, as_of=DAY)
        got = (sum(len(m.people) for m in found.matches), round(found.total, 6))
        want = best(r, program, rules, ctx)
        if got >= want:
            optimal += 1
        else:
            shortfalls.append(f"placed {got[0]} total {got[1]:g} vs {want[0]} {want[1]:g}")
    print(
        f"optimal in {optimal} of {args.trials} tiny rosters (groups of 2-3 juniors, 1-2 seniors)"
    )
    for line in shortfalls:
        print("  short:", line)


if __name__ == "__main__":
    main()
