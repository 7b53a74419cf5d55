"""What `rmcli forget` erased, or would erase: a table of entries per file, then notes."""

from __future__ import annotations

from rich.table import Table

from rmcli.cli.output import note, out
from rmcli.forget import ForgetPlan


def summary(plan: ForgetPlan, *, dry_run: bool) -> None:
    """Print what an erasure removed, or would remove in a dry run."""
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
