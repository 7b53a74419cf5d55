"""Compiled templates kept in a big program's cache folder, and templates compiled ahead."""

from __future__ import annotations

import stat
from pathlib import Path

import jinja2
import pytest

from rmcli.errors import InputError
from rmcli.io import cache, templates
from rmcli.io.atomic import make_private_dir

NAME = "note.md.j2"


def _program(tmp_path: Path, text: str, *, cached: bool = True) -> Path:
    """Return a program folder whose own report template `NAME` holds `text`."""
    folder = tmp_path / "program"
    (folder / "own" / "report" / "en").mkdir(parents=True)
    (folder / "own" / "report" / "en" / NAME).write_text(text, encoding="utf-8")
    if cached:  # as a big program's folder has one
        make_private_dir(folder / cache.CACHE_NAME)
    return folder


def _render(folder: Path) -> str:
    """Render `NAME` through a new environment, as a new command would."""
    templates.environment.cache_clear()
    env = templates.environment(
        area="report", language="en", program_folder=folder, templates_dir="own"
    )
    return templates.render(env, NAME, {"who": "Ana"})


def _kept(folder: Path) -> list[Path]:
    return sorted((folder / cache.CACHE_NAME).glob("template.*.code"))


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the names of the templates Jinja compiles from here on."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):
        names.append(str(name))
        return compile_source(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def test_a_compiled_template_is_kept_private_and_used_by_the_next_command(tmp_path, compiles):
    folder = _program(tmp_path, "Hello {{ who }}\n")
    assert _render(folder) == "Hello Ana\n"
    [kept] = _kept(folder)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert compiles == [NAME]
    assert _render(folder) == "Hello Ana\n"
    assert compiles == [NAME]  # not compiled again
    cache.drop(folder)  # what `forget` calls: nothing kept survives it
    assert not (folder / cache.CACHE_NAME).exists()


def test_an_edited_template_is_compiled_again(tmp_path, compiles):
    folder = _program(tmp_path, "Hello {{ who }}\n")
    _render(folder)
    (folder / "own" / "report" / "en" / NAME).write_text("Bye {{ who }}\n", encoding="utf-8")
    assert _render(folder) == "Bye Ana\n"
    assert compiles == [NAME, NAME]
    assert len(_kept(folder)) == 2


def test_a_program_without_a_cache_folder_gets_none(tmp_path, compiles):
    folder = _program(tmp_path, "Hello {{ who }}\n", cached=False)
    assert _render(folder) == "Hello Ana\n"
    assert _render(folder) == "Hello Ana\n"
    assert not (folder / cache.CACHE_NAME).exists()
    assert compiles == [NAME, NAME]


@pytest.mark.parametrize("where", ["file", "folder"])
def test_kept_code_another_user_could_have_written_is_never_run(tmp_path, compiles, where):
    folder = _program(tmp_path, "Hello {{ who }}\n")
    _render(folder)
    [kept] = _kept(folder)
    # Code that would render something else, in a file others may write: compiled instead.
    planted = _program(tmp_path / "other", "Planted {{ who }}\n")
    _render(planted)
    kept.write_bytes(_kept(planted)[0].read_bytes())
    (kept if where == "file" else kept.parent).chmod(0o666 if where == "file" else 0o777)
    assert _render(folder) == "Hello Ana\n"
    assert compiles == [NAME, NAME, NAME]
    (kept if where == "file" else kept.parent).chmod(0o600 if where == "file" else 0o700)
    kept.write_bytes(_kept(planted)[0].read_bytes())  # the same, but this user's own
    assert _render(folder) == "Planted Ana\n"  # so the check above is what kept it out


def test_kept_code_that_does_not_load_is_compiled_again(tmp_path, compiles):
    folder = _program(tmp_path, "Hello {{ who }}\n")
    _render(folder)
    [kept] = _kept(folder)
    kept.write_text("not code", encoding="ascii")
    assert _render(folder) == "Hello Ana\n"
    assert compiles == [NAME, NAME]


def test_prepare_compiles_once_and_leaves_a_fault_to_render(tmp_path, compiles):
    folder = _program(tmp_path, "Hello {{ who }}\n", cached=False)
    templates.environment.cache_clear()
    env = templates.environment(
        area="report", language="en", program_folder=folder, templates_dir="own"
    )
    templates.prepare(env, NAME)
    assert compiles == [NAME]
    again = templates.environment(
        area="report", language="en", program_folder=folder, templates_dir="own"
    )
    assert again is env
    assert templates.render(again, NAME, {"who": "Ana"}) == "Hello Ana\n"
    assert compiles == [NAME]
    (folder / "own" / "report" / "en" / "broken.md.j2").write_text("{% if %}\n", encoding="utf-8")
    templates.prepare(env, "broken.md.j2")  # no error here
    with pytest.raises(InputError, match=r"broken\.md\.j2:1: template syntax error"):
        templates.render(env, "broken.md.j2", {})


def test_evaluating_a_small_program_makes_no_cache_folder(example, cli):
    for extra in ([], ["--html"], ["--json"]):
        cli("evaluate", "-p", str(example), *extra)
    cache.settled(example)
    assert (example / "reports" / "evaluation.md").exists()
    assert not (example / cache.CACHE_NAME).exists()


def test_a_big_program_keeps_its_report_template_from_the_second_run(year_copy, cli, compiles):
    def evaluated() -> str:
        templates.environment.cache_clear()  # as a new process
        cli("evaluate", "-p", str(year_copy), "--as-of", "2027-12-20", "--json")
        cache.settled(year_copy)
        return (year_copy / "reports" / "evaluation.md").read_text(encoding="utf-8")

    first = evaluated()  # no cache folder yet while it renders: compiled, not kept
    assert not _kept(year_copy)
    assert evaluated() == first
    assert len(_kept(year_copy)) == 1
    assert compiles == ["evaluation.md.j2", "evaluation.md.j2"]
    assert evaluated() == first
    assert compiles == ["evaluation.md.j2", "evaluation.md.j2"]  # the third one loaded it
