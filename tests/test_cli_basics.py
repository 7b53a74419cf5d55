"""The command line as a whole: version, help on every command, fast start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from rmcli import __version__
from rmcli.cli import app
from rmcli.cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "scipy",
    "numpy",
    "jinja2",
    "questionary",
    "icalendar",
    "tomlkit",
    "filelock",
    "pydantic",
    "babel",
)


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    # typer may vendor click, so groups are recognised by duck typing; the root loads its
    # commands lazily, so they are asked for by name as click itself does
    ctx = typer.Context(group)
    found: list[tuple[str, Any]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.append((f"{prefix}{name}", command))
        if hasattr(command, "list_commands"):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"rmcli {__version__}"


def test_every_command_and_option_has_help():
    root = typer.main.get_command(app)
    commands = _commands(root)
    names = {name for name, _ in commands}
    assert {
        "init",
        "validate",
        "roster",
        "roster add",
        "roster import",
        "roster list",
        "roster remove",
    } <= names
    for name, command in commands:
        assert (command.help or "").strip(), f"{name} has no help"  # type: ignore[attr-defined]
        for param in command.params:  # type: ignore[attr-defined]
            if param.param_type_name == "option" and not getattr(param, "hidden", False):
                assert (param.help or "").strip(), f"{name} {param.opts} has no help"


def test_every_command_answers_help(cli):
    root = typer.main.get_command(app)
    for name, _ in _commands(root):
        result = cli(*name.split(), "--help")
        assert result.exit_code == 0, name
        assert "Usage:" in result.stdout


@pytest.mark.slow
def test_help_imports_nothing_heavy():
    modules = sorted({entry.module for entry in COMMANDS})
    code = (
        "import sys\n"
        "from rmcli.cli import app\n"
        "try:\n    app(['--help'], prog_name='rmcli')\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
        f"print('COMMANDS=' + ','.join(m for m in {modules!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *_, heavy, loaded = done.stdout.strip().splitlines()
    assert heavy == "HEAVY="
    # the listing comes from the command table: no command module is imported for it
    assert loaded == "COMMANDS="


def test_root_help_lists_every_command_with_its_summary(cli):
    result = cli("--help")
    assert result.exit_code == 0
    listing = result.stdout[result.stdout.index("Commands:") :].splitlines()[1:]
    assert [line.split()[0] for line in listing if line.strip()] == [e.name for e in COMMANDS]
    for entry in COMMANDS:
        assert f"{entry.name}  " in result.stdout and entry.summary in result.stdout
        # a summary is one short sentence that fits the listing without being cut
        assert len(entry.summary) <= 60 and entry.summary.endswith(".")


def test_command_table_matches_what_the_modules_register():
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    for entry in COMMANDS:
        command = root.get_command(ctx, entry.name)  # type: ignore[attr-defined]
        assert command is not None and command.name == entry.name, entry.name
    assert root.get_command(ctx, "rm") is None  # type: ignore[attr-defined]


@pytest.mark.slow
def test_python_dash_m_runs_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"rmcli {__version__}"


def test_no_command_named_rm_is_installed():
    from importlib.metadata import entry_points

    scripts = {e.name for e in entry_points(group="console_scripts") if e.value.startswith("rmcli")}
    assert scripts == {"rmcli"}


def test_every_command_is_documented():
    root = typer.main.get_command(app)
    docs = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    )
    missing = [name for name, _ in _commands(root) if f"rmcli {name}" not in docs]
    assert missing == [], f"commands no document mentions: {missing}"


@pytest.mark.slow
def test_the_core_imports_no_interface_library():
    # Every module outside rmcli.cli is pure core: usable as a library, testable without a terminal.
    core = sorted(
        ".".join(p.relative_to(ROOT / "src").with_suffix("").parts)
        for p in (ROOT / "src" / "rmcli").rglob("*.py")
        if "cli" not in p.relative_to(ROOT / "src" / "rmcli").parts[:1] and p.name != "__main__.py"
    )
    assert "rmcli.matching.proposal" in core and "rmcli.folder" in core
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n    importlib.import_module(name)\n"
        "print('UI=' + ','.join(m for m in ('typer', 'rich', 'questionary') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "UI="
