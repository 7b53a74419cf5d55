"""Generated programs and survey answers for the feedback and evaluation tests."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path
from typing import Any

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "programs" / "tech-six-months"
COLUMNS = [
    "person",
    "survey",
    "satisfaction",
    "learned",
    "skills",
    "relationship",
    "continue",
    "worked",
    "change",
    "gained",
    "recommend",
    "answered",
]
WORKED = [
    "Hands-on sessions where we opened the real tools together.",
    "Having a fixed monthly slot that nobody moved.",
    "The topic plan gave us a starting point every month.",
    "Being allowed to say plainly what slows juniors down.",
    "Short written notes after each session kept us on track.",
    "Trying an AI assistant on a real task instead of talking about it.",
    "Meeting outside the usual meeting rooms made it relaxed.",
    "The kick-off explained the confidentiality rule well.",
    "Swapping roles for ten minutes to explain our own work.",
    "Seeing how decisions are made one level up.",
    "The cohort session after month three gave new ideas.",
    "Honest feedback on onboarding that went straight into changes.",
]
CHANGE = [
    "Protect the time better; two sessions were squeezed to half an hour.",
    "Give juniors a short briefing on how to prepare.",
    "Fewer slides, more screens shared.",
    "Start with the culture topics, they opened the conversation.",
    "A shared list of proposals that leadership answers within a month.",
    "More cohort sessions so pairs learn from each other.",
    "Clearer expectations at the start about what the senior wants to learn.",
    "Allow a partner change after the first month if it does not fit.",
    "Invite the juniors' managers to the closing session.",
    "Record the improvement proposals in one place.",
    "Sessions of 90 minutes for the hands-on topics.",
    "A reminder a day before each session.",
]
RECOMMEND = [
    "Make the onboarding checklist part of every team's first week.",
    "Try one AI coding assistant team-wide for a quarter.",
    "Hold skip-level coffee chats every quarter.",
    "Publish build times on a dashboard everyone can see.",
    "Let juniors present in the leadership meeting once a quarter.",
    "Write down how promotions work for the first three years.",
    "Keep the program running with a new cohort every half year.",
    "Reduce approval steps for trying new tools.",
    "Answer proposals from the program in writing within a month.",
    "Budget time for mentoring in sprint planning.",
]
FIRST = ["Mia", "Ben", "Ella", "Luis", "Nora", "Finn", "Ida", "Omar", "Pia", "Tom"]
LAST = ["Berg", "Kranz", "Lind", "Moser", "Roth", "Stein", "Vogel", "Wendt", "Zorn"]
FREE_SKILLS = ["prompt writing", "async updates", "reading a P&L", "giving upward feedback"]


def program_toml(**changes: Any) -> str:
    """Return the example program.toml text with some top-level values replaced."""
    import tomllib

    data = tomllib.loads((EXAMPLE / "program.toml").read_text(encoding="utf-8"))
    data.update(changes)
    return tomli_w.dumps(data)


def make_program(
    folder: Path, *, juniors: int, seniors: int, departments: int = 3, **changes: Any
) -> dict[str, list[str]]:
    """Write a program folder with generated people and one match per senior."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "program.toml").write_text(program_toml(**changes), encoding="utf-8")
    tags = ["developer-experience", "ai-tools", "team-culture", "onboarding"]
    people: list[dict[str, Any]] = []
    ids: dict[str, list[str]] = {"junior": [], "senior": []}
    for role, count in (("junior", juniors), ("senior", seniors)):
        for i in range(count):
            pid = f"{role[0]}{i + 1:02d}"
            ids[role].append(pid)
            people.append(
                {
                    "id": pid,
                    "name": f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}-{role[0]}{i + 1}",
                    "role": role,
                    "department": f"Dept {i % departments + 1}",
                    "expertise" if role == "junior" else "interests": tags[:3],
                }
            )
    (folder / "roster.toml").write_text(tomli_w.dumps({"people": people}), encoding="utf-8")
    write_matches(folder, ids)
    return ids


def write_matches(folder: Path, ids: dict[str, list[str]]) -> None:
    """Write matches.toml pairing juniors and seniors in order (extra juniors join the last)."""
    matches = []
    for i, senior in enumerate(ids["senior"]):
        juniors = ids["junior"][i :: len(ids["senior"])] or ids["junior"][:1]
        matches.append({"id": f"m{i + 1:02d}", "juniors": juniors, "seniors": [senior]})
    (folder / "matches.toml").write_text(tomli_w.dumps({"matches": matches}), encoding="utf-8")


