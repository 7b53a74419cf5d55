"""Change the roster: add, import and remove people, keeping the file's comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.folder import MATCHES_FILE, ROSTER_FILE, Loaded, Snapshot, load, write_owned
from rmcli.io.atomic import write_text
from rmcli.io.lock import program_lock
from rmcli.models import MatchesFile, Person, Program, Roster
from rmcli.progress import Progress, quiet
from rmcli.roster.checks import roster_problems
from rmcli.roster.edit import append_people, person_data, remove_person, set_values, verify
from rmcli.words import did_you_mean, say


@dataclass
class RosterChange:
    """What an add, import or remove did (or would do, in a dry run)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    dissolved_matches: list[str] = field(default_factory=list)
    moved_to_org: list[str] = field(default_factory=list)
    added_to_org: list[str] = field(default_factory=list)
    changed_keys: dict[str, list[str]] = field(default_factory=dict)  # updated id -> keys


def _new_errors(
    before: Loaded[Roster], after: Loaded[Roster], program: Program | None
) -> list[Problem]:
    old = {(p.key, p.message) for p in roster_problems(before, program) if p.severity == "error"}
    return [
        p
        for p in roster_problems(after, program)
        if p.severity == "error" and (p.key, p.message) not in old
    ]


def _check(snapshot: Snapshot, before: Loaded[Roster], text: str, expected: Roster) -> None:
    verify(text, expected)
    after = Loaded(model=expected, text=text, file=before.file)
    try:
        program: Program | None = snapshot.program
    except ProblemsError:
        program = None  # `rmcli validate` reports a broken program.toml; the roster check goes on
    problems = _new_errors(before, after, program)
    if problems:
        raise ProblemsError(problems, hint=say("nothing was written"))


def _commit(
    snapshot: Snapshot, before: Loaded[Roster], text: str, expected: Roster, *, dry_run: bool
) -> None:
    _check(snapshot, before, text, expected)
    if not dry_run:
        write_text(snapshot.folder / ROSTER_FILE, text, private=True)


def add_people(*, folder: Path, people: list[Person], dry_run: bool = False) -> RosterChange:
    """Add new people to the roster; refuse ids that are taken."""
    with program_lock(folder):
        snapshot = load(folder)
        before = snapshot.roster_file.strict()
        taken = {p.id for p in before.model.people}
        clash = [p.id for p in people if p.id in taken]
        if clash:
            message = say("already in the roster: {ids}", ids=", ".join(clash))
            raise InputError(f"{before.file}: people.id: {message}")
        text = append_people(before.text, people)
        expected = Roster(people=[*before.model.people, *people], org=before.model.org)
        try:
            _commit(snapshot, before, text, expected, dry_run=dry_run)
        except ProblemsError as exc:
            raise ProblemsError(
                [_as_flag(p) for p in exc.problems],
                hint=exc.hint,
            ) from None
    return RosterChange(added=[p.id for p in people])


def _as_flag(problem: Problem) -> Problem:
    """Return a problem the people being added brought as one about the value given.

    Only new problems stop an add, so each is about the added entries, whose lines were
    never written: a line number there would point nowhere.
    """
    if not problem.key.startswith("people."):
        return problem
    flag = "--" + problem.key.rpartition(".")[2].replace("_", "-")
    return Problem(file=flag, message=problem.message, severity=problem.severity)


def import_people(
    *,
    folder: Path,
    people: list[Person],
    columns: set[str],
    dry_run: bool,
    org: list[str] | None = None,
    progress: Progress = quiet,
) -> RosterChange:
    """Add new people and update the given columns of existing ones (matched by id).

    `org` are managers outside the program, added under [org] at the top ("").
    """
    change = RosterChange(added_to_org=list(org or []))
    with program_lock(folder):
        snapshot = load(folder)
        before = snapshot.roster_file.strict()
        current = before.model.by_id()
        new, updates = [], {}
        for given in people:
            old = current.get(given.id)
            person = given if old is None else _merge(old, given, columns)
            if old is None:
                new.append(person)
                change.added.append(person.id)
            elif old == person:
                change.unchanged.append(person.id)
            else:
                updates[person.id] = _diff(old, person)
                change.updated.append(person.id)
                change.changed_keys[person.id] = sorted(updates[person.id])
        extra_org = dict.fromkeys(change.added_to_org, "")
        text = set_values(before.text, updates, extra_org) if updates or extra_org else before.text
        text = append_people(text, new, progress=progress)
        replaced = {p.id: _merge(current[p.id], p, columns) for p in people if p.id in updates}
        expected = Roster(
            people=[replaced.get(p.id, p) for p in before.model.people] + new,
            org={**before.model.org, **extra_org},
        )
        phase = say("new roster checked and saved")
        progress(phase, 0, 1)
        _commit(snapshot, before, text, expected, dry_run=dry_run)
        progress(phase, 1, 1)
    return change


