"""Edit a hand-written roster.toml in place, keeping its comments and layout."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from rmcli.errors import InputError
from rmcli.models import Person, Roster
from rmcli.progress import Progress, due, quiet
from rmcli.words import say

_HEADER = re.compile(r"^\s*\[")
_PEOPLE = re.compile(r"^\s*\[\[\s*people\s*\]\]\s*(#.*)?$")
_CONTENT = re.compile(r"^\s*[^\s#]")


def person_data(person: Person) -> dict[str, Any]:
    """Return the keys worth writing for a person: required ones and those not at their default."""
    data = person.model_dump(mode="python", exclude_defaults=True)
    ordered = {key: data[key] for key in Person.model_fields if key in data}
    ordered.setdefault("id", person.id)
    return ordered


def person_table(person: Person) -> str:
    """Return a `[[people]]` table for one person, one key a line, lists inline."""
    import tomlkit  # noqa: PLC0415 (kept out of start-up)

    lines = ["[[people]]"]
    for key, value in person_data(person).items():
        lines.append(f"{key} = {tomlkit.item(value).as_string()}")
    return "\n".join(lines)


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Return (first, last) line indexes of each [[people]] table, without trailing comments."""
    headers = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    blocks: list[tuple[int, int]] = []
    for position, start in enumerate(headers):
        if not _PEOPLE.match(lines[start]):
            continue
        end = headers[position + 1] if position + 1 < len(headers) else len(lines)
        last = start
        for index in range(start + 1, end):
            if _CONTENT.match(lines[index]):
                last = index
        blocks.append((start, last))
    return blocks


def append_people(text: str, people: list[Person], *, progress: Progress = quiet) -> str:
    """Return the roster text with new [[people]] tables after the last person."""
    if not people:
        return text
    phase = say("roster entries written")
    tables = []
    for done, person in enumerate(people, start=1):
        tables.append(person_table(person))
        if due(done, len(people)):
            progress(phase, done, len(people))
    fragment = "\n\n".join(tables)
    lines = text.splitlines()
    blocks = _blocks(lines)
    if blocks:
        at = blocks[-1][1] + 1
    else:
        at = next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines))
        while at < len(lines) and at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1  # keep a comment that introduces the following table with it
    insert = ["", *fragment.splitlines()]
    if at < len(lines) and lines[at].strip():
        insert.append("")
    new_lines = lines[:at] + insert + lines[at:]
    return "\n".join(new_lines).lstrip("\n") + "\n"


def remove_person(text: str, person_id: str) -> str:
    """Return the roster text without the [[people]] table of `person_id`."""
    lines = text.splitlines()
    for start, last in _blocks(lines):
        block = "\n".join(lines[start : last + 1])
        people = tomllib.loads(block).get("people", [{}])
        if people and people[0].get("id") == person_id:
            end = last + 1
            # drop one blank line that separated the table from the next one
            if end < len(lines) and not lines[end].strip():
                end += 1
            return "\n".join(lines[:start] + lines[end:]).rstrip("\n") + "\n"
    raise InputError("roster.toml: people: " + say("no person with id {id}", id=repr(person_id)))


def set_values(
    text: str, changes: dict[str, dict[str, Any]], org: dict[str, str] | None = None
) -> str:
    """Return the roster text with some keys of some people changed (and [org] lines added)."""
    import tomlkit  # noqa: PLC0415 (kept out of start-up)

    document = tomlkit.parse(text)
    for table in document.get("people", []):
        for key, value in changes.get(str(table.get("id")), {}).items():
            if value in ("", [], None):
                if key in table:
                    del table[key]
            else:
                table[key] = value
    if org:
        if "org" not in document:
            document.add(tomlkit.nl())
            document["org"] = tomlkit.table()
        for key, value in org.items():
            document["org"][key] = value
    return tomlkit.dumps(document)


def verify(text: str, expected: Roster) -> None:
    """Check that the edited text reads back as exactly the roster intended."""
    try:
        found = Roster.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        message = say("the edited roster did not read back; nothing was written")
        raise InputError("roster.toml: " + message) from exc
    if found != expected:
        message = say("the edited roster differs from what was intended; nothing was written")
        raise InputError("roster.toml: " + message)
