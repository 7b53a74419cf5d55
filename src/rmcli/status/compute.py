"""Compute the status of a whole program as of a day, from its files as models."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

from rmcli.models import Match, MatchesFile, Program, Roster, SessionRecord, SessionsFile
from rmcli.models.checkins import Checkin, CheckinsFile
from rmcli.schedule.plan import PlannedSession, plan_sessions
from rmcli.status.flags import Facts, raise_flags
from rmcli.status.model import MatchStatus, ProgramStatus, Success, Upcoming
from rmcli.status.rules import GRACE_DAYS, STREAK_SUCCESS, UPCOMING_DAYS

if TYPE_CHECKING:
    from rmcli.folder import Snapshot

DONE = ("held", "moved")  # a logged session in these states is not overdue


def status_of(
    snapshot: Snapshot, *, as_of: dt.date, planned: list[PlannedSession] | None = None
) -> ProgramStatus:
    """Return the status of a loaded program folder as of a day.

    `planned` is the program's schedule when the caller has it already (it does not
    depend on the day): the evaluation asks for the status at every month's end.
    """
    return compute_status(
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=snapshot.sessions,
        checkins=snapshot.checkins,
        as_of=as_of,
        planned=planned,
    )


def compute_status(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: SessionsFile,
    checkins: CheckinsFile,
    as_of: dt.date,
    planned: list[PlannedSession] | None = None,
) -> ProgramStatus:
    """Return the figures and flags of every match as of a day; later records are ignored."""
    if planned is None:
        planned = plan_sessions(program=program, matches=matches, roster=roster, log=sessions)
    known = set(roster.by_id())
    # Group once: a big program has thousands of records and check-ins.
    plans: dict[str, list[PlannedSession]] = defaultdict(list)
    for p in planned:
        if p.kind == "match":
            plans[p.match].append(p)
    logs: dict[str, list[SessionRecord]] = defaultdict(list)
    for r in sorted(sessions.sessions, key=lambda r: r.number):
        if r.date <= as_of:
            logs[r.match].append(r)
    answers = _latest(checkins, as_of=as_of)
    grace = dt.timedelta(days=GRACE_DAYS)
    results: list[MatchStatus] = []
    on_time = past_due = 0
    for match in matches.matches:
        plan = sorted(plans[match.id], key=lambda p: p.number)
        records = logs[match.id]
        held = {r.number: r for r in records if r.status == "held"}
        past = [p for p in plan if p.date + grace < as_of]
        for p in plan:
            if p.date + grace < as_of or p.number in held:
                past_due += 1
                on_time += p.number in held and held[p.number].date <= p.date + grace
        results.append(
            _match_status(
                match=match,
                program=program,
                plan=plan,
                records=records,
                past=past,
                answers=answers,
                known=known,
                as_of=as_of,
            )
        )
    return ProgramStatus(
        as_of=as_of,
        name=program.name,
        start=program.start,
        end=program.end(),
        matches=results,
        on_time=on_time,
        past_due=past_due,
        upcoming=_upcoming(planned, sessions=sessions, as_of=as_of),
        successes=_successes(results),
    )


def _match_status(
    *,
    match: Match,
    program: Program,
    plan: list[PlannedSession],
    records: list[SessionRecord],
    past: list[PlannedSession],
    answers: dict[str, Checkin],
    known: set[str],
    as_of: dt.date,
) -> MatchStatus:
    held = [r for r in records if r.status == "held"]
    done = {r.number for r in records if r.status in DONE}
    held_numbers = {r.number for r in held}
    juniors = tuple(p for p in match.juniors if p in known)
    seniors = tuple(p for p in match.seniors if p in known)
    latest = {p: answers[p] for p in (*juniors, *seniors) if p in answers}
    facts = Facts(
        as_of=as_of,
        program=program,
        juniors=juniors,
        seniors=seniors,
        records=records,
        due=sum(p.date <= as_of for p in plan),
        overdue=sum(p.number not in done for p in past),
        latest=latest,
        side_last={
            "juniors": max((latest[p].date for p in juniors if p in latest), default=None),
            "seniors": max((latest[p].date for p in seniors if p in latest), default=None),
        },
        teachers={p.number: p.teacher for p in plan if p.teacher},
    )
    streak = 0
    for record in reversed(records):
        if record.status != "held":
            break
        streak += 1
    logged = {r.number for r in records}
    return MatchStatus(
        id=match.id,
        juniors=juniors,
        seniors=seniors,
        held=len(held),
        due=facts.due,
        planned=len(plan),
        cancelled=sum(r.status == "cancelled" for r in records),
        moved=sum(r.status == "moved" for r in records),
        overdue=facts.overdue,
        last=max((r.date for r in held), default=None),
        next=next((p.date for p in plan if p.date >= as_of and p.number not in logged), None),
        median_minutes=float(statistics.median(r.minutes for r in held)) if held else None,
        areas=tuple(sorted({r.area for r in held if r.area})),
        streak=streak,
        all_held=bool(held) and all(p.number in held_numbers for p in past),
        flags=raise_flags(facts),
    )


def _latest(checkins: CheckinsFile, *, as_of: dt.date) -> dict[str, Checkin]:
    """Return each person's most recent answer on or before `as_of`."""
    found: dict[str, Checkin] = {}
    for answer in checkins.checkins:
        earlier = found.get(answer.person)
        if answer.date <= as_of and (earlier is None or answer.date > earlier.date):
            found[answer.person] = answer
    return found


def _upcoming(
    planned: list[PlannedSession], *, sessions: SessionsFile, as_of: dt.date
) -> list[Upcoming]:
    horizon = as_of + dt.timedelta(days=UPCOMING_DAYS)
    logged = {(r.match, r.number) for r in sessions.sessions if r.date <= as_of}
    return [
        Upcoming(
            match=p.match,
            number=p.number,
            kind=p.kind,
            date=p.date,
            topic=p.topic.title if p.topic else "",
            teacher=p.teacher,
        )
        for p in planned
        if as_of <= p.date <= horizon and (p.match, p.number) not in logged
    ]


def _successes(matches: list[MatchStatus]) -> list[Success]:
    """Return what to celebrate; a match that needs the organiser's action has earned none."""
    found: list[Success] = []
    for match in matches:
        if any(f.action for f in match.flags):
            continue
        if match.all_held:
            found.append(Success(match=match.id, code="all-held", count=match.held))
        if match.streak >= STREAK_SUCCESS:
            found.append(Success(match=match.id, code="streak", count=match.streak))
    return found
