"""Rich rendering of the roster and of roster changes."""

from __future__ import annotations

from rmcli.cli.output import note, out, print_json
from rmcli.models import Person
from rmcli.roster.change import RosterChange
from rmcli.words import N_, say

# What a roster change did to whom: (in a dry run, done).
CHANGED = {
    "added": (N_("{count} added would be: {ids}"), N_("{count} added were: {ids}")),
    "updated": (N_("{count} updated would be: {ids}"), N_("{count} updated were: {ids}")),
    "unchanged": (N_("{count} unchanged would be: {ids}"), N_("{count} unchanged were: {ids}")),
    "removed": (N_("{count} removed would be: {ids}"), N_("{count} removed were: {ids}")),
    "dissolved_matches": (
        N_("{count} dissolved matches would be: {ids}"),
        N_("{count} dissolved matches were: {ids}"),
    ),
}


def people_table(people: list[Person]) -> None:
    """Print people as a table on stdout; narrow terminals get the essential columns."""
    from rich.table import Table

    from rmcli.cli.views.table import Fast

    console = out()
    wide = console.width >= 120
    table = Table(title=say("{count} people", count=len(people)), title_justify="left")
    table.add_column(say("id"), no_wrap=True)
    if wide:
        table.add_column(say("name"), overflow="fold")
        table.add_column(say("role"), no_wrap=True)
        table.add_column(say("department"), overflow="fold")
        table.add_column(say("manager"), no_wrap=True)
        table.add_column(say("teaches"), overflow="fold")
        table.add_column(say("wants to learn"), overflow="fold")
        table.add_column(say("time zone"), no_wrap=True)
    else:  # name, role and department share one column, which gives way to whole topic ids
        longest = max((len(t) for p in people for t in [*p.expertise, *p.interests]), default=0)
        topics = min(longest, 24)
        ids = max((len(p.id) for p in people), default=2)
        left = console.width - ids - 2 * topics - 13  # 13: borders and padding of 4 columns
        table.add_column(say("person"), overflow="fold", max_width=max(left, 10))
        table.add_column(say("teaches"), overflow="fold", min_width=topics)
        table.add_column(say("wants to learn"), overflow="fold", min_width=topics)
    for p in people:
        name = p.name if p.volunteer else say("{name} (not a volunteer)", name=p.name)
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
    console.print(Fast(table))


def change_summary(change: RosterChange, *, dry_run: bool, json: bool) -> None:
    """Print what a roster change did, or would do in a dry run."""
    lists: dict[str, list[str]] = {
        "added": change.added,
        "updated": change.updated,
        "unchanged": change.unchanged,
        "removed": change.removed,
        "dissolved_matches": change.dissolved_matches,
        "moved_to_org": change.moved_to_org,
        "added_to_org": change.added_to_org,
    }
    if json:
        print_json({"dry_run": dry_run, **lists, "changed_keys": change.changed_keys})
        return
    for key, ids in lists.items():
        if ids and key not in ("moved_to_org", "added_to_org"):
            shown = ", ".join(ids[:20])
            if len(ids) > 20:
                shown = say("{shown} and {count} more", shown=shown, count=len(ids) - 20)
            line = CHANGED[key][0 if dry_run else 1]
            note(say(line, count=len(ids), ids=shown))
    for person, keys in list(change.changed_keys.items())[:20]:
        note(say("  {id}: {keys}", id=person, keys=", ".join(keys)))
    if change.moved_to_org:
        note(say("kept as a manager under [org]: {ids}", ids=", ".join(change.moved_to_org)))
    if change.added_to_org:
        note(
            say(
                "managers outside the program, listed under [org]: {ids}",
                ids=", ".join(change.added_to_org),
            )
        )
    if dry_run:
        note(say("dry run: nothing was written"))
