"""Free-text answers: only with enough of them, shuffled, with names taken out."""

from __future__ import annotations

import hashlib
import random
import re

from rmcli.evaluation.anonymity import PRIVACY_FLOOR, Hidden
from rmcli.models.feedback import Answer
from rmcli.models.program import Program
from rmcli.models.roster import Roster

TEXT_QUESTIONS = ("worked", "change", "recommend")
NAME_MARK = "[name]"


def seed_of(program: Program, question: str) -> int:
    """Return a shuffle seed fixed by the program (not by the clock), one per question."""
    key = f"{program.name}|{program.start.isoformat()}|{question}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


def name_pattern(roster: Roster) -> re.Pattern[str] | None:
    """Return a pattern for the roster's full names (any case), name parts and ids (as written).

    Single name parts match only with their own capitals, so that a name which is also
    a word ("Will", "Mark") does not blank out the word in lower case.
    """
    full: set[str] = set()
    exact: set[str] = set()
    for person in roster.people:
        full.add(person.name)
        exact.update(part for part in person.name.split() if len(part) >= 3)
        exact.add(person.id)
    full.discard("")
    exact.discard("")
    if not full and not exact:
        return None
    alternatives = [
        *(r"(?i:" + re.escape(w) + r")" for w in sorted(full, key=len, reverse=True)),
        *(re.escape(w) for w in sorted(exact, key=len, reverse=True)),
    ]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def free_text(
    *, program: Program, roster: Roster, answers: list[Answer]
) -> tuple[dict[str, list[str] | None], list[Hidden]]:
    """Return each text question's answers shuffled and without names, or None if too few."""
    limit = max(PRIVACY_FLOOR, program.privacy.min_comments)
    pattern = name_pattern(roster)
    found: dict[str, list[str] | None] = {}
    hidden: list[Hidden] = []
    for question in TEXT_QUESTIONS:
        texts = sorted(t.strip() for a in answers if (t := getattr(a, question)).strip())
        if len(texts) < limit:
            found[question] = None
            if texts:
                hidden.append(Hidden(question, "all", "comments", limit))
            continue
        if pattern is not None:
            texts = [pattern.sub(NAME_MARK, t) for t in texts]
        random.Random(seed_of(program, question)).shuffle(texts)
        found[question] = [" ".join(t.split()) for t in texts]
    return found, hidden
