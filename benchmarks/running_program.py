"""Write a seeded program that has run for months: pairs, logged sessions, check-ins, feedback.

    python benchmarks/running_program.py FOLDER [--people 2000] [--as-of 2027-07-10] [--language en]

The topic plan is the example program's (programs/tech-six-months), the roster comes
from benchmarks/generate.py with the plan's tags as topics, juniors and seniors are paired
in order, and most planned sessions up to --as-of are logged as held (some late, some
cancelled or moved). Everyone answers the intake survey, and the final one by --as-of.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import organisation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "programs" / "tech-six-months"
GAINS = {
    "junior": ["visibility", "network", "confidence", "sponsor"],
    "senior": ["new-tools", "honest-feedback", "team-understanding", "better-leader"],
}
WORKED = ["Regular sessions", "Honest talks", "Trying tools together", "The topic plan"]
CHANGE = ["More time", "Shorter sessions", "Better rooms", "Clearer goals"]
RECOMMEND = ["Keep the program", "Budget time for mentoring", "Publish build times"]


def write_running_program(
    folder: Path, *, people: int, as_of: dt.date, language: str = "en", seed: int = 1
) -> Path:
    """Write the whole program folder and return it."""
    from rmcli.feedback.files import save_feedback
    from rmcli.folder import load
    from rmcli.models.feedback import Answer, FeedbackFile
    from rmcli.schedule.plan import plan_sessions

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    text = (EXAMPLE / "program.toml").read_text(encoding="utf-8")
    text = text.replace('language = "en"', f'language = "{language}"')
    (folder / "program.toml").write_text(text, encoding="utf-8")
    program = load(folder).program
    tags = sorted({t for topic in program.topics for t in topic.tags})
    roster = organisation(juniors=people // 2, seniors=people - people // 2, seed=seed)
    for person in roster["people"]:
        person["expertise"] = sorted(rng.sample(tags, 3))
        person["interests"] = sorted(rng.sample(tags, 3))
        person.pop("avoid", None)
        person["manager"] = ""
    roster.pop("org", None)
    (folder / "roster.toml").write_text(tomli_w.dumps(roster), encoding="utf-8")
    juniors = [p for p in roster["people"] if p["role"] == "junior"]
    seniors = [p for p in roster["people"] if p["role"] == "senior"]
    matches = [
        {"id": f"m{i:05d}", "juniors": [j["id"]], "seniors": [s["id"]]}
        for i, (j, s) in enumerate(zip(juniors, seniors, strict=False))
    ]
    (folder / "matches.toml").write_text(tomli_w.dumps({"matches": matches}), encoding="utf-8")
    snapshot = load(folder)
    records: list[dict[str, object]] = []
    for p in plan_sessions(program=snapshot.program, matches=snapshot.matches):
        if p.kind != "match" or p.date > as_of:
            continue
        luck = rng.random()
        if luck < 0.08:
            records.append(
                {"match": p.match, "number": p.number, "date": p.date, "status": "cancelled"}
            )
        elif luck < 0.11:
            records.append(
                {"match": p.match, "number": p.number, "date": p.date, "status": "moved"}
            )
        elif luck < 0.95:
            late = dt.timedelta(days=10 if luck > 0.85 else 0)
            records.append(
                {
                    "match": p.match,
                    "number": p.number,
                    "date": min(p.date + late, as_of),
                    "minutes": rng.choice([45, 60, 60, 75]),
                    "area": p.topic.area if p.topic else "",
                }
            )
    (folder / "sessions.toml").write_text(tomli_w.dumps({"sessions": records}), encoding="utf-8")
    checkins = [
        {"person": p["id"], "date": day, "score": rng.randint(2, 5)}
        for p in roster["people"]
        for day in (
            program.start + dt.timedelta(days=d)
            for d in range(20, (as_of - program.start).days, 30)
        )
        if rng.random() < 0.8
    ]
    (folder / "checkins.toml").write_text(tomli_w.dumps({"checkins": checkins}), encoding="utf-8")
    answers: list[Answer] = []
    for person in roster["people"]:
        mine = person["expertise"] if person["role"] == "junior" else person["interests"]
        before = {t: rng.randint(1, 3) for t in mine}
        answers.append(
            Answer(person=person["id"], survey="intake", answered=program.start, skills=before)
        )
        if rng.random() < 0.15:
            continue  # some never answer the final survey
        answers.append(
            Answer.model_validate(
                {
                    "person": person["id"],
                    "survey": "final",
                    "answered": as_of - dt.timedelta(days=5),
                    "satisfaction": rng.choice([2, 3, 4, 4, 5, 5]),
                    "skills": {t: min(5, r + rng.choice([0, 1, 1, 2])) for t, r in before.items()},
                    "learned": rng.sample(mine, 2),
                    "relationship": rng.random() < 0.75,
                    "continue": rng.random() < 0.6,
                    "gained": rng.sample(GAINS[person["role"]], 2),
                    "worked": rng.choice(WORKED),
                    "change": rng.choice(CHANGE),
                    "recommend": rng.choice(RECOMMEND),
                }
            )
        )
    save_feedback(folder, FeedbackFile(answers=answers))
    return folder


def main() -> None:
    """Write one running program from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2027, 7, 10))
    parser.add_argument("--language", default="en")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_running_program(
        args.folder, people=args.people, as_of=args.as_of, language=args.language, seed=args.seed
    )


if __name__ == "__main__":
    main()
