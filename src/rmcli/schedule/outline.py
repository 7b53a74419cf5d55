"""The timed outline of a session: steps whose minutes add up exactly to the session's length."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from rmcli.schedule.plan import PlannedSession

Kind = Literal["first", "regular", "group", "last", "cohort", "kickoff", "working", "handover"]
STEP = 5  # minutes are handed out in blocks of five so the clock times stay readable

# Each step with its relative weight; templates turn the keys into words.
STEPS: dict[Kind, tuple[tuple[str, int], ...]] = {
    "first": (
        ("welcome", 3),
        ("expectations", 2),
        ("topics", 2),
        ("working-mode", 2),
        ("confidentiality", 1),
        ("next-steps", 1),
    ),
    "regular": (
        ("check-in", 2),
        ("hands-on", 5),
        ("dialogue", 5),
        ("next-steps", 2),
    ),
    # A group meets as a moderated discussion: every junior has a turn in the round.
    "group": (
        ("check-in", 1),
        ("round", 5),
        ("question", 4),
        ("context", 3),
        ("next-steps", 2),
    ),
    # A project team's plan: kick-off, working sessions, demo and hand-over last.
    "kickoff": (
        ("welcome", 2),
        ("goal", 3),
        ("milestones", 2),
        ("working-mode", 2),
        ("next-steps", 1),
    ),
    "working": (
        ("check-in", 1),
        ("progress", 2),
        ("work", 6),
        ("blockers", 2),
        ("next-steps", 1),
    ),
    "handover": (
        ("check-in", 1),
        ("demo", 4),
        ("handover", 3),
        ("learned", 2),
        ("recommendations", 2),
        ("closing", 1),
    ),
    "last": (
        ("check-in", 1),
        ("learned", 3),
        ("worked", 2),
        ("recommendations", 3),
        ("closing", 2),
    ),
    "cohort": (
        ("opening", 1),
        ("pairs-share", 5),
        ("celebrate", 2),
        ("recommendations", 3),
        ("closing", 1),
    ),
}


@dataclass(frozen=True)
class Step:
    """One timed step of a session's outline."""

    key: str
    minutes: int
    start: dt.datetime
    end: dt.datetime


def kind_of(session: PlannedSession) -> Kind:
    """Return which agenda a session gets: first, regular, group, last, cohort, or a project's."""
    if session.kind == "cohort":
        return "cohort"
    if session.project_plan:
        return "kickoff" if session.first else "handover" if session.last else "working"
    if session.first:
        return "first"
    if session.last:
        return "last"
    return "group" if session.group else "regular"


def split_minutes(total: int, weights: list[int]) -> list[int]:
    """Split `total` minutes by weight into five-minute blocks; the sum is exactly `total`."""
    if total < STEP * len(weights):
        raise ValueError(f"{total} minutes are too few for {len(weights)} steps")
    blocks, rest = divmod(total, STEP)
    shares = [1] * len(weights)  # every step gets at least one block
    spare = blocks - len(weights)
    exact = [spare * w / sum(weights) for w in weights]
    for i, value in enumerate(exact):
        shares[i] += int(value)
    left = blocks - sum(shares)
    # Largest remainder first; on ties the heavier, then the earlier step wins.
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - int(exact[i])), -weights[i], i))
    for i in order[:left]:
        shares[i] += 1
    minutes = [share * STEP for share in shares]
    heaviest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    minutes[heaviest] += rest  # odd minutes go to the main step
    return minutes


def outline(session: PlannedSession) -> list[Step]:
    """Return the timed steps of a session, from its start to its end."""
    steps = STEPS[kind_of(session)]
    minutes = split_minutes(session.minutes, [weight for _, weight in steps])
    result: list[Step] = []
    clock = session.start
    for (key, _), length in zip(steps, minutes, strict=True):
        end = clock + dt.timedelta(minutes=length)
        result.append(Step(key=key, minutes=length, start=clock, end=end))
        clock = end
    return result
