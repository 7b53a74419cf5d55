"""What `rmcli forget` erased, or would erase: a table of entries per file, then notes."""

from __future__ import annotations

from rich.table import Table

from rmcli.cli.output import note, out
from rmcli.forget import ForgetPlan
from rmcli.words import N_, say


def summary(plan: ForgetPlan, *, dry_run: bool) -> None:
    """Print what an erasure removed, or would remove in a dry run."""
    title = N_("would erase: {person}") if dry_run else N_("erased: {person}")
    table = Table(title=say(title, person=plan.person))
    table.add_column(say("file"))
    table.add_column(say("entries"), justify="right")
    for name, count in sorted(plan.removed.items()):
        table.add_row(name, str(count))
    out().print(table)
    if plan.dissolved:
        dissolved = (
            N_("matches to dissolve (partners are free again): {matches}")
            if dry_run
            else N_("matches dissolved (partners are free again): {matches}")
        )
        note(say(dissolved, matches=", ".join(plan.dissolved)))
    renamed = (
        N_("group {old} would continue as {new}")
        if dry_run
        else N_("group {old} continues as {new}")
    )
    for old, new in plan.renamed.items():
        note(say(renamed, old=old, new=new))
    deleted = N_("report to delete: {name}") if dry_run else N_("report deleted: {name}")
    for name in plan.reports:
        note(say(deleted, name=name))
    for name in plan.rewritten:
        if dry_run:
            note(say("derived file to rewrite without them: {name}", name=name))
        else:
            note(say("derived file rewritten without them: {name}", name=name))
    if plan.anonymous:
        note(
            say(
                "colleagues' reporting lines now run through {manager} under [org]",
                manager=plan.anonymous,
            )
        )
    if dry_run:
        note(say("dry run: nothing was changed"))
    else:
        note(
            say("erasure recorded in erasures.toml as {token} (no personal data)", token=plan.token)
        )
