"""Rich rendering of the roster and of roster changes."""

from __future__ import annotations

from rmcli.cli.output import note, out, print_json
from rmcli.models import Person
from rmcli.roster.change import RosterChange


def people_table(people: list[Person]) -> None:
    """Print people as a table on stdout; narrow terminals get the essential columns."""
    from rich.table import Table

    console = out()
    wide = console.width >= 120
    table = Table(title=f"{len(people)} people", title_justify="left")
    table.add_column("id", no_wrap=True)
    if wide:
        table.add_column("name", overflow="fold")
        table.add_column("role", no_wrap=True)
        table.add_column("department", overflow="fold")
        table.add_column("manager", no_wrap=True)
        table.add_column("teaches", overflow="fold")
        table.add_column("wants to learn", overflow="fold")
        table.add_column("time zone", no_wrap=True)
    else:  # name, role and department share one column, which gives way to whole topic ids
        longest = max((len(t) for p in people for t in [*p.expertise, *p.interests]), default=0)
        topics = min(longest, 24)
        ids = max((len(p.id) for p in people), default=2)
        left = console.width - ids - 2 * topics - 13  # 13: borders and padding of 4 columns
        table.add_column("person", overflow="fold", max_width=max(left, 10))
        table.add_column("teaches", overflow="fold", min_width=topics)
        table.add_column("wants to learn", overflow="fold", min_width=topics)
    for p in people:
        name = p.name if p.volunteer else f"{p.name} (not a volunteer)"
        if wide:
            row = [p.id, name, p.role, p.department, p.manager]
        else:
            row = [
                p.id,
                f"{name}\n{p.role}, {p.department}" if p.department else f"{name}\n{p.role}",
            ]
        sep = ", " if wide else "\n"  # one topic a line keeps ids whole in 80 columns
        row += [sep.join(p.expertise), sep.join(p.interests)]
        if wide:
            row.append(p.timezone)
        table.add_row(*row)
    console.print(table)


def change_summary(change: RosterChange, *, dry_run: bool, json: bool) -> None:
    """Print what a roster change did, or would do in a dry run."""
    lists: dict[str, list[str]] = {
        "added": change.added,
        "updated": change.updated,
        "unchanged": change.unchanged,
        "removed": change.removed,
        "dissolved_matches": change.dissolved_matches,
        "moved_to_org": change.moved_to_org,
    }
    if json:
        print_json({"dry_run": dry_run, **lists})
        return
    verb = "would be" if dry_run else "were"
    for key, ids in lists.items():
        if ids and key != "moved_to_org":
            shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
            note(f"{len(ids)} {key.replace('_', ' ')} {verb}: {shown}")
    if change.moved_to_org:
        note(f"kept as a manager under [org]: {', '.join(change.moved_to_org)}")
    if dry_run:
        note("dry run: nothing was written")
