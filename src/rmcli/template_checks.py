"""What `rmcli validate` checks about a program's own templates (`templates_dir`)."""

from __future__ import annotations

from pathlib import Path

from rmcli.errors import Problem, RmcliError


def check_templates(folder: Path) -> list[Problem]:
    """Return problems with `templates_dir`: a missing folder, templates that do not parse."""
    import jinja2

    from rmcli import store
    from rmcli.models import Program
    from rmcli.tomlpos import locate

    try:
        loaded = store.read(folder, store.PROGRAM_FILE, Program)
    except RmcliError:
        return []  # program.toml's own problems are reported by the main checks
    program = loaded.model
    if not program.templates_dir:
        return []
    own = Path(program.templates_dir).expanduser()
    own = own if own.is_absolute() else folder / own
    if not own.is_dir():
        line = locate(loaded.text, ("templates_dir",))
        return [Problem(loaded.file, "folder does not exist", "templates_dir", line)]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    problems: list[Problem] = []
    for path in sorted(own.rglob("*.j2")):
        try:
            env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                Problem(str(path), f"template syntax error: {exc.message}", "", exc.lineno)
            )
        except (OSError, UnicodeDecodeError):
            problems.append(Problem(str(path), "cannot be read as UTF-8 text"))
    return problems
