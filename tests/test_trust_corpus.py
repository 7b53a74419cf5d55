"""The bad-input corpus: every case gives its exit code and message, never a traceback or a personal value."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rmcli.io import atomic, lock

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "data" / "bad"
EXAMPLE = ROOT / "programs" / "tech-six-months"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.toml").is_file())


def _chattr(flag: str, path: Path) -> bool:
    found = shutil.which("chattr")
    if found is None:
        return False
    return (
        subprocess.run([found, flag, str(path)], capture_output=True, check=False).returncode == 0
    )


@contextlib.contextmanager
def _read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make a folder read-only for real (chattr +i stops root too), else simulate it."""
    if _chattr("+i", folder):
        try:
            yield "chattr"
        finally:
            _chattr("-i", folder)
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    yield "patched"


def _prepare(case: Path, work: Path) -> tuple[Path, dict[str, object]]:
    meta = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    folder = work / "program"
    # only the tracked files: a checkout's leftover lock or temp files must not change a case
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".*"))
    for file in case.iterdir():
        if file.name != "case.toml":
            shutil.copyfile(file, folder / file.name)
    setup = str(meta.get("setup", ""))
    if setup.startswith("remove:"):
        (folder / setup.removeprefix("remove:")).unlink()
    elif setup == "roster-folder":
        (folder / "roster.toml").unlink()
        (folder / "roster.toml").mkdir()
    elif setup == "symlink":
        link = work / "linked"
        link.symlink_to(folder, target_is_directory=True)
        return link, meta
    elif setup == "symlink-roster":
        real = work / "shared-roster.toml"
        shutil.move(folder / "roster.toml", real)
        (folder / "roster.toml").symlink_to(real)
    return folder, meta


@pytest.mark.parametrize("name", CASES)
def test_bad_input_case(
    name: str, tmp_path: Path, cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, meta = _prepare(CORPUS / name, tmp_path)
    if meta.get("setup") == "readonly":
        # The lock file exists from an earlier run, as in real life; an immutable folder refuses new files.
        (folder / lock.LOCK_NAME).touch()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    # PROGRAM in an argument stands for the program folder (a CSV sheet copied there, say).
    given = [str(a).replace("PROGRAM", str(folder)) for a in meta["args"]]  # type: ignore[attr-defined]  # list from TOML
    args = ["-p", str(folder), *given]
    for key, value in dict(meta.get("env", {})).items():  # type: ignore[call-overload]  # table from TOML
        monkeypatch.setenv(key, value)
    if meta.get("setup") == "readonly":
        with _read_only(folder, monkeypatch):
            result = cli(*args)
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    else:
        result = cli(*args)
    # The folder's path is left out, so that a fragment cannot match the test's own folder name.
    output = (result.stdout + result.stderr).replace(str(folder), "PROGRAM")  # type: ignore[attr-defined]  # a click Result
    assert result.exit_code == meta["exit"], output  # type: ignore[attr-defined]  # a click Result
    assert "Traceback" not in output
    for fragment in meta["contains"]:  # type: ignore[attr-defined]  # list from TOML
        assert fragment in output, f"{fragment!r} missing from:\n{output}"
    for fragment in meta["absent"]:  # type: ignore[attr-defined]  # list from TOML
        assert fragment not in output, f"personal value {fragment!r} echoed"
    if meta["exit"] == 2:
        # Errors go to stderr, each naming the file they are about.
        assert result.stderr.strip()  # type: ignore[attr-defined]  # a click Result
    if meta.get("setup") in {"symlink", "symlink-roster"}:
        assert 'id = "zoe"' in (folder / "roster.toml").read_text(encoding="utf-8")
        if meta.get("setup") == "symlink-roster":
            assert (folder / "roster.toml").is_symlink()


def test_corpus_covers_every_case_of_the_issue() -> None:
    wanted = [
        "empty-roster",
        "cut-mid-line",
        "cut-at-people-boundary",
        "bom",
        "latin1",
        "crlf",
        "merge-conflict",
        "duplicate-key",
        "misspelt-key",
        "wrong-types",
        "role-capitalised",
        "checkin-score-0",
        "checkin-score-6",
        "checkin-score-4_5",
        "checkin-score-nan",
        "checkin-score-inf",
        "feedback-rating-0",
        "feedback-rating-6",
        "feedback-rating-4_5",
        "feedback-rating-nan",
        "feedback-rating-inf",
        "email-twice-case",
        "own-manager",
        "management-cycle",
        "long-name-accepted",
        "long-name-refused",
        "rtl-and-emoji",
        "read-only-folder",
        "symlinked-folder",
    ]
    assert [w for w in wanted if w not in CASES] == []


def test_crlf_roster_stays_crlf_free_of_mixed_endings_after_add(
    tmp_path: Path, cli: Callable[..., object]
) -> None:
    folder, _ = _prepare(CORPUS / "crlf-roster-add", tmp_path)
    result = cli(
        "-p",
        str(folder),
        "roster",
        "add",
        "--id",
        "zoe",
        "--name",
        "Zoe",
        "--role",
        "junior",
        "--yes",
    )
    assert result.exit_code == 0  # type: ignore[attr-defined]  # a click Result
    text = (folder / "roster.toml").read_bytes().decode()
    assert "Helga Brandt" in text and 'id = "zoe"' in text
    assert tomllib.loads(text)["people"][-1]["id"] == "zoe"
