"""Every question rmcli asks, and the one path a value takes: flag, else question, else default.

A value given as a flag is taken as it is. Without one, the question is asked when there
is a terminal (and no --yes); without a terminal the default is taken, and a value with no
default fails with a hint naming the flag that gives it. Only this module calls questionary,
so tests answer the questions by replacing its functions.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar, overload

from rmcli.errors import InputError, RmcliError
from rmcli.words import say

T = TypeVar("T")
G = TypeVar("G")
D = TypeVar("D")


class _Required:
    """The default of a value that only a flag or a question can give."""


REQUIRED: Final = _Required()


def can_ask(yes: bool) -> bool:
    """Return whether questions may be asked: a terminal and no --yes."""
    return not yes and sys.stdin.isatty() and sys.stdout.isatty()


def need_answer(what: str, *, choices: Iterable[str] = ()) -> InputError:
    """Return the error for a value that only a question could have given, with its choices."""

    shown = list(choices)
    return InputError(
        say(
            "{what} is needed; give it as a flag, or run in a terminal without --yes to be asked",
            what=what,
        ),
        hint=say("one of: {choices}", choices=", ".join(shown)) if shown else "",
    )


@overload
def answer(
    given: T | None,
    *,
    flag: str,
    asking: bool,
    question: Callable[[], T],
    choices: Iterable[str] = (),
) -> T: ...
@overload
def answer(
    given: G | None,
    *,
    flag: str,
    asking: bool,
    question: Callable[[], T],
    default: D,
    choices: Iterable[str] = (),
) -> G | T | D: ...
def answer(
    given: Any,
    *,
    flag: str,
    asking: bool,
    question: Callable[[], Any],
    default: Any = REQUIRED,
    choices: Iterable[str] = (),
) -> Any:
    """Return the flag's value if given, else ask, else the default; fail naming the flag.

    `choices` are the values a flag without a default may take, named in the hint.
    """
    if given is not None:
        return given
    if asking:
        return question()
    if isinstance(default, _Required):
        raise need_answer(flag, choices=choices)
    return default


def confirm(question: str, *, asking: bool, otherwise: RmcliError, default: bool = False) -> bool:
    """Return the answer to a yes/no question; without a terminal raise `otherwise`."""
    if not asking:
        raise otherwise
    return yes_no(question, default=default)


_LEAD: Final = "  "  # as wide as questionary's "? " before a question


def fit(question: str, *, columns: int | None = None) -> str:
    """Return `question` broken at spaces so that each line fits the terminal's width.

    prompt_toolkit cuts every line of a prompt but its last at the terminal's edge (and
    breaks the last one inside a word), so a long question would lose its end, e.g. the
    scale of a rating. questionary writes "? " before the first line; the lines after it
    are indented as far, so that the question stays one block.
    """
    width = max((columns or shutil.get_terminal_size().columns) - len(_LEAD), 20)
    lines: list[str] = []
    for n, line in enumerate(question.split("\n")):
        body = line if n == 0 else line.removeprefix(_LEAD)
        lines += textwrap.wrap(body, width=width, break_long_words=False) or [""]
    return f"\n{_LEAD}".join(lines)


def text(
    question: str, *, default: str = "", validate: Callable[[str], bool | str] | None = None
) -> str:
    """Ask for one line of text; `validate` returns True or what is wrong.

    What is wrong shows under the prompt, where it is typed; but prompt_toolkit shows one
    line there, cut at the terminal's edge. A reason longer than that is printed whole
    below the answer instead, and the question asked again with the answer to correct.

    A control character (an escape or bell byte, pasted in) is refused where it is typed,
    as in a flag: no rmcli file may hold one.
    """
    import questionary

    from rmcli.cli.output import note
    from rmcli.escape import CONTROL

    too_long: list[str] = []  # the reason for the last answer, when it needs more than a line

    def where_typed(typed: str) -> bool | str:
        too_long.clear()
        verdict = control_problem(typed) or (validate(typed) if validate else True)
        if isinstance(verdict, bool) or len(verdict) < shutil.get_terminal_size().columns:
            return verdict
        too_long.append(verdict)
        return True  # the prompt ends; the reason is said whole below

    while True:
        typed = str(
            questionary.text(fit(question), default=default, validate=where_typed).unsafe_ask()
        )
        if not too_long:
            return typed
        note(too_long[0])
        default = CONTROL.sub("", typed)  # to correct, without the bytes that were refused


def control_problem(typed: str) -> str:
    """Return why a typed answer is refused for a control character, or "" if it has none."""
    from rmcli.escape import has_control

    if has_control(typed):
        return say("contains a control character (an escape, bell or similar byte); remove it")
    return ""


def day(
    question: str,
    *,
    flag: str,
    default: dt.date | None = None,
    check: Callable[[dt.date], str] | None = None,
) -> dt.date:
    """Ask for a date, checked where it is typed: its shape as the flag's, then `check`."""
    from rmcli.cli.options import parse_day

    def valid(typed: str) -> bool | str:
        try:
            chosen = parse_day(typed, flag=flag)
        except InputError as exc:
            return exc.message
        return (check(chosen) if check else "") or True

    typed = text(question, default=default.isoformat() if default else "", validate=valid)
    return parse_day(typed, flag=flag)


def choice(question: str, *, choices: list[str], default: str | None = None) -> str:
    """Ask to choose one of several values."""
    import questionary

    return str(questionary.select(fit(question), choices=choices, default=default).unsafe_ask())


def many(question: str, *, choices: list[str] | Mapping[str, str]) -> list[str]:
    """Ask to tick any number of values; a mapping shows each value's label instead."""
    import questionary

    shown: list[Any] = (
        [questionary.Choice(label, value=value) for value, label in choices.items()]
        if isinstance(choices, Mapping)
        else list(choices)
    )
    return [str(v) for v in questionary.checkbox(fit(question), choices=shown).unsafe_ask()]


def yes_no(question: str, *, default: bool = False) -> bool:
    """Ask a yes/no question."""
    import questionary

    return bool(questionary.confirm(fit(question), default=default).unsafe_ask())
