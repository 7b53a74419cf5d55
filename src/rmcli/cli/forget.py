"""`rmcli forget`: erase one person from every file of a program (the right to be forgotten)."""

from __future__ import annotations

from typing import Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    AsOfOption,
    DryRunOption,
    JsonOption,
    ProgramOption,
    YesOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note, print_json, warn
from rmcli.errors import ActionNeeded
from rmcli.words import N_, say, say_n

OUT_OF_REACH = N_(
    "copies outside this folder are outside rmcli's reach: git history, backups, "
    "sent calendar invitations and exported files must be cleaned separately"
)


def forget(
    ctx: typer.Context,
    person: Annotated[
        str | None,
        typer.Argument(help=say("Id of the person to forget."), metavar="ID", show_default=False),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email",
            metavar="ADDRESS",
            help=say("Find the person by email address instead of id."),
            show_default=False,
        ),
    ] = None,
    program: ProgramOption = None,
    dry_run: DryRunOption = False,
    as_of: AsOfOption = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Erase a person from roster, matches, sessions, check-ins, feedback and reports."""
    from rmcli.cli.views.progress import shown
    from rmcli.forget import Outcome
    from rmcli.forget import forget as erase

    folder = program_dir(ctx, program)
    today = parse_day(as_of)

    def run(*, plan_only: bool) -> Outcome:
        with shown(json=json) as progress:
            return erase(
                folder=folder,
                person_id=person,
                email=email,
                today=today,
                dry_run=plan_only,
                progress=progress,
            )

    if dry_run or yes:
        # nothing to ask: plan and erase in one run (planning a big program takes seconds)
        outcome = run(plan_only=dry_run)
    else:  # the erasure plans again under the lock: files may change while the question waits
        outcome = run(plan_only=True)
        if outcome.already is None:
            _confirm(person or say("the person with this email"), yes=yes)
            outcome = run(plan_only=False)
    if outcome.already is not None:
        data = {
            "already_forgotten": True,
            "date": outcome.already.date.isoformat(),
            "token": outcome.already.token,
        }
        if json:
            print_json(data)
        note(
            say(
                "already forgotten on {day} (erasure {token}); nothing left to erase",
                day=outcome.already.date,
                token=outcome.already.token,
            )
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
                "rewritten": sorted(plan.rewritten),
                "anonymous_manager_id": plan.anonymous,
                "still_mentioned_at": plan.leftovers,
                "erasure": plan.token,
            }
        )
    else:
        from rmcli.cli.views.forget import summary

        summary(plan, dry_run=dry_run)
    warn(say(OUT_OF_REACH))
    if plan.leftovers:
        raise ActionNeeded(
            say_n(
                "{n} line in free text still mentions the person: {lines}",
                "{n} lines in free text still mention the person: {lines}",
                len(plan.leftovers),
                lines=", ".join(plan.leftovers[:10]) + (" ..." if len(plan.leftovers) > 10 else ""),
            ),
            hint=say(
                "edit those lines by hand; rmcli does not rewrite free text it cannot understand"
            ),
        )


def _confirm(who: str, *, yes: bool) -> None:
    if yes:
        return
    refused = ActionNeeded(
        say("forgetting {who} erases their data for good and needs confirmation", who=who),
        hint=say("use --yes, or --dry-run to see what would go"),
    )
    question = say("Erase {who} from every file of this program for good?", who=who)
    if not ask.confirm(question, asking=ask.can_ask(yes), otherwise=refused):
        note(say("nothing was changed"))
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `forget` to the app."""
    app.command(
        help=say("Erase a person from roster, matches, sessions, check-ins, feedback and reports.")
    )(forget)
