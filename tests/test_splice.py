"""Adding a check-in or a session rewrites only the tables that changed, with the whole file's bytes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from tests.trust_strategies import for_model
from tests.year_helpers import write_year

from rmcli import folder as folder_module
from rmcli.dates import LAST_DAY
from rmcli.folder import CHECKINS_FILE, SESSIONS_FILE, dump_owned, load, write_owned
from rmcli.io import cache, tomlw
from rmcli.io.splice import splice
from rmcli.models.checkins import Checkin, CheckinsFile
from rmcli.models.sessions import SessionRecord, SessionsFile
from rmcli.running.checkin import put_checkins
from rmcli.running.log import put_record

KEY = "items"
# Values that try the search for table headers: a header inside text, quotes, line breaks.
TEXT = st.one_of(
    st.sampled_from(["", "x" * 90, f"\n[[{KEY}]]\n", f"[[{KEY}]]", '"', "a\nb", "é"]),
    st.text(max_size=12),
)
VALUE = st.one_of(TEXT, st.integers(), st.booleans(), st.dates(), st.lists(TEXT, max_size=2))
TABLE = st.dictionaries(st.sampled_from(["person", "date", "note", "n", "tags"]), VALUE)
TABLES = st.lists(TABLE, max_size=6)


@given(st.lists(TABLE, min_size=1, max_size=8), TABLES, st.data())
def test_a_spliced_text_is_the_whole_rewrite(
    old: list[dict[str, Any]], tables: list[dict[str, Any]], data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(old)), label="start")
    stop = data.draw(st.integers(start, len(old)), label="stop")
    text = tomlw.dumps({KEY: old})
    spliced = splice(text, key=KEY, count=len(old), start=start, stop=stop, tables=tables)
    whole = tomlw.dumps({KEY: old[:start] + tables + old[stop:]})
    if spliced is not None:
        assert spliced == whole
    elif start >= 1 and text.startswith(f"[[{KEY}]]\n"):
        # it may decline only when every new table could be inline
        assert tomlw.array_tables(KEY, tables) is None


def _written(folder: Path, name: str, model: BaseModel) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    write_owned(folder, name, model)


@pytest.fixture
def small_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every file in the cache, however small (rmcli knows which bytes it wrote)."""
    monkeypatch.setattr(cache, "CACHE_FROM_BYTES", 0)


@pytest.fixture
def spliced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the texts write_owned made by splicing (a property must not hold only vacuously)."""
    made: list[str] = []

    def counted(text: str, **given: Any) -> str | None:
        found = splice(text, **given)
        made.extend([found] if found is not None else [])
        return found

    monkeypatch.setattr(folder_module, "splice", counted)
    return made


@pytest.mark.usefixtures("small_cache")
def test_added_checkins_give_the_bytes_of_the_whole_rewrite(
    tmp_path: Path, spliced: list[str]
) -> None:
    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(for_model(Checkin), max_size=6),
        st.lists(for_model(Checkin), max_size=3),
        st.booleans(),
    )
    def check(earlier: list[Checkin], answers: list[Checkin], latest: bool) -> None:
        if latest:  # as most answers come: after every answer recorded
            answers = [a.model_copy(update={"date": LAST_DAY}) for a in answers]
        folder = tmp_path / "p"
        _written(folder, CHECKINS_FILE, put_checkins(checkins=CheckinsFile(), answers=earlier)[0])
        current = load(folder)
        updated, _ = put_checkins(checkins=current.checkins, answers=answers)
        write_owned(folder, CHECKINS_FILE, updated, before=current.checkins_file.loaded)
        assert (folder / CHECKINS_FILE).read_text() == dump_owned(updated)

    check()
    assert len(spliced) >= 3


@pytest.mark.usefixtures("small_cache")
def test_logged_sessions_give_the_bytes_of_the_whole_rewrite(
    tmp_path: Path, spliced: list[str]
) -> None:
    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(for_model(SessionRecord), max_size=6), for_model(SessionRecord))
    def check(earlier: list[SessionRecord], record: SessionRecord) -> None:
        folder = tmp_path / "p"
        _written(folder, SESSIONS_FILE, _logged(earlier))
        current = load(folder)
        updated = put_record(sessions=current.sessions, record=record, replace=True)
        write_owned(folder, SESSIONS_FILE, updated, before=current.sessions_file.loaded)
        assert (folder / SESSIONS_FILE).read_text() == dump_owned(updated)

    check()
    assert len(spliced) >= 3


def _logged(records: list[SessionRecord]) -> SessionsFile:
    """Return a log as `rmcli log` keeps it: one record a session, in order."""
    kept = {(r.match, r.number): r for r in records}
    return SessionsFile(sessions=[kept[key] for key in sorted(kept)])


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A program whose check-ins and sessions rmcli has written once (so it knows their bytes)."""
    folder = write_year(tmp_path_factory.mktemp("year") / "program", pairs=48, held=11)
    snapshot = load(folder)
    write_owned(folder, CHECKINS_FILE, put_checkins(checkins=snapshot.checkins, answers=[])[0])
    write_owned(folder, SESSIONS_FILE, _logged(snapshot.sessions.sessions))
    return folder


