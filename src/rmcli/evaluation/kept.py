"""Keep a big program's flag counts in the cache, so evaluating it again need not recount them.

Counting the flags every match raised at each month's end is most of `rmcli evaluate`'s own
work on a big program (a year of 1,000 matches: twelve days a match). The counts are a pure
function of the program, roster, matches, sessions and check-ins files, the days counted,
the plan's dates (placing sessions reads the zone data too) and rmcli's code; the entry's
key is made of exactly these. As with the plan, an entry whose files changed while it was
written is removed again (`cache.keep_entry`); entries are 0600 in `.rmcli-cache/`, and
`rmcli forget` removes the folder. The counts name flag codes and months, no person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rmcli.folder import FileRead, Snapshot
from rmcli.io import cache
from rmcli.io.aside import forks, once, parted
from rmcli.schedule.plan import PlannedSession

KEPT_FROM = 1000  # fewer match-days are counted in milliseconds: not worth an entry
ASIDE_FROM = 10_000  # match-days from which a child counts them (tenths of a second)
# What this process spends before it counts its first match (indexing the plan, the log and
# the check-ins), as a share of counting them all: with fewer left, the child ends them alone.
INDEXING = 0.1
NAME = "evaluation.flags"
_FORMAT = b"rmcli-flags 1\n"
_SOURCES = ("status", "schedule", "models", "evaluation", "folder.py", "dates.py")


@dataclass(frozen=True)
class Counts:
    """How many matches raised each flag in some month, and in each month (1-based)."""

    ever: Counter[str]
    raised: Counter[tuple[str, int]]

    def __add__(self, other: Counts) -> Counts:
        """Return the counts of two sets of matches with none in common."""
        ever, raised = Counter(self.ever), Counter(self.raised)
        ever.update(other.ever)
        raised.update(other.raised)
        return Counts(ever=ever, raised=raised)


def kept_counts(
    snapshot: Snapshot,
    *,
    days: list[dt.date],
    planned: list[PlannedSession],
    matches: int,
    count: Callable[[range], Counts],
) -> Callable[[], Counts]:
    """Return a function giving the counts kept for exactly these files, days and plan, else
    `count` over all the `matches` (by index), kept: when they are many, counted meanwhile by
    a child process and, once asked for, by this one too (`aside.parted`; the counts of
    matches apart add up)."""
    files: list[FileRead[Any]] = [
        snapshot.program_file,
        snapshot.roster_file,
        snapshot.matches_file,
        snapshot.sessions_file,
        snapshot.checkins_file,
    ]
    inputs = {Path(f.file).name: f.strict().seen for f in files}
    match_days = matches * len(days)

    def counting() -> Callable[[], Counts]:
        if not counted_aside(match_days):
            return once(lambda: count(range(matches)))
        return parted(
            matches,
            work=count,
            add=Counts.__add__,
            encode=lambda found: _encode(found).encode(),
            decode=_decode,
            setup=INDEXING,
        )

    return cache.remembered(
        snapshot.folder,
        NAME,
        _key(inputs, days=days, planned=planned),
        compute=counting,
        decode=_recalled,
        encode=lambda counts: _encode(counts()),
        worth=lambda _: match_days >= KEPT_FROM,
        inputs={file: s for file, s in inputs.items() if s is not None},
    )


def counted_aside(match_days: int) -> bool:
    """Tell whether the flags of so many match-days are counted by a child process."""
    return match_days >= ASIDE_FROM and forks()


def _key(
    inputs: dict[str, cache.Seen | None], *, days: list[dt.date], planned: list[PlannedSession]
) -> str | None:
    """Return the key of the counts of these files, days and plan (None: a file not read whole)."""
    digest = hashlib.blake2b(_FORMAT, digest_size=20)
    digest.update(sys.version.encode() + b"\0")
    digest.update(cache.source_digest(_SOURCES))
    for file, seen in sorted(inputs.items()):
        if seen is None:
            return None
        digest.update(f"{file}\0{seen.digest}\0".encode())
    digest.update(array("l", [d.toordinal() for d in days]).tobytes() + b"\0")
    digest.update(array("l", [p.date.toordinal() for p in planned]).tobytes())
    return digest.hexdigest()


def _encode(counts: Counts) -> str:
    raised = [[code, month, n] for (code, month), n in sorted(counts.raised.items())]
    return json.dumps({"ever": dict(sorted(counts.ever.items())), "raised": raised})


def _recalled(body: bytes) -> Callable[[], Counts] | None:
    found = _decode(body)
    return None if found is None else lambda: found


def _decode(body: bytes) -> Counts | None:
    try:
        data = json.loads(body)
        raised = Counter({(code, month): n for code, month, n in data["raised"]})
        return Counts(ever=Counter(data["ever"]), raised=raised)
    except (ValueError, KeyError, TypeError):  # not an entry this code wrote: count again
        return None
