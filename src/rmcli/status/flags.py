"""Decide which flags one match raises as of a day."""

from __future__ import annotations

import datetime as dt
import statistics
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


def raise_flags(facts: Facts) -> list[Flag]:
    """Return the flags of one match, in the order of the stable code list."""
    if facts.as_of < facts.program.start:
        return []
    found: list[tuple[str, str]] = []
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
    _ = translation(facts.program.language).gettext
    return [
        Flag(code=code, hint=_(HINTS[code]), detail=detail, action=code not in ADVICE_CODES)
        for code, detail in found
    ]


def _text(facts: Facts, key: str, **values: object) -> str:
    words = translation(facts.program.language)
    if key in COUNTED:
        count = values["count"]
        assert isinstance(count, int)
        return words.ngettext(*COUNTED[key], count).format(**values)
    return words.gettext(DETAILS[key]).format(**values)


def _no_session(facts: Facts) -> list[tuple[str, str]]:
    days = (facts.as_of - facts.program.start).days
    if facts.held or facts.due == 0 or days < NO_SESSION_DAYS:
        return []
    return [("no-session", _text(facts, "no-session", days=days))]


def _overdue(facts: Facts) -> list[tuple[str, str]]:
    if not facts.overdue:
        return []
    return [("overdue", _text(facts, "overdue", count=facts.overdue, grace=GRACE_DAYS))]


def _short(facts: Facts) -> list[tuple[str, str]]:
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
            _text(
                facts,
                "short-sessions",
                last=minutes[-1],
                median=format_decimal(median, facts.program.language),
                plan=plan,
            ),
        )
    ]


def _cancellations(facts: Facts) -> list[tuple[str, str]]:
    tail = facts.records[-CANCEL_RUN:]
    if len(tail) < CANCEL_RUN or any(r.status == "held" for r in tail):
        return []
    return [("cancellations", _text(facts, "cancellations", count=CANCEL_RUN))]


def _only_technology(facts: Facts) -> list[tuple[str, str]]:
    held = facts.held
    if len(held) < ONLY_TECH_AFTER or any(r.area != "technology" for r in held):
        return []
    return [("only-technology", _text(facts, "only-technology", count=len(held)))]


def _one_way(facts: Facts) -> list[tuple[str, str]]:
    shared = [r.senior_shared for r in facts.held if r.senior_shared is not None]
    led = [r.led_by for r in facts.held if r.led_by]
    details = []
    if len(shared) >= ONE_WAY_AFTER and not any(shared):
        details.append(_text(facts, "one-way-senior", count=len(shared)))
    if len(led) >= ONE_WAY_AFTER and not any(person in facts.juniors for person in led):
        details.append(_text(facts, "one-way-junior", count=len(led)))
    return [("one-way", "; ".join(details))] if details else []


def _one_direction(facts: Facts) -> list[tuple[str, str]]:
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
    details = [
        _text(facts, "one-direction", side=_text(facts, key), count=ONE_DIRECTION_LAST)
        for side, key in (("junior", "juniors"), ("senior", "seniors"))
        if side not in last
    ]
    return [("one-direction", "; ".join(details))] if details else []


def _help(facts: Facts) -> list[tuple[str, str]]:
    count = sum(c.wants_help for c in facts.latest.values())
    return [("help-requested", _text(facts, "help-requested", count=count))] if count else []


def _low(facts: Facts) -> list[tuple[str, str]]:
    count = sum(c.score <= LOW_SCORE for c in facts.latest.values())
    return (
        [("low-checkin", _text(facts, "low-checkin", count=count, low=LOW_SCORE))] if count else []
    )


def _challenges(facts: Facts) -> list[tuple[str, str]]:
    """Raise a flag for each of the guide's challenges named in someone's latest check-in."""
    found = []
    for code in CHALLENGE_FLAGS:
        count = sum(code in c.challenges for c in facts.latest.values())
        if count:
            found.append((code, _text(facts, "challenge", count=count)))
    return found


def _no_checkin(facts: Facts) -> list[tuple[str, str]]:
    if facts.as_of >= facts.program.end():
        return []  # the program is over: the feedback survey asks from here on
    limit = CADENCE_DAYS[facts.program.cadence.one_to_one]
    details = []
    for side, people in (("juniors", facts.juniors), ("seniors", facts.seniors)):
        if not people:
            continue  # everyone on this side left the roster: nobody to ask
        since = facts.side_last.get(side) or facts.program.start
        days = (facts.as_of - since).days
        if days > limit:
            details.append(_text(facts, "no-checkin", side=_text(facts, side), days=days))
    return [("no-checkin", "; ".join(details))] if details else []
