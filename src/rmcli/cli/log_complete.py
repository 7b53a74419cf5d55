"""Complete a session record for `rmcli log`: flags first, then questions, then defaults."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rmcli.cli import running_ask as ask
from rmcli.cli.options import need_answer, parse_day
from rmcli.errors import InputError

if TYPE_CHECKING:
    from rmcli.models import MatchesFile, Program
    from rmcli.schedule.plan import PlannedSession

NOT_RECORDED = "(not recorded)"


def ask_note() -> str:
    return ask.ask_text("Private note (optional):")


def ask_match(matches: MatchesFile, *, asking: bool) -> str:
    ids = [m.id for m in matches.matches]
    if not ids:
        raise InputError("there are no matches yet", hint="create them with `rmcli match`")
    if not asking:
        raise need_answer("--match")
    return ask.ask_choice("Which match?", choices=ids)


def date_of(value: str | None, *, plan: list[PlannedSession], number: int, asking: bool) -> dt.date:
    planned = next((p.date for p in plan if p.number == number), None)
    if value is None and asking:
        value = ask.ask_text("Date (YYYY-MM-DD):", default=planned.isoformat() if planned else "")
    if value is None:
        if planned is None:
            raise need_answer("--date")
        return planned
    return parse_day(value, flag="--date")


def minutes_of(value: int | None, *, program: Program, held: bool, asking: bool) -> int:
    if value is not None:
        return value
    default = program.session_minutes if held else 0
    if not (asking and held):
        return default
    answer = ask.ask_text("Minutes:", default=str(default))
    try:
        return int(answer)
    except ValueError:
        raise InputError("--minutes: expected a whole number") from None


def topic_of(
    topic: str | None,
    area: str | None,
    *,
    program: Program,
    plan: list[PlannedSession],
    number: int,
    asking: bool,
) -> dict[str, str]:
    from rmcli.running.log import AREAS, area_of, default_topic

    planned, planned_area = default_topic(plan=plan, number=number)
    if topic is None:
        topic = ask.ask_text("Topic covered:", default=planned) if asking else planned
    if area is None:
        area = planned_area if topic == planned else area_of(program=program, topic=topic)
        if not area and asking:
            area = ask.ask_choice("Topic area:", choices=[*AREAS, NOT_RECORDED])
    return {"topic": topic, "area": "" if area == NOT_RECORDED else area}


def led_by_of(value: str | None, *, matches: MatchesFile, match: str, asking: bool) -> str:
    if value is not None or not asking:
        return value or ""
    people = matches.by_id()[match].people
    answer = ask.ask_choice("Who led the hands-on part?", choices=[*people, NOT_RECORDED])
    return "" if answer == NOT_RECORDED else answer


def shared_of(value: bool | None, *, asking: bool) -> bool | None:
    if value is not None or not asking:
        return value
    return ask.ask_yes("Did the senior also share context and experience?", default=True)
