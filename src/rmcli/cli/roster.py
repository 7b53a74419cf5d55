"""`rmcli roster`: list, add, import and remove the people of a program."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    DryRunOption,
    JsonOption,
    ProgramOption,
    SuggestingGroup,
    YesOption,
    complete_person_id,
    program_dir,
)
from rmcli.cli.output import note, print_json
from rmcli.errors import ActionNeeded
from rmcli.words import say

if TYPE_CHECKING:
    from rmcli.models import Person

app = typer.Typer(
    cls=SuggestingGroup,
    help=say("List, add, import and remove the people of a program."),
    no_args_is_help=True,
)

org_app = typer.Typer(
    cls=SuggestingGroup,
    help=say("List, add and remove managers outside the program ([org] in roster.toml)."),
    no_args_is_help=True,
)
app.add_typer(org_app, name="org")

ListOption = Annotated[
    list[str] | None, typer.Option(help=say("A topic id; repeat, or separate with ',' or ';'."))
]


@app.command("list", help=say("Show everyone in the roster."))
def list_people(
    ctx: typer.Context,
    program: ProgramOption = None,
    role: Annotated[str | None, typer.Option(help=say("Show only 'junior' or 'senior'."))] = None,
    json: JsonOption = False,
) -> None:
    """Show everyone in the roster."""
    from rmcli.cli.views.roster import people_table
    from rmcli.folder import load

    roster = load(program_dir(ctx, program)).roster
    people = [p for p in roster.people if role is None or p.role == role]
    if json:
        print_json({"people": [p.model_dump(mode="json") for p in people], "org": roster.org})
    else:
        people_table(people)


@app.command(
    "add", help=say("Add one person, from flags or by asking for what flags did not give.")
)
def add(
    ctx: typer.Context,
    program: ProgramOption = None,
    id: Annotated[
        str | None, typer.Option("--id", help=say("Unique lower-case id (default: from the name)."))
    ] = None,
    name: Annotated[str | None, typer.Option(help=say("Full name."))] = None,
    role: Annotated[
        str | None, typer.Option(help=say("junior (mentor) or senior (mentee)."))
    ] = None,
    email: Annotated[str, typer.Option(help=say("Email address, for calendar invitations."))] = "",
    title: Annotated[str, typer.Option(help=say("Job title."))] = "",
    department: Annotated[str, typer.Option(help=say("Department or team."))] = "",
    manager: Annotated[str, typer.Option(help=say("Id of the direct manager."))] = "",
    volunteer: Annotated[
        bool, typer.Option(help=say("Takes part voluntarily (only volunteers are matched)."))
    ] = True,
    capacity: Annotated[
        int, typer.Option(help=say("How many seniors a junior mentors at most."))
    ] = 1,
    expertise: ListOption = None,
    interests: ListOption = None,
    timezone: Annotated[str, typer.Option(help=say("IANA time zone, e.g. Europe/Berlin."))] = "UTC",
    languages: Annotated[
        list[str] | None, typer.Option(help=say("Language code; repeat (default: en)."))
    ] = None,
    avoid: Annotated[
        list[str] | None, typer.Option(help=say("Id of someone never to match with; repeat."))
    ] = None,
    prefer: Annotated[
        list[str] | None, typer.Option(help=say("Id of a preferred partner; repeat."))
    ] = None,
    projects: Annotated[
        list[str] | None, typer.Option(help=say("Project id (project format); repeat."))
    ] = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Add one person, from flags or by asking for what flags did not give."""
    folder = program_dir(ctx, program)
    person = complete_person(
        given={
            "id": id,
            "name": name,
            "role": role,
            "email": email,
            "title": title,
            "department": department,
            "manager": manager,
            "volunteer": volunteer,
            "capacity": capacity,
            "expertise": expertise,
            "interests": interests,
            "timezone": timezone,
            "languages": languages,
            "avoid": avoid,
            "prefer": prefer,
            "projects": projects,
        },
        asking=ask.can_ask(yes),
    )
    from rmcli.roster.change import add_people

    add_people(folder=folder, people=[person])
    if json:
        print_json({"dry_run": False, "added": [person.id]})
    note(
        say(
            "added {person} ({role}) to {path}",
            person=person.id,
            role=person.role,
            path=folder / "roster.toml",
        )
    )


@app.command(
    "import", help=say("Add or update people from a CSV file; a bad row stops the whole import.")
)
def import_csv(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help=say("CSV file with a header row; lists separated by ';'."))
    ],
    program: ProgramOption = None,
    org_from_managers: Annotated[
        bool,
        typer.Option(
            "--org-from-managers",
            help=say("List managers who are not in the program under [org] (at the top)."),
        ),
    ] = False,
    dry_run: DryRunOption = False,
    json: JsonOption = False,
) -> None:
    """Add or update people from a CSV file; a bad row stops the whole import."""
    from rmcli.cli.views.progress import shown
    from rmcli.cli.views.roster import change_summary
    from rmcli.folder import load
    from rmcli.roster.change import import_people
    from rmcli.roster.csv import outside_managers, people_from_csv

    folder = program_dir(ctx, program)
    with shown(json=json) as progress:
        roster = load(folder).roster
        people_ids, org_ids = {p.id for p in roster.people}, set(roster.org)
        people, columns = people_from_csv(
            file,
            people_ids=people_ids,
            org_ids=org_ids,
            known=roster.by_id(),
            org_from_managers=org_from_managers,
            progress=progress,
        )
        outside = outside_managers(people, people_ids=people_ids, org_ids=org_ids)
        change = import_people(
            folder=folder,
            people=people,
            columns=columns,
            dry_run=dry_run,
            org=outside,
            progress=progress,
        )
    change_summary(change, dry_run=dry_run, json=json)


