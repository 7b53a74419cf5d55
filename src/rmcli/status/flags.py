"""Decide which flags one match raises as of a day."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from rmcli.models import Program, SessionRecord
from rmcli.models.checkins import LOW_SCORE, Checkin
from rmcli.status.model import Flag
from rmcli.status.rules import (
    ADVICE_CODES,
    CADENCE_DAYS,
    CANCEL_RUN,
    CHALLENGE_FLAGS,
    COUNTED,
    DETAILS,
    GRACE_DAYS,
    HINTS,
    NO_SESSION_DAYS,
    ONE_DIRECTION_LAST,
    ONE_WAY_AFTER,
    ONLY_TECH_AFTER,
    is_short,
)
from rmcli.words import format_decimal, translation


@dataclass(frozen=True)
class Facts:
    """What is known about one match as of a day (records and check-ins up to that day)."""

    as_of: dt.date
    program: Program
    juniors: tuple[str, ...]
    seniors: tuple[str, ...]
    records: list[SessionRecord]  # logged on or before as_of, by session number
    due: int
    overdue: int
    latest: dict[str, Checkin]  # each person's latest answer on or before as_of
    side_last: dict[str, dt.date | None]  # "juniors"/"seniors" -> latest answer of anyone
    teachers: dict[int, str] = field(default_factory=dict)  # peer: session number -> side

    held: list[SessionRecord] = field(init=False)  # the held records, which most checks read

    def __post_init__(self) -> None:
        object.__setattr__(self, "held", [r for r in self.records if r.status == "held"])


# A raised flag: its code, and how to word its detail (only worded when shown).
Raised = tuple[str, Callable[[], str]]


def raise_flags(facts: Facts) -> list[Flag]:
    """Return the flags of one match, in the order of the stable code list."""
    _ = translation(facts.program.language).gettext
    return [
        Flag(code=code, hint=_(HINTS[code]), detail=detail(), action=code not in ADVICE_CODES)
        for code, detail in _raised(facts)
    ]


def flag_codes(facts: Facts) -> list[str]:
    """Return the codes of the flags `raise_flags` raises, without wording their details."""
    return [code for code, _detail in _raised(facts)]


def _raised(facts: Facts) -> list[Raised]:
    if facts.as_of < facts.program.start:
        return []
    found: list[Raised] = []
    for check in (
        _no_session,
        _overdue,
        _short,
        _cancellations,
        _only_technology,
        _one_way,
        _one_direction,
        _help,
        _low,
        _challenges,
        _no_checkin,
    ):
        found.extend(check(facts))
    return found


def _text(facts: Facts, key: str, **values: object) -> str:
    words = translation(facts.program.language)
    if key in COUNTED:
        count = values["count"]
        assert isinstance(count, int)
        return words.ngettext(*COUNTED[key], count).format(**values)
    return words.gettext(DETAILS[key]).format(**values)


def _no_session(facts: Facts) -> list[Raised]:
    days = (facts.as_of - facts.program.start).days
    if facts.held or facts.due == 0 or days < NO_SESSION_DAYS:
        return []
    return [("no-session", lambda: _text(facts, "no-session", days=days))]


def _overdue(facts: Facts) -> list[Raised]:
    if not facts.overdue:
        return []
    return [("overdue", lambda: _text(facts, "overdue", count=facts.overdue, grace=GRACE_DAYS))]


def _short(facts: Facts) -> list[Raised]:
    minutes = [r.minutes for r in facts.held]
    if not minutes:
        return []
    plan = facts.program.session_minutes
    median = statistics.median(minutes)
    if not (is_short(minutes[-1], session_minutes=plan) or is_short(median, session_minutes=plan)):
        return []
    return [
        (
            "short-sessions",
            lambda: _text(
                facts,
                "short-sessions",
                last=minutes[-1],
                median=format_decimal(median, facts.program.language),
                plan=plan,
            ),
        )
    ]


def _cancellations(facts: Facts) -> list[Raised]:
    tail = facts.records[-CANCEL_RUN:]
    if len(tail) < CANCEL_RUN or any(r.status == "held" for r in tail):
        return []
    return [("cancellations", lambda: _text(facts, "cancellations", count=CANCEL_RUN))]


def _only_technology(facts: Facts) -> list[Raised]:
    held = facts.held
    if len(held) < ONLY_TECH_AFTER or any(r.area != "technology" for r in held):
        return []
    return [("only-technology", lambda: _text(facts, "only-technology", count=len(held)))]


def _one_way(facts: Facts) -> list[Raised]:
    shared = [r.senior_shared for r in facts.held if r.senior_shared is not None]
    led = [r.led_by for r in facts.held if r.led_by]
    parts = []
    if len(shared) >= ONE_WAY_AFTER and not any(shared):
        parts.append(("one-way-senior", len(shared)))
    if len(led) >= ONE_WAY_AFTER and not any(person in facts.juniors for person in led):
        parts.append(("one-way-junior", len(led)))
    if not parts:
        return []
    return [("one-way", lambda: "; ".join(_text(facts, key, count=n) for key, n in parts))]


def _one_direction(facts: Facts) -> list[Raised]:
    """Peer pairs: raise when one side taught none of the last held sessions."""
    if facts.program.format != "peer":
        return []
    sides = []
    for record in facts.held:
        if record.led_by:
            sides.append("junior" if record.led_by in facts.juniors else "senior")
        elif facts.teachers.get(record.number):
            sides.append(facts.teachers[record.number])
    last = sides[-ONE_DIRECTION_LAST:]
    if len(last) < ONE_DIRECTION_LAST:
        return []
    keys = [key for side, key in (("junior", "juniors"), ("senior", "seniors")) if side not in last]
    if not keys:
        return []
    return [
        (
            "one-direction",
            lambda: "; ".join(
                _text(facts, "one-direction", side=_text(facts, key), count=ONE_DIRECTION_LAST)
                for key in keys
            ),
        )
    ]


def _help(facts: Facts) -> list[Raised]:
    count = sum(c.wants_help for c in facts.latest.values())
    if not count:
        return []
    return [("help-requested", lambda: _text(facts, "help-requested", count=count))]


def _low(facts: Facts) -> list[Raised]:
    count = sum(c.score <= LOW_SCORE for c in facts.latest.values())
    if not count:
        return []
    return [("low-checkin", lambda: _text(facts, "low-checkin", count=count, low=LOW_SCORE))]


def _challenges(facts: Facts) -> list[Raised]:
    """Raise a flag for each of the guide's challenges named in someone's latest check-in."""
    found: list[Raised] = []
    if not any(c.challenges for c in facts.latest.values()):
        return found
    for code in CHALLENGE_FLAGS:
        count = sum(code in c.challenges for c in facts.latest.values())
        if count:
            found.append((code, _counted(facts, "challenge", count)))
    return found


def _counted(facts: Facts, key: str, count: int) -> Callable[[], str]:
    """Return how to word a detail that names a count."""
    return lambda: _text(facts, key, count=count)


def _no_checkin(facts: Facts) -> list[Raised]:
    if facts.as_of >= facts.program.end():
        return []  # the program is over: the feedback survey asks from here on
    limit = CADENCE_DAYS[facts.program.cadence.one_to_one]
    late = []
    for side, people in (("juniors", facts.juniors), ("seniors", facts.seniors)):
        if not people:
            continue  # everyone on this side left the roster: nobody to ask
        since = facts.side_last.get(side) or facts.program.start
        days = (facts.as_of - since).days
        if days > limit:
            late.append((side, days))
    if not late:
        return []
    return [
        (
            "no-checkin",
            lambda: "; ".join(
                _text(facts, "no-checkin", side=_text(facts, side), days=days)
                for side, days in late
            ),
        )
    ]
