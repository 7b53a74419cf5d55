"""Generate seeded synthetic organisations as real program folders (program.toml + roster.toml)."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import tomli_w

TOPICS = [f"topic-{i:02d}" for i in range(40)]
DEPARTMENTS = [f"dept-{i}" for i in range(10)]
ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "Europe/Warsaw",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Tokyo",
]
EXTRA_LANGUAGES = ["de", "fr", "es", "pl"]


def person(rng: random.Random, pid: str, role: str, manager: str) -> dict[str, object]:
    """Return one person's table: 3-6 topics each way, a department, a zone, languages."""
    langs = ["en", *rng.sample(EXTRA_LANGUAGES, rng.choice([0, 0, 1, 2]))]
    if rng.random() < 0.02:
        langs = [rng.choice(EXTRA_LANGUAGES)]  # a few speak only one other language
    return {
        "id": pid,
        "name": pid.upper(),
        "role": role,
        "manager": manager,
        "department": rng.choice(DEPARTMENTS),
        "timezone": rng.choice(ZONES),
        "expertise": sorted(rng.sample(TOPICS, rng.randint(3, 6))),
        "interests": sorted(rng.sample(TOPICS, rng.randint(3, 6))),
        "languages": langs,
    }


def organisation(*, juniors: int, seniors: int, seed: int) -> dict[str, object]:
    """Return a roster: seniors form a management tree, juniors report to team leads."""
    rng = random.Random(seed)
    people = []
    senior_ids = [f"s{i:05d}" for i in range(seniors)]
    for i, pid in enumerate(senior_ids):
        boss = senior_ids[rng.randrange(i)] if i else "ceo"
        people.append(person(rng, pid, "senior", boss))
    leads = {f"lead{i:04d}": rng.choice(senior_ids) for i in range(max(1, juniors // 8))}
    lead_ids = sorted(leads)
    for i in range(juniors):
        boss = rng.choice(senior_ids) if rng.random() < 0.2 else rng.choice(lead_ids)
        people.append(person(rng, f"j{i:05d}", "junior", boss))
    for p in rng.sample(people, max(1, len(people) // 100)):
        other = rng.choice(people)
        if other["id"] != p["id"]:
            p["avoid"] = [other["id"]]
    return {"people": people, "org": {"ceo": "", **leads}}


def write(
    folder: Path,
    *,
    juniors: int,
    seniors: int,
    seed: int,
    fmt: str = "one-to-one",
    seniors_per_group: tuple[int, int] = (1, 2),
) -> Path:
    """Write a program folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    program = {
        "name": f"benchmark {fmt} {juniors}x{seniors}",
        "format": fmt,
        "start": "2027-01-11",
        "matching": {
            "forbid": "chain",
            "juniors_per_group": [3, 4],
            "seniors_per_group": list(seniors_per_group),
        },
    }
    text = tomli_w.dumps(program).replace('start = "2027-01-11"', "start = 2027-01-11")
    (folder / "program.toml").write_text(text)
    (folder / "roster.toml").write_text(
        tomli_w.dumps(organisation(juniors=juniors, seniors=seniors, seed=seed))
    )
    return folder


def write_groups(folder: Path, *, people: int, per: int, k: int = 0) -> Path:
    """Write a group program of `people` with `per` seniors a group (seed people + per + 1000k).

    Seniors are per / (per + 3.5) of everyone, so groups of 3-4 juniors can take them all.
    """
    seniors = round(people * per / (per + 3.5))
    return write(
        folder,
        juniors=people - seniors,
        seniors=seniors,
        seed=people + per + 1000 * k,
        fmt="group",
        seniors_per_group=(per, per),
    )


def main() -> None:
    """Write one organisation from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--juniors", type=int, default=100)
    parser.add_argument("--seniors", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", default="one-to-one")
    args = parser.parse_args()
    write(args.folder, juniors=args.juniors, seniors=args.seniors, seed=args.seed, fmt=args.format)


if __name__ == "__main__":
    main()