@app.command(
    "remove",
    help=say("Remove a person from the roster; their match is dissolved and the partner is free."),
)
def remove(
    ctx: typer.Context,
    person: Annotated[
        str,
        typer.Argument(
            help=say("Id of the person who leaves the program."), autocompletion=complete_person_id
        ),
    ],
    program: ProgramOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Remove a person from the roster; their match is dissolved and the partner is free."""
    from rmcli.cli.views.roster import change_summary
    from rmcli.folder import load
    from rmcli.roster.change import remove as remove_person
    from rmcli.roster.change import unknown_person

    folder = program_dir(ctx, program)
    roster = load(folder).roster_file.strict()
    if roster.model.get(person) is None:  # before any question
        raise unknown_person(roster.file, person, roster.model)
    if not dry_run and not yes:
        refused = ActionNeeded(
            say("removing {person} needs confirmation", person=person),
            hint=say("use --yes, or --dry-run to see what would change"),
        )
        if not ask.confirm(
            say("Remove {person} from the program?", person=person),
            asking=ask.can_ask(yes),
            otherwise=refused,
        ):
            note(say("nothing was changed"))
            raise typer.Exit(1)
    change = remove_person(folder=folder, person_id=person, dry_run=dry_run)
    change_summary(change, dry_run=dry_run, json=json)


def slugify(name: str) -> str:
    """Return a lower-case id made from a name ('Ana López' -> 'ana-lopez')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:64].strip("-") or "person"


def split_items(values: list[str] | None) -> list[str]:
    """Return list items from repeated options that may also hold ',' or ';' lists."""
    items: list[str] = []
    for value in values or []:
        items.extend(part.strip() for part in re.split(r"[,;]", value) if part.strip())
    return items


def complete_person(*, given: dict[str, Any], asking: bool) -> Person:
    """Return a valid person from the flags, asking for name, role and id where missing."""
    from pydantic import ValidationError

    from rmcli.errors import Problem, ProblemsError
    from rmcli.io.toml import friendly
    from rmcli.models import Person

    data = dict(given)
    data["name"] = ask.answer(
        data.get("name") or None,
        flag="--name",
        asking=asking,
        question=lambda: ask.text(say("Full name:")),
    )
    data["role"] = ask.answer(
        data.get("role") or None,
        flag="--role",
        asking=asking,
        question=lambda: ask.choice(say("Role:"), choices=["junior", "senior"]),
        choices=["junior", "senior"],
    )
    suggestion = slugify(str(data["name"]))
    data["id"] = ask.answer(
        data.get("id") or None,
        flag="--id",
        asking=asking,
        question=lambda: ask.text(say("Id:"), default=suggestion),
        default=suggestion,
    )
    for key in ("expertise", "interests", "avoid", "prefer", "projects"):
        data[key] = split_items(data.get(key))
    data["languages"] = split_items(data.get("languages")) or ["en"]
    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                "--" + str(e["loc"][0]) if e["loc"] else "flags",
                friendly(e, loc=tuple(e["loc"]), model=Person),
            )
            for e in exc.errors(include_input=False, include_url=False)
        ]
        raise ProblemsError(problems) from None


def register(root: typer.Typer) -> None:
    """Add the command group to the app."""
    root.add_typer(app, name="roster")


@org_app.command("list", help=say("Show the managers outside the program and their managers."))
def org_list(ctx: typer.Context, program: ProgramOption = None, json: JsonOption = False) -> None:
    """Show the managers outside the program and their managers."""
    from rich.table import Table

    from rmcli.cli.output import out
    from rmcli.folder import load

    org = load(program_dir(ctx, program)).roster.org
    if json:
        print_json({"org": org})
        return
    table = Table(title=say("Managers outside the program"))
    table.add_column(say("id"))
    table.add_column(say("manager"))
    for person, manager in org.items():
        table.add_row(person, manager or say("(at the top)"))
    out().print(table)


@org_app.command(
    "add", help=say("Add a manager outside the program (a CEO, a head of department).")
)
def org_add(
    ctx: typer.Context,
    id: Annotated[
        str, typer.Argument(help=say("Id of the manager, as people's manager keys name it."))
    ],
    manager: Annotated[
        str, typer.Option("--manager", help=say("Id of their own manager (default: at the top)."))
    ] = "",
    program: ProgramOption = None,
    dry_run: DryRunOption = False,
    json: JsonOption = False,
) -> None:
    """Add a manager outside the program (a CEO, a head of department)."""
    from rmcli.cli.views.roster import change_summary
    from rmcli.roster.change import set_org

    change = set_org(folder=program_dir(ctx, program), org_id=id, manager=manager, dry_run=dry_run)
    change_summary(change, dry_run=dry_run, json=json)


@org_app.command("remove", help=say("Remove a manager outside the program from [org]."))
def org_remove(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help=say("Id of the manager to remove."))],
    program: ProgramOption = None,
    dry_run: DryRunOption = False,
    json: JsonOption = False,
) -> None:
    """Remove a manager outside the program from [org]."""
    from rmcli.cli.views.roster import change_summary
    from rmcli.roster.change import remove_org

    change = remove_org(folder=program_dir(ctx, program), org_id=id, dry_run=dry_run)
    change_summary(change, dry_run=dry_run, json=json)
