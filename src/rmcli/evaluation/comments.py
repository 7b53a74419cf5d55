"""Free-text answers: only with enough of them, shuffled, with names taken out."""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections.abc import Iterator

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
    a name; a text is searched for the names whose first word it holds, in the same order.
    Names written one way only (parts, ids) are found without compiling a pattern for them:
    a big roster gives nearly every text its own few names.
    """

    def __init__(self, fulls: list[str], parts: list[str], firsts: list[str] | None) -> None:
        self.fulls = fulls  # the full names, found in any case, tried first
        self.plain = [*(None for _ in fulls), *parts]  # each name part or id as written
        self.firsts = frozenset(firsts) if firsts is not None else None  # None: search all
        self.starting: dict[str, list[int]] = {}  # a folded first word -> its alternatives
        for index, first in enumerate(firsts or ()):
            self.starting.setdefault(first, []).append(index)
        self.narrowed: dict[tuple[int, ...], re.Pattern[str]] = {}

    def alternative(self, index: int) -> str:
        """Return the pattern of the name tried `index`-th (escaped only when a pattern is made)."""
        plain = self.plain[index]
        return (
            re.escape(plain) if plain is not None else r"(?i:" + re.escape(self.fulls[index]) + r")"
        )

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Return the compiled pattern."""
        return re.compile(_either([self.alternative(i) for i in range(len(self.plain))]))

    def sub(self, mark: str, text: str) -> str:
        """Return text with every name replaced by `mark` (as `pattern.sub`)."""
        if self.firsts is None:
            return self.pattern.sub(mark, text)
        # A name can only match where the text holds its first word: the others never match,
        # so leaving them out changes no match (a big roster's pattern is slow to search).
        words = set(WORD.findall(_fold(text)))
        chosen = tuple(sorted({i for w in words for i in self.starting.get(w, ())}))
        if not chosen:
            return text
        plain = [self.plain[i] for i in chosen]
        if None not in plain:
            return _replace(text, [w for w in plain if w], mark)
        pattern = self.narrowed.get(chosen)
        if pattern is None:
            pattern = re.compile(_either([self.alternative(i) for i in chosen]))
            self.narrowed[chosen] = pattern
        return pattern.sub(mark, text)


def _replace(text: str, names: list[str], mark: str) -> str:
    """Return text with whole-word `names` replaced by `mark`, as `_either` of them would."""
    starts = sorted({i for name in names for i in _found(text, name)})
    kept: list[str] = []
    done = 0  # the text before this is kept or replaced
    for start in starts:
        if start < done or not _edge(text, start):
            continue
        for name in names:  # the first that matches here wins, as in an alternation
            end = start + len(name)
            if text.startswith(name, start) and _edge(text, end):
                kept += [text[done:start], mark]
                done = end
                break
    return "".join(kept) + text[done:]


def _found(text: str, name: str) -> Iterator[int]:
    """Yield every index where `name` starts in text, overlapping ones too."""
    index = text.find(name)
    while index >= 0:
        yield index
        index = text.find(name, index + 1)


def _edge(text: str, index: int) -> bool:
    """Return whether `\\b` matches at index: a word character on one side only."""
    before = index > 0 and _is_word(text[index - 1])
    return before != (index < len(text) and _is_word(text[index]))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\\w` matches in a str pattern


def _either(alternatives: list[str]) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def _fold(text: str) -> str:
    if text.isascii():  # nearly every name and answer: no special case, and casefold is lower
        return text.lower()
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
    fulls = sorted(full, key=len, reverse=True)
    parts = sorted(exact, key=len, reverse=True)
    firsts = [WORD.match(_fold(w)) for w in (*fulls, *parts)]
    if not all(firsts):  # a name that starts with a sign: search every text
        return Names(fulls, parts, None)
    return Names(fulls, parts, [m.group(0) for m in firsts if m])


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
