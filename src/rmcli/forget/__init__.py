"""The core of `rmcli forget`: erase one person from every file of a program."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rmcli.errors import InputError
from rmcli.folder import (
    ERASURES_FILE,
    OUTBOX_DIR,
    REPORTS_DIR,
    ROSTER_FILE,
    Snapshot,
    load,
    write_owned,
)
from rmcli.forget.derived import plan_derived
from rmcli.forget.plan import mention_pattern, plan_files
from rmcli.forget.record import Erasure, ErasuresFile, add, erasures_file, find, new_token
from rmcli.io import cache
from rmcli.io.atomic import write_text
from rmcli.io.lock import program_lock
from rmcli.progress import Progress, due, quiet
from rmcli.words import say

SCANNED = (".toml", ".md", ".csv", ".ics", ".txt", ".html", ".json")
# The key in the erasure record that counts derived files rewritten without the person.
DERIVED = "derived files rewritten"
# ... and the key counting calendars removed outside reports/ and outbox/.
DERIVED_REMOVED = "derived files removed"


@dataclass
class ForgetPlan:
    """What forgetting one person removes (or removed), file by file."""

    person: str
    token: str
    removed: dict[str, int] = field(default_factory=dict)  # file -> entries removed
    dissolved: list[str] = field(default_factory=list)  # match ids that ended
    renamed: dict[str, str] = field(default_factory=dict)  # group match id -> new id
    reports: list[str] = field(default_factory=list)  # derived files removed (reports, outbox)
    rewritten: dict[str, str] = field(default_factory=dict)  # derived file -> text without them
    anonymous: str = ""  # stands in for them in colleagues' reporting lines
    texts: dict[str, str] = field(default_factory=dict)  # file -> new text, written in order
    leftovers: list[str] = field(default_factory=list)  # FILE:LINE still mentioning them
    earlier: Erasure | None = None  # a previous, perhaps interrupted, erasure of the same id
    # Full name and email: searched for, never shown.
    marks: list[str] = field(default_factory=list, repr=False)
    email: str = field(default="", repr=False)


@dataclass(frozen=True)
class Outcome:
    """The result of `forget`: done now, or forgotten before."""

    plan: ForgetPlan | None
    already: Erasure | None = None


def resolve(*, snapshot: Snapshot, person_id: str | None, email: str | None) -> tuple[str, str]:
    """Return (id, email) of the person named by id or by email; ("", email) if unknown by email."""
    if email and person_id:
        raise InputError(say("name the person by ID or by --email, not both"))
    roster = snapshot.roster
    if email:
        wanted = email.strip().casefold()
        person = next((p for p in roster.people if p.email and p.email.casefold() == wanted), None)
        return (person.id, person.email) if person else ("", email)
    if not person_id:
        raise InputError(say("name the person to forget: an ID, or --email ADDRESS"))
    person = roster.get(person_id)
    return person_id, person.email if person else ""


def forget(
    *,
    folder: Path,
    person_id: str | None = None,
    email: str | None = None,
    today: dt.date,
    dry_run: bool = False,
    progress: Progress = quiet,
) -> Outcome:
    """Erase a person from roster, matches, sessions, check-ins, feedback and reports."""
    with program_lock(folder):
        reading = say("program files read")
        progress(reading, 0, 1)
        snapshot = load(folder)
        progress(reading, 1, 1)
        found_id, found_email = resolve(snapshot=snapshot, person_id=person_id, email=email)
        record = erasures_file(snapshot).strict().model
        plan = (
            plan_forget(snapshot, person_id=found_id, record=record, progress=progress)
            if found_id
            else None
        )
        if plan is None or not plan.removed:
            earlier = find(record, person_id=found_id, email=found_email)
            if earlier is not None:
                if not dry_run:
                    cache.drop(folder)  # a run stopped before its end may have left it
                return Outcome(plan=None, already=earlier)
            if found_id:
                raise InputError(
                    say(
                        "{folder}: no person with id {id} in this program; nothing to forget",
                        folder=folder,
                        id=repr(found_id),
                    )
                )
            raise InputError(
                say(
                    "{folder}: nobody in roster.toml has this email; nothing to forget",
                    folder=folder,
                ),
                hint=say("forget by id if the person was removed from the roster earlier"),
            )
        if not dry_run:
            apply(
                folder=folder,
                plan=plan,
                record=record,
                email=found_email,
                today=today,
                progress=progress,
            )
            plan.leftovers = mentions(folder, plan=plan, progress=progress)
    return Outcome(plan=plan)


def plan_forget(
    snapshot: Snapshot, *, person_id: str, record: ErasuresFile, progress: Progress = quiet
) -> ForgetPlan:
    """Return the new text of every file that names the person, without writing anything."""
    folder = snapshot.folder
    earlier = find(record, person_id=person_id)
    plan = ForgetPlan(
        person=person_id, token=earlier.token if earlier else new_token(), earlier=earlier
    )
    plan_files(snapshot, plan=plan, progress=progress)
    if not plan.removed:
        return plan  # nothing of theirs is left: derived files were dealt with before
    derived = plan_derived(
        folder,
        person=person_id,
        email=plan.email,
        pattern=mention_pattern(person_id, plan.marks),
        matches=set(plan.dissolved) | set(plan.renamed),
        progress=progress,
    )
    plan.reports = derived.removed
    plan.rewritten = derived.rewritten
    for generated in (REPORTS_DIR, OUTBOX_DIR):
        count = sum(Path(name).parts[0] == generated for name in plan.reports)
        if count:
            plan.removed[generated] = count
    removed_elsewhere = [
        n for n in plan.reports if Path(n).parts[0] not in (REPORTS_DIR, OUTBOX_DIR)
    ]
    if removed_elsewhere:
        plan.removed[DERIVED_REMOVED] = len(removed_elsewhere)
    if plan.rewritten:
        plan.removed[DERIVED] = len(plan.rewritten)
    return plan


def apply(
    *,
    folder: Path,
    plan: ForgetPlan,
    record: ErasuresFile,
    email: str,
    today: dt.date,
    progress: Progress = quiet,
) -> None:
    """Write the erasure record, remove and rewrite derived files, write each data file, roster last.

    The record comes first, with every count this run will remove: a run stopped anywhere is
    finished by running it again, and the record then holds what an uninterrupted run holds.
    """
    updated = add(
        record,
        person_id=plan.person,
        email=email,
        date=today,
        token=plan.token,
        removed=plan.removed,
    )
    phase = say("files changed")
    total = 1 + len(plan.reports) + len(plan.rewritten) + len(plan.texts)
    done = 1
    progress(phase, 0, total)
    write_owned(folder, ERASURES_FILE, updated)
    cache.drop(folder)
    progress(phase, done, total)
    for name in plan.reports:
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError as exc:
            message = say(
                "{path}: cannot delete the report: {reason}",
                path=folder / name,
                reason=exc.strerror,
            )
            raise InputError(message) from exc
        done += 1
        progress(phase, done, total)
    for name, text in plan.rewritten.items():
        write_text(folder / name, text, private=True)
        done += 1
        progress(phase, done, total)
    roster_text = plan.texts.get(ROSTER_FILE)
    for name, text in plan.texts.items():
        if name != ROSTER_FILE:
            write_text(folder / name, text, private=True)
            done += 1
            progress(phase, done, total)
    if roster_text is not None:
        write_text(folder / ROSTER_FILE, roster_text, private=True)
        progress(phase, total, total)
    # Again: a command reading beside this run may have kept the old files meanwhile (its
    # entry is removed by that command itself if it noticed the change; this is the rest).
    cache.drop(folder)


def mentions(folder: Path, *, plan: ForgetPlan, progress: Progress = quiet) -> list[str]:
    """Return FILE:LINE of every place in the program's text files that still names the person."""
    pattern = mention_pattern(plan.person, plan.marks)
    paths = [
        path
        for path in sorted(folder.rglob("*"))
        if path.suffix in SCANNED
        and path.is_file()
        and not any(p.startswith(".") for p in path.relative_to(folder).parts)
    ]
    phase = say("files searched for mentions")
    places = []
    for done, path in enumerate(paths, start=1):
        for number, line in enumerate(_read(path).splitlines(), start=1):
            if pattern.search(line):
                places.append(f"{path.relative_to(folder)}:{number}")
        if due(done, len(paths)):
            progress(phase, done, len(paths))
    return places


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