def _merge(old: Person, new: Person, columns: set[str]) -> Person:
    """Return `old` with the values of the imported columns taken from `new`."""
    return old.model_copy(
        update={key: getattr(new, key) for key in columns if key in Person.model_fields}
    )


def _diff(old: Person, new: Person) -> dict[str, object]:
    old_data = old.model_dump()
    new_data = person_data(new)
    changes: dict[str, object] = {k: v for k, v in new.model_dump().items() if old_data.get(k) != v}
    # keys back at their default are deleted rather than written out
    return {k: (new_data.get(k, "" if not isinstance(v, list) else [])) for k, v in changes.items()}


def unknown_person(file: str, person_id: str, roster: Roster) -> InputError:
    """Return the error for an id that is nobody in the roster, with the closest ids."""
    return InputError(
        say("{file}: people: no person with id {id}", file=file, id=repr(person_id)),
        hint=did_you_mean(person_id, (p.id for p in roster.people)),
    )


def remove(*, folder: Path, person_id: str, dry_run: bool = False) -> RosterChange:
    """Remove one person; dissolve their match and keep reporting lines that run through them."""
    change = RosterChange(removed=[person_id])
    with program_lock(folder):
        snapshot = load(folder)
        before = snapshot.roster_file.strict()
        person = before.model.get(person_id)
        if person is None:
            raise unknown_person(before.file, person_id, before.model)
        rest = [p for p in before.model.people if p.id != person_id]
        org = dict(before.model.org)
        if any(p.manager == person_id for p in rest) or person_id in org.values():
            org[person_id] = person.manager  # still their colleagues' manager outside the program
            change.moved_to_org.append(person_id)
        cleaned: list[Person] = []
        updates: dict[str, dict[str, object]] = {}
        for other in rest:
            avoid = [i for i in other.avoid if i != person_id]
            prefer = [i for i in other.prefer if i != person_id]
            if avoid != other.avoid or prefer != other.prefer:
                updates[other.id] = {"avoid": avoid, "prefer": prefer}
                other = other.model_copy(update={"avoid": avoid, "prefer": prefer})
            cleaned.append(other)
        text = remove_person(before.text, person_id)
        extra_org = {person_id: org[person_id]} if person_id in change.moved_to_org else None
        if updates or extra_org:
            text = set_values(text, updates, extra_org)
        _check(snapshot, before, text, Roster(people=cleaned, org=org))
        matches = snapshot.matches
        kept = [m for m in matches.matches if person_id not in m.people]
        change.dissolved_matches = [m.id for m in matches.matches if person_id in m.people]
        if not dry_run:
            # matches first: a stop in between leaves a free partner, never a dangling match
            if change.dissolved_matches:
                write_owned(folder, MATCHES_FILE, MatchesFile(matches=kept))
            write_text(folder / ROSTER_FILE, text, private=True)
    return change


def set_org(*, folder: Path, org_id: str, manager: str, dry_run: bool = False) -> RosterChange:
    """Add (or change) a manager outside the program under [org]: their id and their manager."""
    with program_lock(folder):
        snapshot = load(folder)
        before = snapshot.roster_file.strict()
        roster = before.model
        if roster.get(org_id) is not None:
            raise InputError(
                say("{id} is a person of the program; [org] is for managers outside it", id=org_id)
            )
        known = {p.id for p in roster.people} | set(roster.org)
        if manager and manager not in known:
            raise InputError(
                say("--manager: no person or [org] entry with id {id}", id=repr(manager)),
                hint=did_you_mean(manager, known),
            )
        change = RosterChange()
        (change.updated if org_id in roster.org else change.added_to_org).append(org_id)
        text = set_values(before.text, {}, {org_id: manager})
        expected = Roster(people=roster.people, org={**roster.org, org_id: manager})
        _commit(snapshot, before, text, expected, dry_run=dry_run)
    return change


def remove_org(*, folder: Path, org_id: str, dry_run: bool = False) -> RosterChange:
    """Remove a manager from [org]; refused while someone still reports to them."""
    import tomlkit  # noqa: PLC0415 (kept out of start-up)

    with program_lock(folder):
        snapshot = load(folder)
        before = snapshot.roster_file.strict()
        roster = before.model
        if org_id not in roster.org:
            raise InputError(
                say("{file}: org: no entry {id}", file=before.file, id=repr(org_id)),
                hint=did_you_mean(org_id, roster.org),
            )
        reports = sorted(
            [p.id for p in roster.people if p.manager == org_id]
            + [k for k, v in roster.org.items() if v == org_id]
        )
        if reports:
            raise InputError(
                say("{id} is still the manager of {ids}", id=org_id, ids=", ".join(reports)),
                hint=say("change their manager first"),
            )
        document = tomlkit.parse(before.text)
        del document["org"][org_id]
        org = {k: v for k, v in roster.org.items() if k != org_id}
        _commit(
            snapshot,
            before,
            tomlkit.dumps(document),
            Roster(people=roster.people, org=org),
            dry_run=dry_run,
        )
    return RosterChange(removed=[org_id])