def _copy(folder: Path, to: Path) -> Path:
    subprocess.run(["cp", "-a", str(folder), str(to)], check=True)
    return to


def _answer(person: str) -> Checkin:
    return Checkin(person=person, date=dt.date(2027, 12, 20), score=4)


def _no_whole_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(model: BaseModel) -> str:
        raise AssertionError("the whole file was written again")

    monkeypatch.setattr(folder_module, "dump_owned", refused)


def test_a_new_checkin_is_spliced_in(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(year, tmp_path / "p")
    for person in ("j00000", "j00000", "s00001"):  # added, replaced, added
        current = load(folder)
        updated, _ = put_checkins(checkins=current.checkins, answers=[_answer(person)])
        whole = dump_owned(updated)
        with monkeypatch.context() as patched:
            _no_whole_rewrite(patched)
            write_owned(folder, CHECKINS_FILE, updated, before=current.checkins_file.loaded)
        assert (folder / CHECKINS_FILE).read_text() == whole


def test_a_session_logged_early_in_the_file_is_spliced_in(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(year, tmp_path / "p")
    current = load(folder)
    first = current.sessions.sessions[0]
    record = first.model_copy(update={"number": 12, "date": dt.date(2027, 12, 14)})
    updated = put_record(sessions=current.sessions, record=record, replace=False)
    whole = dump_owned(updated)
    _no_whole_rewrite(monkeypatch)
    write_owned(folder, SESSIONS_FILE, updated, before=current.sessions_file.loaded)
    assert (folder / SESSIONS_FILE).read_text() == whole


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text + "# the last one came by phone\n",
        lambda text: text.replace("\n\n", "\n\n# a note\n", 5),
        lambda text: text.replace(folder_module.GENERATED_HEADER, ""),
    ],
    ids=["comment-at-end", "comments-inside", "no-header"],
)
def test_a_hand_edited_file_is_written_whole_as_before(
    year: Path, tmp_path: Path, edit: Any
) -> None:
    folder = _copy(year, tmp_path / "p")
    path = folder / CHECKINS_FILE
    path.write_text(edit(path.read_text()))
    current = load(folder)
    updated, _ = put_checkins(checkins=current.checkins, answers=[_answer("j00000")])
    write_owned(folder, CHECKINS_FILE, updated, before=current.checkins_file.loaded)
    # the header says so: rmcli rewrites its files whole, hand edits kept to values
    assert path.read_text() == dump_owned(updated)
    assert "#" not in path.read_text().removeprefix(folder_module.GENERATED_HEADER)


def test_a_file_another_rmcli_wrote_is_written_whole(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(year, tmp_path / "p")
    monkeypatch.setattr(cache, "_writer", lambda: "other code")
    read = load(folder).checkins_file.loaded
    assert read is not None and read.seen is not None
    assert not cache.wrote(folder, CHECKINS_FILE, read.seen)
