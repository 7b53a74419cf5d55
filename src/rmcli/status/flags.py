"""Decide which flags one match raises as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from rmcli.models import Program, SessionRecord
from rmcli.models.checkins import LOW_SCORE, Checkin
from rmcli.status.log import Log
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


class Facts(NamedTuple):
    """What is known about one match as of a day (records and check-ins up to that day).

    A named tuple, not a dataclass: the flag history makes one for each match on each day.
    """

    as_of: dt.date
    program: Program
    juniors: tuple[str, ...]
    seniors: tuple[str, ...]
    log: Log  # the records logged on or before as_of
    due: int
    overdue: int
    latest: dict[str, Checkin]  # each person's latest answer on or before as_of
    side_last: dict[str, dt.date | None]  # "juniors"/"seniors" -> latest answer of anyone

    @property
    def records(self) -> list[SessionRecord]:
        """Return the records logged on or before as_of, by session number."""
        return self.log.records

    @property
    def held(self) -> list[SessionRecord]:
        """Return the held ones of `records`."""
        return self.log.held


# A raised flag: its code, and how to word its detail (only worded when shown).
Raised = tuple[str, Callable[[], str]]


def raise_flags(facts: Facts) -> list[Flag]:
    """Return the flags of one match, in the order of the stable code list."""
    _ = translation(facts.program.language).gettext
    return [
        Flag(code=code, hint=_(HINTS[code]), detail=detail(), action=code not in ADVICE_CODES)
        for code, detail in _raised(facts)
    ]


class Codes:
    """The codes of the flags `raise_flags` raises for one match, on its days in turn.

    The checks of its log and of its people's answers run again only when the log grew
    or the answers changed (another object); those of the day run every day.
    """

    def __init__(self) -> None:
        self._log: Log | None = None
        self._logged = 0
        self._of_log: list[str] = []
        self._latest: dict[str, Checkin] | None = None
        self._of_answers: list[str] = []

    def __call__(self, facts: Facts) -> list[str]:
        """Return the codes of the flags raised on the facts' day, without wording details."""
        if facts.as_of < facts.program.start:
            return []
        log = facts.log
        if log is not self._log or len(log.records) != self._logged:
            self._log, self._logged = log, len(log.records)
            self._of_log = _codes(OF_LOG, facts)
        if facts.latest is not self._latest:
            self._latest = facts.latest
            self._of_answers = _codes(OF_ANSWERS, facts)
        found = _codes(OF_DAY, facts)
        found += self._of_log
        found += self._of_answers
        for check in OF_END:
            for code, _detail in check(facts):
                found.append(code)
        return found


Check = Callable[[Facts], list[Raised]]


def _raised(facts: Facts) -> list[Raised]:
    if facts.as_of < facts.program.start:
        return []
    return [raised for group in CHECKS for check in group for raised in check(facts)]


def _codes(checks: tuple[Check, ...], facts: Facts) -> list[str]:
    found: list[str] = []
    for check in checks:  # a loop, not a comprehension: this runs for each match on each day
        for code, _detail in check(facts):
            found.append(code)
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
    if facts.log.held or facts.due == 0 or days < NO_SESSION_DAYS:
        return []
    return [("no-session", lambda: _text(facts, "no-session", days=days))]


def _overdue(facts: Facts) -> list[Raised]:
    if not facts.overdue:
        return []
    return [("overdue", lambda: _text(facts, "overdue", count=facts.overdue, grace=GRACE_DAYS))]


def _short(facts: Facts) -> list[Raised]:
    if not facts.log.held:
        return []
    last = facts.log.held[-1].minutes
    plan = facts.program.session_minutes
    median = facts.log.median_minutes
    if not (is_short(last, session_minutes=plan) or is_short(median, session_minutes=plan)):
        return []
    return [
        (
            "short-sessions",
            lambda: _text(
                facts,
                "short-sessions",
                last=last,
                median=format_decimal(median, facts.program.language),
                plan=plan,
            ),
        )
    ]


def _cancellations(facts: Facts) -> list[Raised]:
    tail = facts.log.records[-CANCEL_RUN:]
    if len(tail) < CANCEL_RUN:
        return []
    for record in tail:  # a loop, not any() over a generator: this runs for each match-day
        if record.status == "held":
            return []
    return [("cancellations", lambda: _text(facts, "cancellations", count=CANCEL_RUN))]


def _only_technology(facts: Facts) -> list[Raised]:
    held = len(facts.log.held)
    if held < ONLY_TECH_AFTER or facts.log.off_technology:
        return []
    return [("only-technology", lambda: _text(facts, "only-technology", count=held))]


def _one_way(facts: Facts) -> list[Raised]:
    log = facts.log
    parts = []
    if log.shared >= ONE_WAY_AFTER and not log.any_shared:
        parts.append(("one-way-senior", log.shared))
    if log.led >= ONE_WAY_AFTER and not log.junior_led:
        parts.append(("one-way-junior", log.led))
    if not parts:
        return []
    return [("one-way", lambda: "; ".join(_text(facts, key, count=n) for key, n in parts))]


def _one_direction(facts: Facts) -> list[Raised]:
    """Peer pairs: raise when one side taught none of the last held sessions."""
    if facts.program.format != "peer":
        return []
    last = facts.log.sides[-ONE_DIRECTION_LAST:]
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
    count = 0
    for answer in facts.latest.values():  # loops, not sum(): these run for each match-day
        count += answer.wants_help
    if not count:
        return []
    return [("help-requested", lambda: _text(facts, "help-requested", count=count))]


def _low(facts: Facts) -> list[Raised]:
    count = 0
    for answer in facts.latest.values():
        count += answer.score <= LOW_SCORE
    if not count:
        return []
    return [("low-checkin", lambda: _text(facts, "low-checkin", count=count, low=LOW_SCORE))]


def _challenges(facts: Facts) -> list[Raised]:
    """Raise a flag for each of the guide's challenges named in someone's latest check-in."""
    found: list[Raised] = []
    named = [c.challenges for c in facts.latest.values() if c.challenges]
    if not named:
        return found
    for code in CHALLENGE_FLAGS:
        count = sum(code in challenges for challenges in named)
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


# The checks in the order of the stable code list, grouped by what they read:
# the day (and what is due or overdue by it), the log, the latest answers, the day again.
OF_DAY: tuple[Check, ...] = (_no_session, _overdue)
OF_LOG: tuple[Check, ...] = (_short, _cancellations, _only_technology, _one_way, _one_direction)
OF_ANSWERS: tuple[Check, ...] = (_help, _low, _challenges)
OF_END: tuple[Check, ...] = (_no_checkin,)
CHECKS = (OF_DAY, OF_LOG, OF_ANSWERS, OF_END)
