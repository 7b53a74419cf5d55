"""Render a ProgramStatus with rich: readable in 80 columns and in wide terminals."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from rmcli.cli.output import SHORT_LIST, out
from rmcli.cli.views.table import Fast, Lines, add_rows
from rmcli.status import FLAG_CODES, Flag, MatchStatus, ProgramStatus
from rmcli.words import N_, format_decimal, format_percent, translation

LABELS: dict[str, str] = {
    "title": N_("status as of"),
    "match": N_("Match"),
    "people": N_("People"),
    "held": N_("Sessions"),
    "legend": N_("Sessions: held/due/planned. Areas: T technology, W workplace, C culture."),
    "legend_wide": N_("Sessions: held/due/planned."),
    "last": N_("Last"),
    "min": N_("Min"),
    "areas": N_("Areas"),
    "flags": N_("Flags"),
    "flag_title": N_("Flags (! needs action)"),
    "none": N_("no flags: nothing needs attention"),
    "summary": N_("Program"),
    "sessions": N_("sessions held: {held} of {due} due ({planned} planned)"),
    "on_time": N_("held on time: {share} ({on_time} of {past_due})"),
    "upcoming": N_("Upcoming in the next two weeks"),
    "nothing": N_("no sessions planned in the next two weeks"),
    "successes": N_("Successes"),
    "all-held": N_("{match}: every session so far held ({count})"),
    "streak": N_("{match}: {count} sessions in a row"),
    "no-success": N_("none yet"),
    "junior": N_("the junior teaches"),
    "senior": N_("the senior teaches"),
    "rest": N_(
        "{shown} of {total} matches shown, those that need action first"
        " ({action} need action, {advice} only advice, {quiet} no flags);"
        " --all shows every row"
    ),
    "more": N_("... and {count} more; --all shows every row"),
}
ROWS = SHORT_LIST  # a list longer than this shows its first rows and a line about the rest
WIDE = 110  # from this width the table lists flag codes; narrower, it counts them
AREA_SHORT = {"technology": "tech", "workplace": "work", "culture": "culture"}


def render(result: ProgramStatus, *, language: str, every: bool = False) -> None:
    """Print the dashboard on stdout; long lists are cut short unless `every` row is asked for."""
    _ = translation(language).gettext
    words = {key: _(text) for key, text in LABELS.items()}
    console = out()
    title = Text(result.name, style="bold")
    title.append(f"  {words['title']} {result.as_of.isoformat()}", style="")
    console.print(title)
    wide = console.width >= WIDE
    limit = None if every else ROWS
    shown = _first(result.matches, limit=limit)
    # Every line below is drawn to fit the width: Rich's crop would only measure each again.
    console.print(Fast(_matches_table(shown, words, wide=wide, language=language)), crop=False)
    if len(shown) < len(result.matches):
        console.print(Text(_rest(result.matches, shown=len(shown), words=words), style="dim"))
    console.print(Text(words["legend_wide" if wide else "legend"], style="dim"))
    console.print(_flag_lines(result.matches, words, limit=limit), crop=False)
    console.print(Group(*_summary(result, words, language=language, limit=limit)), crop=False)


def _first(matches: list[MatchStatus], *, limit: int | None) -> list[MatchStatus]:
    """Return every match when they fit, else those that need action first, cut at `limit`."""
    if limit is None or len(matches) <= limit:
        return matches
    order = sorted(matches, key=lambda m: (-sum(f.action for f in m.flags), -len(m.flags), m.id))
    return order[:limit]


def _rest(matches: list[MatchStatus], *, shown: int, words: dict[str, str]) -> str:
    action = sum(any(f.action for f in m.flags) for m in matches)
    quiet = sum(not m.flags for m in matches)
    return words["rest"].format(
        shown=shown,
        total=len(matches),
        action=action,
        advice=len(matches) - action - quiet,
        quiet=quiet,
    )


def _more(count: int, words: dict[str, str]) -> Text:
    return Text(words["more"].format(count=count), style="dim")


def _matches_table(
    matches: list[MatchStatus], words: dict[str, str], *, wide: bool, language: str
) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    # Long ids wrap onto more lines (a word longer than its column folds) so that the
    # short columns after them, headers included, are never cut to "…".
    table.add_column(words["match"], overflow="fold")
    table.add_column(words["people"], overflow="fold")
    table.add_column(words["held"], justify="right", no_wrap=True)
    table.add_column(words["last"], no_wrap=True)
    table.add_column(words["min"], justify="right", no_wrap=True)
    table.add_column(words["areas"], no_wrap=not wide)
    table.add_column(words["flags"], style="yellow")
    rows = []
    for m in matches:
        people = f"{', '.join(m.juniors)} → {', '.join(m.seniors)}"
        median = "" if m.median_minutes is None else format_decimal(m.median_minutes, language)
        areas = [short for area, short in AREA_SHORT.items() if area in m.areas]
        rows.append(
            (
                m.id,
                Text(people),
                f"{m.held}/{m.due}/{m.planned}",
                m.last.isoformat() if m.last else "-",
                median,
                ", ".join(areas) if wide else " ".join(a[0].upper() for a in areas),
                ", ".join(m.codes()) if wide else str(len(m.flags)),
            )
        )
    add_rows(table, rows)
    return table


def _flag_lines(matches: list[MatchStatus], words: dict[str, str], *, limit: int | None) -> Group:
    """Return one block per raised flag code: its hint once, then each match's detail."""
    by_code: dict[str, list[tuple[str, Flag]]] = {}
    for m in matches:
        for flag in m.flags:
            by_code.setdefault(flag.code, []).append((m.id, flag))
    parts: list[Text | Fast] = [Text(words["flag_title"], style="bold")]
    for code in FLAG_CODES:
        raised = by_code.get(code)
        if not raised:
            continue
        first = raised[0][1]
        line = Text(f"{'!' if first.action else '-'} {code}: ", style="yellow")
        line.append(first.hint, style="")
        parts.append(line)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        add_rows(grid, [(f"    {i}", Text(flag.detail, style="dim")) for i, flag in raised[:limit]])
        parts.append(Fast(grid))
        if limit is not None and len(raised) > limit:
            parts.append(_more(len(raised) - limit, words))
    if len(parts) == 1:
        parts.append(Text(words["none"], style="green"))
    return Group(*parts)


