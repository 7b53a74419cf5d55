"""`rmcli forget`: erase one person from every file of a program (the right to be forgotten)."""

from __future__ import annotations

from typing import Annotated

import typer

from rmcli.cli.options import ProgramOption, YesOption, can_ask, parse_day, program_dir
from rmcli.cli.output import JsonOption, note, print_json, warn
from rmcli.errors import ActionNeeded

OUT_OF_REACH = (
    "copies outside this folder are outside rmcli's reach: git history, backups, "
    "sent calendar invitations and exported files must be cleaned separately"
)


def forget(
    ctx: typer.Context,
    person: Annotated[
        str | None,
        typer.Argument(help="Id of the person to forget.", metavar="ID", show_default=False),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email",
            metavar="ADDRESS",
            help="Find the person by email address instead of id.",
            show_default=False,
        ),
    ] = None,
    program: ProgramOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be erased; change nothing.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Date for the erasure record, YYYY-MM-DD (default: today).",
        ),
    ] = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Erase a person from roster, matches, sessions, check-ins, feedback and reports."""
    from rmcli.forget import forget as erase

    folder = program_dir(ctx, program)
    today = parse_day(as_of)
    outcome = erase(folder=folder, person_id=person, email=email, today=today, dry_run=True)
    if not dry_run and outcome.already is None:
        _confirm(person or "the person with this email", yes=yes)
        outcome = erase(folder=folder, person_id=person, email=email, today=today, dry_run=False)
    if outcome.already is not None:
        data = {
            "already_forgotten": True,
            "date": outcome.already.date.isoformat(),
            "token": outcome.already.token,
        }
        if json:
            print_json(data)
        note(
            f"already forgotten on {outcome.already.date} (erasure {outcome.already.token}); nothing left to erase"
        )
        return
    plan = outcome.plan
    assert plan is not None  # forget() returns either a plan or an earlier erasure
    if json:
        print_json(
            {
                "person": plan.person,
                "dry_run": dry_run,
                "removed": plan.removed,
                "dissolved_matches": plan.dissolved,
                "renamed_matches": plan.renamed,
                "reports": plan.reports,
                "anonymous_manager_id": plan.anonymous,
                "still_mentioned_at": plan.leftovers,
                "erasure": plan.token,
            }
        )
    else:
        _summary(plan, dry_run=dry_run)
    warn(OUT_OF_REACH)
    if plan.leftovers:
        raise ActionNeeded(
            f"{len(plan.leftovers)} line(s) in free text still mention the person: "
            + ", ".join(plan.leftovers[:10])
            + (" ..." if len(plan.leftovers) > 10 else ""),
            hint="edit those lines by hand; rmcli does not rewrite free text it cannot understand",
        )


def _confirm(who: str, *, yes: bool) -> None:
    if yes:
        return
    if not can_ask(yes):
        raise ActionNeeded(
            f"forgetting {who} erases their data for good and needs confirmation",
            hint="use --yes, or --dry-run to see what would go",
        )
    if not ask_confirm(who):
        note("nothing was changed")
        raise typer.Exit(1)


def ask_confirm(who: str) -> bool:
    """Ask whether to erase the person for good."""
    import questionary

    return bool(
        questionary.confirm(
            f"Erase {who} from every file of this program for good?", default=False
        ).unsafe_ask()
    )


def _summary(plan: object, *, dry_run: bool) -> None:
    from rich.table import Table

    from rmcli.cli.output import out
    from rmcli.forget import ForgetPlan

    assert isinstance(plan, ForgetPlan)
    table = Table(title=f"{'would erase' if dry_run else 'erased'}: {plan.person}")
    table.add_column("file")
    table.add_column("entries", justify="right")
    for name, count in sorted(plan.removed.items()):
        table.add_row(name, str(count))
    out().print(table)
    if plan.dissolved:
        note(
            f"matches {'to dissolve' if dry_run else 'dissolved'} (partners are free again): {', '.join(plan.dissolved)}"
        )
    for old, new in plan.renamed.items():
        note(f"group {old} {'would continue' if dry_run else 'continues'} as {new}")
    for name in plan.reports:
        note(f"report {'to delete' if dry_run else 'deleted'}: {name}")
    if plan.anonymous:
        note(f"colleagues' reporting lines now run through {plan.anonymous} under [org]")
    if dry_run:
        note("dry run: nothing was changed")
    else:
        note(f"erasure recorded in erasures.toml as {plan.token} (no personal data)")


def register(app: typer.Typer) -> None:
    """Add `forget` to the app."""
    app.command()(forget)
