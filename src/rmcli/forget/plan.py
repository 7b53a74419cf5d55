"""Work out the new text of each program file without a forgotten person."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rmcli.feedback.files import dump_feedback
from rmcli.folder import (
    CHECKINS_FILE,
    FEEDBACK_FILE,
    MATCHES_FILE,
    ROSTER_FILE,
    SESSIONS_FILE,
    Loaded,
    Snapshot,
    dump_owned,
)
from rmcli.forget.roster import forget_in_roster
from rmcli.models import Match, MatchesFile, Roster, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.models.feedback import FeedbackFile
from rmcli.progress import Progress, quiet
from rmcli.words import say

if TYPE_CHECKING:
    from rmcli.forget import ForgetPlan

# roster, matches, sessions, check-ins and feedback
FILES_PLANNED = 5


def plan_files(snapshot: Snapshot, *, plan: ForgetPlan, progress: Progress = quiet) -> None:
    """Fill `plan` with the new texts and counts of roster, matches, sessions, check-ins, feedback."""
    who = plan.person
    phase = say("program files planned without the person")
    progress(phase, 0, FILES_PLANNED)
    roster = snapshot.roster_file.strict()
    person = roster.model.get(who)
    if person is not None:
        plan.marks = [v for v in (person.name, person.email) if len(v) >= 3]
        plan.email = person.email
    _roster(plan, roster)
    progress(phase, 1, FILES_PLANNED)
    matches = snapshot.matches
    _matches(plan, matches)
    progress(phase, 2, FILES_PLANNED)
    _sessions(plan, snapshot.sessions, known={m.id for m in matches.matches})
    progress(phase, 3, FILES_PLANNED)
    checkins = snapshot.checkins
    kept = [c for c in checkins.checkins if c.person != who]
    if len(kept) != len(checkins.checkins):
        plan.removed[CHECKINS_FILE] = len(checkins.checkins) - len(kept)
        plan.texts[CHECKINS_FILE] = dump_owned(CheckinsFile(checkins=kept))
    progress(phase, 4, FILES_PLANNED)
    feedback = snapshot.feedback
    answers = [a for a in feedback.answers if a.person != who]
    if len(answers) != len(feedback.answers):
        plan.removed[FEEDBACK_FILE] = len(feedback.answers) - len(answers)
        plan.texts[FEEDBACK_FILE] = dump_feedback(FeedbackFile(answers=answers))
    progress(phase, FILES_PLANNED, FILES_PLANNED)


def _roster(plan: ForgetPlan, loaded: Loaded[Roster]) -> None:
    roster, who = loaded.model, plan.person
    named = (
        roster.get(who) is not None
        or who in roster.org
        or who in roster.org.values()
        or any(who in (p.manager, *p.avoid, *p.prefer) for p in roster.people)
    )
    if not named:
        return
    edit = forget_in_roster(text=loaded.text, roster=roster, person_id=who, token=plan.token)
    plan.anonymous = edit.anonymous
    plan.removed[ROSTER_FILE] = edit.removed + edit.references
    plan.texts[ROSTER_FILE] = edit.text


def _matches(plan: ForgetPlan, matches: MatchesFile) -> None:
    who = plan.person
    mark = mention_pattern(who, plan.marks)
    taken = {m.id for m in matches.matches}
    kept: list[Match] = []
    changed = 0  # kept matches that differ from before (counted here: a search of all is quadratic)
    for match in matches.matches:
        if who not in match.people:
            kept.append(match)
            continue
        juniors = [p for p in match.juniors if p != who]
        seniors = [p for p in match.seniors if p != who]
        if not juniors or not seniors:
            plan.dissolved.append(match.id)  # a pair ends; the partner is free to be matched again
            continue
        new_id = match.id
        if mark.search(match.id):
            new_id = _free_id(f"group-{plan.token}", taken)
            taken.add(new_id)
            plan.renamed[match.id] = new_id
        reasons = [r for r in match.reasons if not mark.search(r)]
        copy = match.model_copy(
            update={"id": new_id, "juniors": juniors, "seniors": seniors, "reasons": reasons}
        )
        changed += copy != match
        kept.append(copy)
    touched = len(matches.matches) - len(kept) + changed
    if touched:
        plan.removed[MATCHES_FILE] = touched
        plan.texts[MATCHES_FILE] = dump_owned(MatchesFile(matches=kept))


def _sessions(plan: ForgetPlan, sessions: SessionsFile, *, known: set[str]) -> None:
    mark = mention_pattern(plan.person, [])
    kept = []
    touched = 0
    for record in sessions.sessions:
        theirs = record.match in plan.dissolved or (
            record.match not in known and mark.search(record.match)
        )
        if theirs:
            touched += 1
            continue  # the log of their sessions, notes included, goes with them
        update: dict[str, object] = {}
        if record.match in plan.renamed:
            update["match"] = plan.renamed[record.match]
        if record.led_by == plan.person:
            update["led_by"] = ""
        if update:
            touched += 1
            record = record.model_copy(update=update)
        kept.append(record)
    if touched:
        plan.removed[SESSIONS_FILE] = touched
        plan.texts[SESSIONS_FILE] = dump_owned(SessionsFile(sessions=kept))


def mention_pattern(person_id: str, values: list[str]) -> re.Pattern[str]:
    """Return a pattern for the mentions of a person in text: id, full name or email.

    The id matches as written and as a whole word ('-' separates words, as in match ids); the
    full name and the email in any case, as whole words. A single name part is no mention:
    colleagues share given and family names, and "Junior" or "Will" are words too.
    """
    word = "(?<![A-Za-z0-9_.]){}(?![A-Za-z0-9_.])"
    alternatives = [word.format(re.escape(person_id))] if person_id else []
    alternatives += [f"(?i:(?<!\\w){re.escape(v)}(?!\\w))" for v in values if v]
    return re.compile("|".join(alternatives))


def _free_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