def _summary(
    result: ProgramStatus, words: dict[str, str], *, language: str, limit: int | None
) -> list[Text | Fast | Lines]:
    held = sum(m.held for m in result.matches)
    due = sum(m.due for m in result.matches)
    planned = sum(m.planned for m in result.matches)
    share = "-" if result.on_time_share is None else format_percent(result.on_time_share, language)
    parts: list[Text | Fast | Lines] = [
        Text(words["summary"], style="bold"),
        Text(words["sessions"].format(held=held, due=due, planned=planned)),
        Text(
            words["on_time"].format(share=share, on_time=result.on_time, past_due=result.past_due)
        ),
        Text(words["upcoming"], style="bold"),
    ]
    if result.upcoming:
        table = Table(show_header=False, box=None, pad_edge=False)
        for u in result.upcoming[:limit]:
            topic = f"{u.topic} ({words[u.teacher]})" if u.teacher else u.topic
            table.add_row(u.date.isoformat(), u.match, f"#{u.number}", Text(topic))
        parts.append(Fast(table))
        if limit is not None and len(result.upcoming) > limit:
            parts.append(_more(len(result.upcoming) - limit, words))
    else:
        parts.append(Text(words["nothing"]))
    parts.append(Text(words["successes"], style="bold"))
    if shown := result.successes[:limit]:
        lines = [words[s.code].format(match=s.match, count=s.count) for s in shown]
        parts.append(Lines(lines, style="green"))
    if limit is not None and len(result.successes) > limit:
        parts.append(_more(len(result.successes) - limit, words))
    if not result.successes:
        parts.append(Text(words["no-success"]))
    return parts
