"""The cache of big program files: the same models as the TOML, never stale, never left by forget."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel
from tests.trust_strategies import for_model
from tests.year_helpers import write_year

from rmcli.folder import CACHE_NAME, CHECKINS_FILE, SESSIONS_FILE, load, write_owned
from rmcli.io import cache, toml
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.models.feedback import FeedbackFile

FILES = ("program", "roster", "matches", "sessions", "checkins", "feedback")
AS_OF = "2027-12-20"


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A program whose sessions and check-ins are big enough to be kept in the cache."""
    folder = write_year(tmp_path_factory.mktemp("year") / "program", pairs=48, held=11)
    for name in (SESSIONS_FILE, CHECKINS_FILE):
        assert (folder / name).stat().st_size >= cache.CACHE_FROM_BYTES, name
    return folder


def _copy(folder: Path, to: Path) -> Path:
    subprocess.run(["cp", "-a", str(folder), str(to)], check=True)
    return to


def _models(folder: Path) -> dict[str, BaseModel]:
    snapshot = load(folder)
    return {name: getattr(snapshot, f"{name}_file").strict().model for name in FILES}


def test_a_second_read_comes_from_the_cache_and_equals_the_toml(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(year, tmp_path / "p")
    first = _models(folder)
    entries = sorted(p.name for p in (folder / CACHE_NAME).glob("*.json"))
    assert SESSIONS_FILE + ".json" in entries and CHECKINS_FILE + ".json" in entries
    parsed: list[str] = []
    real_parse = toml.parse
    monkeypatch.setattr(
        toml, "parse", lambda text, *, file: parsed.append(file) or real_parse(text, file=file)
    )
    assert _models(folder) == first
    # the big files came from their entries; only the small ones were parsed
    small = sorted(
        f"{name}.toml"
        for name in FILES
        if (folder / f"{name}.toml").stat().st_size < cache.CACHE_FROM_BYTES
    )
    assert sorted(Path(f).name for f in parsed) == small


def test_entries_are_private_and_ignored_by_git(year: Path, tmp_path: Path) -> None:
    folder = _copy(year, tmp_path / "p")
    _models(folder)
    kept = folder / CACHE_NAME
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    for entry in kept.iterdir():
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600, entry.name
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    listed = subprocess.run(
        ["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert SESSIONS_FILE in listed and CACHE_NAME not in listed


def test_an_edited_file_is_read_again_not_taken_from_the_cache(year: Path, tmp_path: Path) -> None:
    folder = _copy(year, tmp_path / "p")
    before = load(folder).sessions
    text = (folder / SESSIONS_FILE).read_text(encoding="utf-8")
    edited = text.replace("minutes = 60", "minutes = 61", 1)
    assert edited != text and len(edited) == len(text)  # same size: the key is the content
    (folder / SESSIONS_FILE).write_text(edited, encoding="utf-8")
    after = load(folder).sessions
    changed = [a for a, b in zip(after.sessions, before.sessions, strict=True) if a != b]
    assert [s.minutes for s in changed] == [61]


def test_a_broken_entry_falls_back_to_the_file(year: Path, tmp_path: Path) -> None:
    folder = _copy(year, tmp_path / "p")
    good = load(folder).checkins
    entry = folder / CACHE_NAME / (CHECKINS_FILE + ".json")
    key = entry.read_bytes().partition(b"\n")[0]
    entry.write_bytes(key + b"\n{not json")
    assert load(folder).checkins == good
    entry.write_bytes(b"another key\n" + json.dumps({"checkins": []}).encode())
    assert load(folder).checkins == good


def test_a_file_with_problems_is_not_kept(year: Path, tmp_path: Path) -> None:
    folder = _copy(year, tmp_path / "p")
    text = (folder / SESSIONS_FILE).read_text(encoding="utf-8")
    (folder / SESSIONS_FILE).write_text(text + "\nsurprise = 1\n", encoding="utf-8")
    read = load(folder).sessions_file
    assert read.problems and not (folder / CACHE_NAME / (SESSIONS_FILE + ".json")).exists()


def test_a_small_program_gets_no_cache(example: Path) -> None:
    _models(example)
    assert not (example / CACHE_NAME).exists()


def test_an_entry_of_a_file_replaced_while_it_was_read_is_removed(
    year: Path, tmp_path: Path
) -> None:
    # A `forget` that replaces the file between a reader's read and its keeping the entry
    # must not leave the old data in the cache.
    folder = _copy(year, tmp_path / "p")
    path = folder / SESSIONS_FILE
    seen = path.stat()
    data = path.read_bytes()
    found = SessionsFile.model_validate_json(load(folder).sessions.model_dump_json())
    (folder / CACHE_NAME).mkdir(exist_ok=True, mode=0o700)
    replacement = folder / "new.toml"
    replacement.write_bytes(data)
    replacement.replace(path)  # same bytes, another file: what an atomic write does
    cache.keep(folder, SESSIONS_FILE, found, data=data, seen=seen)
    assert not cache.entry_path(folder, SESSIONS_FILE).exists()
    cache.keep(folder, SESSIONS_FILE, found, data=data, seen=path.stat())
    assert cache.entry_path(folder, SESSIONS_FILE).exists()  # the control: unchanged is kept


def test_forget_leaves_no_cache_behind(year: Path, tmp_path: Path) -> None:
    folder = _copy(year, tmp_path / "p")
    person = load(folder).roster.people[0]
    run = [sys.executable, "-m", "rmcli", "-p", str(folder)]
    subprocess.run([*run, "status", "--as-of", AS_OF], capture_output=True, check=False)
    cache.settled(folder)  # the entries a child may keep after the answer
    quoted = f'"{person.id}"'.encode()  # as TOML and JSON both write it
    assert any(quoted in p.read_bytes() for p in (folder / CACHE_NAME).glob("*.json"))
    done = subprocess.run([*run, "forget", person.id, "--yes"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (folder / CACHE_NAME).exists()
    # nothing anywhere in the folder, hidden files included, names the person any more
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert person.name.encode() not in data and quoted not in data, path


def _set_fields(value: object) -> object:
    """Return the fields each model in a value was given (not defaulted), all the way down."""
    if isinstance(value, BaseModel):
        return {name: _set_fields(getattr(value, name)) for name in sorted(value.model_fields_set)}
    if isinstance(value, list):
        return [_set_fields(item) for item in value]
    return None


def test_a_default_stays_a_default_through_the_cache(year: Path, tmp_path: Path) -> None:
    # A person without a timezone reads times in the program's zone (announce asks
    # `model_fields_set`): the cache must not turn the default into a value the file set.
    folder = _copy(year, tmp_path / "p")
    text = (folder / "roster.toml").read_text(encoding="utf-8")
    text = re.sub(r"^timezone = .*\n", "", text, flags=re.MULTILINE)  # nobody names a zone
    padding = "\n# " + "padding " * 9000 + "\n"  # big enough to be kept
    (folder / "roster.toml").write_text(text + padding, encoding="utf-8")
    parsed = _models(folder)
    assert (folder / CACHE_NAME / "roster.toml.json").exists()
    cached = _models(folder)
    for name in FILES:
        assert _set_fields(cached[name]) == _set_fields(parsed[name]), name
    assert not any("timezone" in p.model_fields_set for p in cached["roster"].people)  # type: ignore[attr-defined]


def test_keys_differ_by_model_and_by_bytes() -> None:
    data = b"x" * 10
    assert cache.key_of(SessionsFile, data) != cache.key_of(CheckinsFile, data)
    assert cache.key_of(SessionsFile, data) != cache.key_of(SessionsFile, data + b" ")
    assert cache.key_of(SessionsFile, data) == cache.key_of(SessionsFile, data)


@pytest.mark.parametrize(
    "model",
    [Program, Roster, MatchesFile, SessionsFile, CheckinsFile, FeedbackFile],
    ids=lambda m: m.__name__,
)
def test_every_cached_model_reads_back_from_its_json(model: type[BaseModel]) -> None:
    @settings(
        max_examples=25,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(for_model(model))
    def round_trip(value: BaseModel) -> None:
        assert model.model_validate_json(value.model_dump_json(by_alias=True)) == value

    round_trip()


@pytest.mark.parametrize(
    ("model", "name"),
    [(SessionsFile, SESSIONS_FILE), (CheckinsFile, CHECKINS_FILE), (MatchesFile, "matches.toml")],
    ids=lambda x: getattr(x, "__name__", x),
)
def test_a_file_rmcli_writes_is_kept_as_reading_it_back_gives_it(
    model: type[BaseModel], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "CACHE_FROM_BYTES", 0)  # every file is big enough here

    @settings(
        max_examples=20,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(for_model(model))
    def check(value: BaseModel) -> None:
        folder = tmp_path / "p"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        write_owned(folder, name, value)
        data = (folder / name).read_bytes()
        kept = cache.recall(folder, name, model, data=data)
        assert kept is not None  # written through
        parsed, problems, _, _ = toml.read_model_seen(model, folder / name, file=name)
        assert not problems
        assert kept == parsed == value
        assert _set_fields(kept) == _set_fields(parsed)

    check()


def test_a_digest_is_that_of_the_bytes_asked_for_also_when_remembered() -> None:
    """Bytes hashed before give their digest again; other bytes, even of one length, their own."""
    kept = [f"{n:08}".encode() for n in range(20)]  # more than the remembered ones
    for data in [*kept, *kept, *(bytes(d) for d in kept)]:
        assert cache.digest_of(data) == hashlib.blake2b(data, digest_size=20).hexdigest()
    for n in range(50):  # bytes freed and made again may take the address of earlier ones
        data = f"{n:08}x".encode()
        assert cache.digest_of(data) == hashlib.blake2b(data, digest_size=20).hexdigest()
