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
    """Return a pattern matching the full names, first names and ids of the roster's people."""
    words: set[str] = set()
    for person in roster.people:
        words.add(person.name)
        words.update(part for part in person.name.split() if len(part) >= 3)
        words.add(person.id)
    words.discard("")
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b", re.IGNORECASE)


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
