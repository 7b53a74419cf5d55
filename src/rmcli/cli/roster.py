"""`rmcli roster`: list, add, import and remove the people of a program."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmcli.cli.options import ProgramOption, YesOption, can_ask, program_dir
from rmcli.cli.output import JsonOption, note, print_json
from rmcli.errors import ActionNeeded

app = typer.Typer(
    help="List, add, import and remove the people of a program.", no_args_is_help=True
)

ListOption = Annotated[
    list[str] | None, typer.Option(help="A topic id; repeat, or separate with ',' or ';'.")
]


@app.command("list")
def list_people(
    ctx: typer.Context,
    program: ProgramOption = None,
    role: Annotated[str | None, typer.Option(help="Show only 'junior' or 'senior'.")] = None,
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


@app.command("add")
def add(
    ctx: typer.Context,
    program: ProgramOption = None,
    id: Annotated[
        str | None, typer.Option("--id", help="Unique lower-case id (default: from the name).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Full name.")] = None,
    role: Annotated[str | None, typer.Option(help="junior (mentor) or senior (mentee).")] = None,
    email: Annotated[str, typer.Option(help="Email address, for calendar invitations.")] = "",
    title: Annotated[str, typer.Option(help="Job title.")] = "",
    department: Annotated[str, typer.Option(help="Department or team.")] = "",
    manager: Annotated[str, typer.Option(help="Id of the direct manager.")] = "",
    volunteer: Annotated[
        bool, typer.Option(help="Takes part voluntarily (only volunteers are matched).")
    ] = True,
    capacity: Annotated[int, typer.Option(help="How many seniors a junior mentors at most.")] = 1,
    expertise: ListOption = None,
    interests: ListOption = None,
    timezone: Annotated[str, typer.Option(help="IANA time zone, e.g. Europe/Berlin.")] = "UTC",
    languages: Annotated[
        list[str] | None, typer.Option(help="Language code; repeat (default: en).")
    ] = None,
    avoid: Annotated[
        list[str] | None, typer.Option(help="Id of someone never to match with; repeat.")
    ] = None,
    prefer: Annotated[
        list[str] | None, typer.Option(help="Id of a preferred partner; repeat.")
    ] = None,
    projects: Annotated[
        list[str] | None, typer.Option(help="Project id (project format); repeat.")
    ] = None,
    yes: YesOption = False,
) -> None:
    """Add one person, from flags or by asking for what flags did not give."""
    from rmcli.cli.roster_ask import complete_person

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
        ask=can_ask(yes),
    )
    from rmcli.roster.change import add_people

    add_people(folder=folder, people=[person])
    note(f"added {person.id} ({person.role}) to {folder / 'roster.toml'}")


@app.command("import")
def import_csv(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV file with a header row; lists separated by ';'.")
    ],
    program: ProgramOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Add or update people from a CSV file; a bad row stops the whole import."""
    from rmcli.cli.views.roster import change_summary
    from rmcli.folder import load
    from rmcli.roster.change import import_people
    from rmcli.roster.csv import people_from_csv

    folder = program_dir(ctx, program)
    roster = load(folder).roster
    people, columns = people_from_csv(
        file, people_ids={p.id for p in roster.people}, org_ids=set(roster.org)
    )
    change = import_people(folder=folder, people=people, columns=columns, dry_run=dry_run)
    change_summary(change, dry_run=dry_run, json=json)


@app.command("remove")
def remove(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id of the person who leaves the program.")],
    program: ProgramOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Remove a person from the roster; their match is dissolved and the partner is free."""
    from rmcli.cli.views.roster import change_summary
    from rmcli.roster.change import remove as remove_person

    folder = program_dir(ctx, program)
    if not dry_run and not yes:
        if not can_ask(yes):
            raise ActionNeeded(
                f"removing {person} needs confirmation",
                hint="use --yes, or --dry-run to see what would change",
            )
        import questionary

        if not questionary.confirm(
            f"Remove {person} from the program?", default=False
        ).unsafe_ask():
            note("nothing was changed")
            raise typer.Exit(1)
    change = remove_person(folder=folder, person_id=person, dry_run=dry_run)
    change_summary(change, dry_run=dry_run, json=json)


def register(root: typer.Typer) -> None:
    """Add the command group to the app."""
    root.add_typer(app, name="roster")
