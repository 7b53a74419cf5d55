"""Render a ProgramStatus with rich: readable in 80 columns and in wide terminals."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from rmcli.cli.output import out
from rmcli.status import FLAG_CODES, Flag, MatchStatus, ProgramStatus

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "status as of",
        "match": "Match",
        "people": "People",
        "held": "Sessions",
        "legend": "Sessions: held/due/planned. Areas: T technology, W workplace, C culture.",
        "legend_wide": "Sessions: held/due/planned.",
        "last": "Last",
        "min": "Min",
        "areas": "Areas",
        "flags": "Flags",
        "flag_title": "Flags (! needs action)",
        "none": "no flags: nothing needs attention",
        "summary": "Program",
        "sessions": "sessions held: {held} of {due} due ({planned} planned)",
        "on_time": "held on time: {share} ({on_time} of {past_due})",
        "upcoming": "Upcoming in the next two weeks",
        "nothing": "no sessions planned in the next two weeks",
        "successes": "Successes",
        "all-held": "{match}: every session so far held ({count})",
        "streak": "{match}: {count} sessions in a row",
        "no-success": "none yet",
    },
    "de": {
        "title": "Stand am",
        "match": "Match",
        "people": "Personen",
        "held": "Sessions",
        "legend": "Sessions: gehalten/fällig/geplant. Bereiche: T Technik, W Arbeitswelt, C Kultur.",
        "legend_wide": "Sessions: gehalten/fällig/geplant.",
        "last": "Zuletzt",
        "min": "Min.",
        "areas": "Bereiche",
        "flags": "Signale",
        "flag_title": "Signale (! Handlungsbedarf)",
        "none": "keine Signale: nichts braucht Aufmerksamkeit",
        "summary": "Programm",
        "sessions": "Sessions gehalten: {held} von {due} fälligen ({planned} geplant)",
        "on_time": "pünktlich gehalten: {share} ({on_time} von {past_due})",
        "upcoming": "In den nächsten zwei Wochen",
        "nothing": "keine Sessions in den nächsten zwei Wochen",
        "successes": "Erfolge",
        "all-held": "{match}: bisher jede Session gehalten ({count})",
        "streak": "{match}: {count} Sessions in Folge",
        "no-success": "noch keine",
    },
}
WIDE = 110  # from this width the table lists flag codes; narrower, it counts them
AREA_SHORT = {"technology": "tech", "workplace": "work", "culture": "culture"}


def render(result: ProgramStatus, *, language: str) -> None:
    """Print the dashboard on stdout."""
    words = LABELS[language]
    console = out()
    title = Text(result.name, style="bold")
    title.append(f"  {words['title']} {result.as_of.isoformat()}", style="")
    console.print(title)
    wide = console.width >= WIDE
    console.print(_matches_table(result.matches, words, wide=wide))
    console.print(Text(words["legend_wide" if wide else "legend"], style="dim"))
    console.print(_flag_lines(result.matches, words))
    console.print(Group(*_summary(result, words)))


def _matches_table(matches: list[MatchStatus], words: dict[str, str], *, wide: bool) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(words["match"], no_wrap=True)
    table.add_column(words["people"], no_wrap=True)
    table.add_column(words["held"], justify="right", no_wrap=True)
    table.add_column(words["last"], no_wrap=True)
    table.add_column(words["min"], justify="right", no_wrap=True)
    table.add_column(words["areas"], no_wrap=not wide)
    table.add_column(words["flags"], style="yellow")
    for m in matches:
        people = f"{', '.join(m.juniors)} → {', '.join(m.seniors)}"
        median = "" if m.median_minutes is None else f"{m.median_minutes:g}"
        areas = [short for area, short in AREA_SHORT.items() if area in m.areas]
        table.add_row(
            m.id,
            Text(people),
            f"{m.held}/{m.due}/{m.planned}",
            m.last.isoformat() if m.last else "-",
            median,
            ", ".join(areas) if wide else " ".join(a[0].upper() for a in areas),
            ", ".join(m.codes()) if wide else str(len(m.flags)),
        )
    return table


def _flag_lines(matches: list[MatchStatus], words: dict[str, str]) -> Group:
    """Return one block per raised flag code: its hint once, then each match's detail."""
    by_code: dict[str, list[tuple[str, Flag]]] = {}
    for m in matches:
        for flag in m.flags:
            by_code.setdefault(flag.code, []).append((m.id, flag))
    parts: list[Text | Table] = [Text(words["flag_title"], style="bold")]
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
        for match_id, flag in raised:
            grid.add_row(f"    {match_id}", Text(flag.detail, style="dim"))
        parts.append(grid)
    if len(parts) == 1:
        parts.append(Text(words["none"], style="green"))
    return Group(*parts)


def _summary(result: ProgramStatus, words: dict[str, str]) -> list[Text | Table]:
    held = sum(m.held for m in result.matches)
    due = sum(m.due for m in result.matches)
    planned = sum(m.planned for m in result.matches)
    share = "-" if result.on_time_share is None else f"{result.on_time_share:.0%}"
    parts: list[Text | Table] = [
        Text(words["summary"], style="bold"),
        Text(words["sessions"].format(held=held, due=due, planned=planned)),
        Text(
            words["on_time"].format(share=share, on_time=result.on_time, past_due=result.past_due)
        ),
        Text(words["upcoming"], style="bold"),
    ]
    if result.upcoming:
        table = Table(show_header=False, box=None, pad_edge=False)
        for u in result.upcoming:
            table.add_row(u.date.isoformat(), u.match, f"#{u.number}", Text(u.topic))
        parts.append(table)
    else:
        parts.append(Text(words["nothing"]))
    parts.append(Text(words["successes"], style="bold"))
    for s in result.successes:
        parts.append(Text(words[s.code].format(match=s.match, count=s.count), style="green"))
    if not result.successes:
        parts.append(Text(words["no-success"]))
    return parts
