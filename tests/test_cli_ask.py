"""The one path of every question: the flag's value, else the question, else the default."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rmcli.cli import ask
from rmcli.cli.commands import COMMANDS
from rmcli.errors import ActionNeeded, InputError

CLI = Path(__file__).resolve().parent.parent / "src" / "rmcli" / "cli"


def never() -> str:
    raise AssertionError("asked a question that should not have been asked")


def test_a_given_flag_is_taken_without_asking() -> None:
    assert ask.answer("lena", flag="--person", asking=True, question=never) == "lena"
    assert (
        ask.answer(False, flag="--wants-help", asking=True, question=never, default=True) is False
    )


def test_a_terminal_is_asked_for_what_no_flag_gave() -> None:
    got = ask.answer(None, flag="--person", asking=True, question=lambda: "asked", default="x")
    assert got == "asked"


def test_without_a_terminal_the_default_is_taken() -> None:
    assert ask.answer(None, flag="--note", asking=False, question=never, default="") == ""
    assert (
        ask.answer(None, flag="--senior-shared", asking=False, question=never, default=None) is None
    )


def test_without_a_terminal_or_a_default_the_missing_flag_is_named() -> None:
    with pytest.raises(InputError) as caught:
        ask.answer(None, flag="--score", asking=False, question=never, choices=["1", "5"])
    assert caught.value.message.startswith("--score is needed")
    assert caught.value.hint == "one of: 1, 5"  # the choices, never "use --yes"


def test_a_confirmation_without_a_terminal_raises_the_callers_error() -> None:
    refused = ActionNeeded("removing lena needs confirmation", hint="use --yes")
    with pytest.raises(ActionNeeded) as caught:
        ask.confirm("Remove lena?", asking=False, otherwise=refused)
    assert caught.value is refused


def _imports(path: Path) -> set[str]:
    """Return the modules a file imports, `from a import b` counted as `a.b`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_a_date_question_explains_each_wrong_answer_where_it_is_typed(monkeypatch) -> None:
    import datetime as dt

    said: dict[str, bool | str] = {}

    def typed(question, *, default, validate):
        for answer in ("12.01.2027", "2027-13-01", "2027-02-30", "2027-03-01", "2027-01-12"):
            said[answer] = validate(answer)
        assert default == "2027-01-11"
        return "2027-01-12"

    monkeypatch.setattr(ask, "text", typed)
    march = "after the program"
    chosen = ask.day(
        "Date:",
        flag="--date",
        default=dt.date(2027, 1, 11),
        check=lambda day: march if day.month == 3 else "",
    )
    assert chosen == dt.date(2027, 1, 12)
    assert said["12.01.2027"] == "--date: expected a date as YYYY-MM-DD"
    assert said["2027-13-01"] == "--date: month 13 does not exist"
    assert str(said["2027-02-30"]).startswith("--date: day 30 does not exist")
    assert said["2027-03-01"] == march
    assert said["2027-01-12"] is True


def test_only_the_ask_module_imports_questionary() -> None:
    importers = {
        str(path.relative_to(CLI))
        for path in CLI.rglob("*.py")
        if any(name.split(".")[0] == "questionary" for name in _imports(path))
    }
    assert importers == {"ask.py"}


def test_command_modules_import_no_other_command_module() -> None:
    shared = ("rmcli.cli.ask", "rmcli.cli.options", "rmcli.cli.output", "rmcli.cli.views")
    modules = {entry.module for entry in COMMANDS}
    assert len(modules) == 14  # one module per command (match and matches share one)
    for module in modules:
        path = CLI / f"{module.rsplit('.', 1)[1]}.py"
        own = {
            name
            for name in _imports(path)
            if name.startswith("rmcli.cli.") and not name.startswith(shared)
        }
        assert own == set(), f"{module} imports {own}"


def test_a_control_character_typed_into_a_question_is_refused_where_it_is_typed(
    monkeypatch,
) -> None:
    """A real prompt: a pasted bell byte is refused with the reason, the answer typed again is taken."""
    import functools

    import questionary
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    monkeypatch.setenv("COLUMNS", "100")  # the reason fits the line under the prompt
    reasons: list[bool | str] = []
    with create_pipe_input() as keys:
        real = questionary.text

        def prompt(question, *, default, validate):
            def noted(typed):
                reasons.append(validate(typed))
                return reasons[-1]

            return real(question, default=default, validate=noted, input=keys, output=DummyOutput())

        monkeypatch.setattr(questionary, "text", functools.partial(prompt))
        # A bracketed paste puts the bytes in as they are; Enter; Ctrl-U clears; type again.
        keys.send_text("\x1b[200~Lena\x07 Schmidt\x1b[201~\r\x15Lena Schmidt\r")
        answer = ask.text("Full name:", validate=lambda typed: True if typed else "empty")
    assert answer == "Lena Schmidt"
    assert reasons[0] == (
        "contains a control character (an escape, bell or similar byte); remove it"
    )
    assert reasons[-1] is True
    # The question's own check still runs on what has no control character.
    assert ask.control_problem("Lena\x1b[31m") and not ask.control_problem("Lena\tSchmidt\n")
