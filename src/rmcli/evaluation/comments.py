"""Free-text answers: only with enough of them, shuffled, with names taken out."""

from __future__ import annotations

import functools
import hashlib
import random
import re

from rmcli.evaluation.anonymity import PRIVACY_FLOOR, Hidden
from rmcli.models.feedback import Answer
from rmcli.models.program import Program
from rmcli.models.roster import Roster

TEXT_QUESTIONS = ("worked", "change", "recommend")
NAME_MARK = "[name]"
WORD = re.compile(r"\w+")
# Letters that a case-insensitive pattern matches with an ASCII letter although casefold()
# does not map them to it (Python's re documentation lists them).
SPECIAL_CASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class Names:
    """The roster's names as one pattern, and the folded first words that any match starts with.

    The pattern (thousands of names in a big roster) is compiled only when a text may hold
    a name.
    """

    def __init__(self, source: str, firsts: frozenset[str] | None) -> None:
        self.source = source
        self.firsts = firsts  # None: every text is searched

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Return the compiled pattern."""
        return re.compile(self.source)

    def sub(self, mark: str, text: str) -> str:
        """Return text with every name replaced by `mark` (as `pattern.sub`)."""
        # A text without any name's first word cannot hold a name: skip the costly search.
        if self.firsts is not None and self.firsts.isdisjoint(WORD.findall(_fold(text))):
            return text
        return self.pattern.sub(mark, text)


def _fold(text: str) -> str:
    return text.translate(SPECIAL_CASES).casefold()


def seed_of(program: Program, question: str) -> int:
    """Return a shuffle seed fixed by the program (not by the clock), one per question."""
    key = f"{program.name}|{program.start.isoformat()}|{question}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


def name_pattern(roster: Roster) -> Names | None:
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
    source = r"\b(?:" + "|".join(alternatives) + r")\b"
    firsts = [WORD.match(_fold(w)) for w in (*full, *exact)]
    if not all(firsts):  # a name that starts with a sign: search every text
        return Names(source, None)
    return Names(source, frozenset(m.group(0) for m in firsts if m))


def free_text(
    *, program: Program, roster: Roster, answers: list[Answer], names: Names | None = None
) -> tuple[dict[str, list[str] | None], list[Hidden]]:
    """Return each text question's answers shuffled and without names, or None if too few."""
    limit = max(PRIVACY_FLOOR, program.privacy.min_comments)
    pattern = names if names is not None else name_pattern(roster)
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
