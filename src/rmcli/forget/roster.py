"""Take a forgotten person out of roster.toml, keeping comments and colleagues' reporting lines."""

from __future__ import annotations

from dataclasses import dataclass

from rmcli.models import Roster
from rmcli.roster.edit import remove_person, verify


@dataclass(frozen=True)
class RosterEdit:
    """The roster text after forgetting someone, and what changed in it."""

    text: str
    roster: Roster
    removed: int  # 1 when the person's [[people]] table went
    references: int  # manager, [org], avoid and prefer entries that named them
    anonymous: str  # the id that now stands in their place in reporting lines ("" if none)


def anonymous_id(token: str) -> str:
    """Return the id that replaces a forgotten manager in colleagues' reporting lines."""
    return f"forgotten-{token}"


def forget_in_roster(*, text: str, roster: Roster, person_id: str, token: str) -> RosterEdit:
    """Return the roster without the person; reporting lines through them keep an anonymous node."""
    import tomlkit  # noqa: PLC0415 (kept out of start-up)

    person = roster.get(person_id)
    own_manager = person.manager if person else roster.org.get(person_id, "")
    reports = [p.id for p in roster.people if p.manager == person_id and p.id != person_id]
    org_reports = [k for k, v in roster.org.items() if v == person_id and k != person_id]
    anon = anonymous_id(token) if reports or org_reports else ""
    if person is not None:
        text = remove_person(text, person_id)
    people = [
        other.model_copy(
            update={
                "manager": anon if other.manager == person_id else other.manager,
                "avoid": [i for i in other.avoid if i != person_id],
                "prefer": [i for i in other.prefer if i != person_id],
            }
        )
        for other in roster.people
        if other.id != person_id
    ]
    new_org = {k: v for k, v in roster.org.items() if k != person_id}
    named = person_id in roster.org or any(
        person_id in (p.manager, *p.avoid, *p.prefer) for p in roster.people if p.id != person_id
    )
    if not named and not anon:
        # nobody else names them: the text without their table is the whole edit
        expected = Roster(people=people, org=new_org)
        verify(text, expected)
        return RosterEdit(
            text=text, roster=expected, removed=1 if person else 0, references=0, anonymous=""
        )
    document = tomlkit.parse(text)
    references = 0
    for table in document.get("people", []):
        changes: dict[str, object] = {}
        if table.get("manager") == person_id:
            changes["manager"] = anon
        for key in ("avoid", "prefer"):
            values = [str(v) for v in table.get(key, [])]
            if person_id in values:
                changes[key] = [v for v in values if v != person_id]
        for key, value in changes.items():
            references += 1
            if value in ("", []):
                del table[key]
            else:
                table[key] = value
    org = document.get("org")
    if org is not None:
        if person_id in org:
            del org[person_id]
            references += 1
        for key in org_reports:
            org[key] = anon
            new_org[key] = anon
            references += 1
    if anon:
        if org is None:
            document.add(tomlkit.nl())
            document["org"] = tomlkit.table()
            org = document["org"]
        org[anon] = own_manager  # the chain above them still counts for the matching rules
        new_org[anon] = own_manager
    new_text = tomlkit.dumps(document)
    expected = Roster(people=people, org=new_org)
    verify(new_text, expected)
    return RosterEdit(
        text=new_text,
        roster=expected,
        removed=1 if person else 0,
        references=references,
        anonymous=anon,
    )