def example_with_matches(target: Path) -> Path:
    """Copy the example program and add the natural four pairs (lena not with thomas)."""
    shutil.copytree(EXAMPLE, target)
    pairs = [("aylin", "markus"), ("lena", "sabine"), ("jonas", "helga"), ("noah", "thomas")]
    matches = [{"id": f"{j}-{s}", "juniors": [j], "seniors": [s]} for j, s in pairs]
    (target / "matches.toml").write_text(tomli_w.dumps({"matches": matches}), encoding="utf-8")
    return target


def realistic_rows(
    people: list[tuple[str, str]],
    *,
    topics: dict[str, list[str]],
    seed: int = 7,
    answered: str = "2027-07-05",
    intake: str = "2027-01-08",
) -> list[dict[str, str]]:
    """Return intake and final rows for (id, role) pairs: mostly content, some critique."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for pid, role in people:
        mine = topics[pid]
        before = {t: rng.randint(1, 3) for t in mine}
        rows.append(_row(pid, "intake", answered=intake, skills=before))
        after = {t: min(5, r + rng.choice([0, 1, 1, 2])) for t, r in before.items()}
        learned = rng.sample(mine, k=min(2, len(mine))) + rng.sample(FREE_SKILLS, k=1)
        gains = (
            ["visibility", "network", "confidence", "sponsor"]
            if role == "junior"
            else ["new-tools", "honest-feedback", "team-understanding", "better-leader"]
        )
        rows.append(
            _row(
                pid,
                "final",
                answered=answered,
                skills=after,
                satisfaction=str(rng.choice([3, 4, 4, 5, 5])),
                learned=";".join(learned),
                relationship=rng.choice(["yes", "yes", "yes", "no"]),
                **{"continue": rng.choice(["yes", "yes", "no"])},
                worked=rng.choice(WORKED),
                change=rng.choice(CHANGE),
                gained=";".join(rng.sample(gains, k=2)),
                recommend=rng.choice(RECOMMEND),
            )
        )
    return rows


def _row(pid: str, survey: str, *, skills: dict[str, int], **cells: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(person=pid, survey=survey, skills=";".join(f"{k}={v}" for k, v in skills.items()))
    row.update(cells)
    return row


def csv_text(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    """Return rows as CSV text with a header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_sessions(
    folder: Path, *, until: str = "2027-07-10", seed: int = 3
) -> list[dict[str, Any]]:
    """Log most planned sessions as held (a few late, short or cancelled) up to a day."""
    import datetime as dt

    from rmcli.folder import load
    from rmcli.schedule.plan import plan_sessions

    rng = random.Random(seed)
    plan = plan_sessions(program=load(folder).program, matches=load(folder).matches)
    last = dt.date.fromisoformat(until)
    records: list[dict[str, Any]] = []
    for p in plan:
        if p.kind != "match" or p.date > last:
            continue
        luck = rng.random()
        if luck < 0.1:
            records.append(
                {"match": p.match, "number": p.number, "date": p.date, "status": "cancelled"}
            )
            continue
        late = dt.timedelta(days=10 if luck > 0.85 else 0)
        minutes = rng.choice([45, 60, 60, 60, 75])
        records.append(
            {
                "match": p.match,
                "number": p.number,
                "date": min(p.date + late, last),
                "minutes": minutes,
                "status": "held",
            }
        )
    (folder / "sessions.toml").write_text(tomli_w.dumps({"sessions": records}), encoding="utf-8")
    return records


AS_OF = "2027-07-10"


def program_with_answers(
    tmp_path: Path,
    cli: Any,
    *,
    name: str = "big",
    juniors: int = 14,
    seniors: int = 10,
    **changes: Any,
) -> Path:
    """Write a program with sessions logged up to AS_OF and answers from everyone."""
    folder = tmp_path / name
    ids = make_program(folder, juniors=juniors, seniors=seniors, **changes)
    people = [(i, r) for r in ("junior", "senior") for i in ids[r]]
    rows = realistic_rows(people, topics={i: ["ai-tools", "team-culture"] for i, _ in people})
    (tmp_path / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    assert (
        cli("feedback", "import", str(tmp_path / f"{name}.csv"), "-p", str(folder)).exit_code == 0
    )
    write_sessions(folder, until=AS_OF)
    return folder


def main(argv: list[str]) -> None:
    """Print a realistic answer sheet (intake and final) for a program folder's roster."""
    import sys

    from rmcli.feedback.files import topics_of
    from rmcli.folder import load

    folder = Path(argv[0]) if argv else EXAMPLE
    roster, program = load(folder).roster, load(folder).program
    people = [(p.id, p.role) for p in roster.people]
    topics = {p.id: topics_of(p, program) for p in roster.people}
    sys.stdout.write(csv_text(realistic_rows(people, topics=topics)))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
