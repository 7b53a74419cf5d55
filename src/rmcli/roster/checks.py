"""Cross-checks of roster.toml: ids, references, emails, reporting lines and warnings."""

from __future__ import annotations

from collections import Counter

from rmcli.errors import Problem
from rmcli.folder import Loaded
from rmcli.io.toml import locate
from rmcli.models import Program, Roster
from rmcli.org import find_cycles
from rmcli.words import say, say_n


def roster_problems(loaded: Loaded[Roster], program: Program | None) -> list[Problem]:
    """Return the errors and warnings about a roster, in file order."""
    return [
        *_identity(loaded),
        *_references(loaded, program),
        *_reporting_lines(loaded),
        *_warnings(loaded, program),
    ]


def _identity(loaded: Loaded[Roster]) -> list[Problem]:
    roster, text, file = loaded.model, loaded.text, loaded.file
    problems: list[Problem] = []
    ids: Counter[str] = Counter()
    emails: Counter[str] = Counter()
    for index, person in enumerate(roster.people):
        ids[person.id] += 1
        if ids[person.id] == 2:
            line = locate(text, ("people", index, "id"))
            msg = say("id is used by an earlier person too")
            problems.append(Problem(file, msg, "people.id", line))
        if person.email:
            emails[person.email.casefold()] += 1
            if emails[person.email.casefold()] == 2:
                line = locate(text, ("people", index, "email"))
                msg = say("email is used by an earlier person too (emails ignore case)")
                problems.append(Problem(file, msg, "people.email", line))
        if person.id in roster.org:
            line = locate(text, ("org", person.id))
            msg = say(
                "this id is a person in the program; give their manager in [[people]] instead"
            )
            problems.append(Problem(file, msg, f"org.{person.id}", line, severity="warning"))
    return problems


def _references(loaded: Loaded[Roster], program: Program | None) -> list[Problem]:
    roster, text, file = loaded.model, loaded.text, loaded.file
    people = {p.id for p in roster.people}
    known = people | set(roster.org)
    projects = {p.id for p in program.projects} if program else None
    problems: list[Problem] = []
    for index, person in enumerate(roster.people):

        def at(key: str, i: int = index) -> int | None:
            return locate(text, ("people", i, key))

        if person.manager == person.id:
            problems.append(
                Problem(
                    file,
                    say("a person cannot be their own manager"),
                    "people.manager",
                    at("manager"),
                )
            )
        elif person.manager and person.manager not in known:
            msg = say("unknown id; add the manager to [[people]] or under [org]")
            problems.append(Problem(file, msg, "people.manager", at("manager")))
        for key in ("avoid", "prefer"):
            for other in getattr(person, key):
                if other == person.id:
                    problems.append(
                        Problem(file, say("names the person themselves"), f"people.{key}", at(key))
                    )
                elif other not in people:
                    problems.append(
                        Problem(
                            file,
                            say("unknown id; expected the id of a person in [[people]]"),
                            f"people.{key}",
                            at(key),
                        )
                    )
        if projects is not None:
            for project in person.projects:
                if project not in projects:
                    msg = say(
                        "unknown project id; expected an id from [[projects]] in program.toml"
                    )
                    problems.append(Problem(file, msg, "people.projects", at("projects")))
    for key, manager in roster.org.items():
        if manager == key:
            problems.append(
                Problem(
                    file,
                    say("a person cannot be their own manager"),
                    f"org.{key}",
                    locate(text, ("org", key)),
                )
            )
        elif manager and manager not in known:
            msg = say('unknown id; list this manager under [org] too (with "" at the top)')
            problems.append(Problem(file, msg, f"org.{key}", locate(text, ("org", key))))
    return problems


def _reporting_lines(loaded: Loaded[Roster]) -> list[Problem]:
    roster, text, file = loaded.model, loaded.text, loaded.file
    index = {p.id: i for i, p in enumerate(roster.people)}
    problems: list[Problem] = []
    for cycle in find_cycles(roster.managers()):
        if len(cycle) == 1:
            continue  # reported above as "own manager"
        first = cycle[0]
        if first in index:
            line, key = locate(text, ("people", index[first], "manager")), "people.manager"
        else:
            line, key = locate(text, ("org", first)), f"org.{first}"
        msg = say("reporting lines form a cycle: {cycle}", cycle=" -> ".join([*cycle, cycle[0]]))
        problems.append(Problem(file, msg, key, line))
    return problems


def _warnings(loaded: Loaded[Roster], program: Program | None) -> list[Problem]:
    roster, text, file = loaded.model, loaded.text, loaded.file
    problems: list[Problem] = []
    for index, person in enumerate(roster.people):
        if not person.volunteer:
            line = locate(text, ("people", index, "volunteer"))
            msg = say(
                "{id} is not a volunteer and will not be matched;"
                " the program is voluntary on both sides",
                id=person.id,
            )
            problems.append(Problem(file, msg, "people.volunteer", line, severity="warning"))
    juniors = [p for p in roster.people if p.role == "junior" and p.volunteer]
    seniors = [p for p in roster.people if p.role == "senior" and p.volunteer]
    teachable = {t for p in juniors for t in p.expertise}
    for index, person in enumerate(roster.people):
        if person.role == "senior" and person.volunteer:
            unmet = sorted(set(person.interests) - teachable)
            if unmet:
                line = locate(text, ("people", index, "interests"))
                msg = say(
                    "no junior lists {topics} as expertise, so {id} cannot learn it here",
                    topics=", ".join(unmet),
                    id=person.id,
                )
                problems.append(Problem(file, msg, "people.interests", line, severity="warning"))
    capacity = sum(p.capacity for p in juniors)
    problems.extend(
        _size_warnings(
            file, juniors=len(juniors), capacity=capacity, seniors=len(seniors), program=program
        )
    )
    return problems


def _size_warnings(
    file: str, *, juniors: int, capacity: int, seniors: int, program: Program | None
) -> list[Problem]:
    if program is None:
        return []
    needed = program.matching.juniors_per_group[0] if program.format == "group" else 1
    warnings: list[Problem] = []
    if juniors < needed:
        msg = say_n(
            "format {format} needs at least {n} volunteer junior; the roster has {juniors}",
            "format {format} needs at least {n} volunteer juniors; the roster has {juniors}",
            needed,
            format=repr(program.format),
            juniors=juniors,
        )
        warnings.append(Problem(file, msg, "people", None, severity="warning"))
    if seniors < 1:
        msg = say("the roster has no volunteer senior (mentee) yet")
        warnings.append(Problem(file, msg, "people", None, severity="warning"))
    if program.format in {"one-to-one", "peer"} and seniors > capacity:
        msg = say_n(
            "{seniors} seniors but room for only {capacity} with the juniors' capacity:"
            " {n} senior will stay unmatched",
            "{seniors} seniors but room for only {capacity} with the juniors' capacity:"
            " {n} seniors will stay unmatched",
            seniors - capacity,
            seniors=seniors,
            capacity=capacity,
        )
        warnings.append(Problem(file, msg, "people", None, severity="warning"))
    return warnings
