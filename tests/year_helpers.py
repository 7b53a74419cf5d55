"""A seeded year-long one-to-one program with a full year of data, as a real program folder.

Every match has its 12 monthly sessions logged, every person answers a check-in each month
and the intake and final surveys. The golden-output test builds a small one; the speed
benchmark builds them at up to 2,000 pairs. Run as a script to write one:
`python tests/year_helpers.py FOLDER --pairs 100 --seed 1`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any

import tomli_w

START = dt.date(2027, 1, 11)  # a Monday
AREAS = ("technology", "workplace", "culture")
TAGS = [f"topic-{i:02d}" for i in range(24)]
DEPARTMENTS = [f"Department {i}" for i in range(8)]
ZONES = ["Europe/Berlin", "Europe/London", "Europe/Lisbon"]  # working hours overlap
CHALLENGES = ["junior-hesitant", "senior-not-serious", "no-time", "unclear-expectations"]
GAINS = {
    "junior": ["visibility", "network", "confidence", "sponsor"],
    "senior": ["new-tools", "honest-feedback", "team-understanding", "better-leader"],
}
WORKED = [
    "Concrete demos of the tools we use every day.",
    "Honest talk about how decisions feel from the other side.",
    "Meeting at the same time every month kept it going.",
]
CHANGE = [
    "Shorter sessions, more often.",
    "Clearer goals for each month.",
    "More time for the hands-on part.",
]


def program(*, pairs: int) -> dict[str, Any]:
    """Return program.toml's data: twelve monthly sessions and a cohort meeting each quarter."""
    return {
        "name": f"Year of reverse mentoring ({pairs} pairs)",
        "format": "one-to-one",
        "start": START,
        "months": 12,
        "session_minutes": 60,
        "language": "en",
        "organiser": {"name": "People & Culture", "email": "people@example.com"},
        "cadence": {"one_to_one": "monthly", "group": "quarterly"},
        "matching": {"forbid": "direct"},
        "calendar": {"weekday": "tuesday", "time": "10:00", "timezone": "Europe/Berlin"},
        "privacy": {"min_group": 5, "min_comments": 10},
        "topics": [
            {
                "month": month,
                "title": f"Topic of month {month}",
                "area": AREAS[(month - 1) % 3],
                "tags": TAGS[2 * (month - 1) : 2 * month],
                "prompts": [f"What does month {month} change for your team?"],
            }
            for month in range(1, 13)
        ],
    }


def roster(rng: random.Random, *, pairs: int) -> list[dict[str, Any]]:
    """Return one junior and one senior per pair; seniors report up a small tree."""
    people: list[dict[str, Any]] = []
    for i in range(pairs):
        people.append(
            {
                "id": f"s{i:05d}",
                "name": f"Senior {i}",
                "email": f"s{i:05d}@example.com",
                "role": "senior",
                "title": "Head of something",
                "department": rng.choice(DEPARTMENTS),
                "manager": f"s{(i - 1) // 4:05d}" if i else "",
                "interests": sorted(rng.sample(TAGS, 4)),
                "timezone": rng.choice(ZONES),
                "languages": ["en"],
            }
        )
    for i in range(pairs):
        people.append(
            {
                "id": f"j{i:05d}",
                "name": f"Junior {i}",
                "email": f"j{i:05d}@example.com",
                "role": "junior",
                "department": rng.choice(DEPARTMENTS),
                "expertise": sorted(rng.sample(TAGS, 4)),
                "interests": sorted(rng.sample(TAGS, 3)),
                "timezone": rng.choice(ZONES),
                "languages": ["en"],
            }
        )
    return people


def matches(*, pairs: int) -> list[dict[str, Any]]:
    """Return junior i with senior (i + 1) mod n, so nobody meets their own manager's report."""
    return [
        {
            "id": f"m{i:05d}",
            "juniors": [f"j{i:05d}"],
            "seniors": [f"s{(i + 1) % pairs:05d}"],
            "created": START - dt.timedelta(days=7),
        }
        for i in range(pairs)
    ]


def write_year(folder: Path, *, pairs: int, seed: int = 1, held: int = 12) -> Path:
    """Write the program folder: `held` sessions logged per match, a check-in a month each."""
    from rmcli.folder import load
    from rmcli.schedule.plan import plan_sessions

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = roster(rng, pairs=pairs)
    _write(folder / "program.toml", program(pairs=pairs))
    _write(folder / "roster.toml", {"people": people})
    _write(folder / "matches.toml", {"matches": matches(pairs=pairs)})
    snapshot = load(folder)
    planned = plan_sessions(program=snapshot.program, matches=snapshot.matches)
    records = []
    for p in planned:
        if p.kind != "match" or p.number > held:
            continue
        luck = rng.random()
        status = "cancelled" if luck < 0.04 else "moved" if luck < 0.07 else "held"
        records.append(
            {
                "match": p.match,
                "number": p.number,
                "date": p.date + dt.timedelta(days=rng.choice([0, 0, 0, 1, 7])),
                "minutes": 0 if status != "held" else rng.choice([45, 60, 60, 75]),
                "topic": p.topic.title if p.topic else "",
                "area": p.topic.area if p.topic else "",
                "status": status,
                "led_by": p.people[0] if status == "held" else "",
            }
        )
    _write(folder / "sessions.toml", {"sessions": records})
    checkins = []
    for month in range(1, held + 1):
        day = START + dt.timedelta(days=30 * month - 3)
        for person in people:
            score = rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 5])
            answer: dict[str, Any] = {"person": person["id"], "date": day, "score": score}
            if score <= 2:
                answer["challenges"] = [rng.choice(CHALLENGES)]
                answer["wants_help"] = rng.random() < 0.5
            checkins.append(answer)
    _write(folder / "checkins.toml", {"checkins": checkins})
    _write(folder / "feedback.toml", {"answers": survey_answers(rng, people)})
    return folder


def survey_answers(rng: random.Random, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return an intake and a final answer per person; skills rise a little over the year."""
    answers: list[dict[str, Any]] = []
    for person in people:
        mine = person.get("expertise") or person["interests"]
        before = {tag: rng.randint(1, 3) for tag in mine[:3]}
        after = {tag: min(5, r + rng.choice([0, 1, 1, 2])) for tag, r in before.items()}
        answers.append(
            {
                "person": person["id"],
                "survey": "intake",
                "answered": START - dt.timedelta(days=3),
                "skills": before,
            }
        )
        answers.append(
            {
                "person": person["id"],
                "survey": "final",
                "answered": START + dt.timedelta(days=360),
                "satisfaction": rng.choice([3, 4, 4, 5, 5]),
                "learned": sorted(rng.sample(mine, 2)),
                "skills": after,
                "relationship": rng.random() < 0.75,
                "continue": rng.random() < 0.6,
                "worked": rng.choice(WORKED),
                "change": rng.choice(CHANGE),
                "gained": sorted(rng.sample(GAINS[person["role"]], 2)),
            }
        )
    return answers


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def main() -> None:
    """Write one year-long program from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--held", type=int, default=12, help="sessions logged per match")
    args = parser.parse_args()
    write_year(args.folder, pairs=args.pairs, seed=args.seed, held=args.held)


if __name__ == "__main__":
    main()
