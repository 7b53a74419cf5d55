"""`rmcli forget`: a person leaves no trace in the program folder, and the erasure record names nobody."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w
from tests.trust_helpers import SECRET_NOTE, add_records, snapshot

from rmcli.cli import ask
from rmcli.forget import forget
from rmcli.forget.record import ErasuresFile, add, digest, find

Cli = Callable[..., object]
TRACES = ("Jonas Weber", "jonas.weber@example.com", SECRET_NOTE)


def _all_text(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    )


def _toml(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def program(example: Path) -> Path:
    """Return the example program with sessions, check-ins, feedback and reports."""
    add_records(example)
    return example


def test_forget_erases_a_person_from_every_file(program: Path, cli: Cli) -> None:
    result = cli("-p", str(program), "forget", "jonas", "--yes", "--as-of", "2027-08-01")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]  # a click Result
    text = _all_text(program)
    for trace in TRACES:
        assert trace not in text
    assert "jonas" not in text.casefold().replace(
        "jonas-", ""
    )  # no id left, not even in file names
    people = [p["id"] for p in _toml(program / "roster.toml")["people"]]  # type: ignore[union-attr]  # TOML table
    assert "jonas" not in people and len(people) == 7
    matches = _toml(program / "matches.toml")["matches"]
    assert all("thomas" not in m["seniors"] for m in matches)  # type: ignore[union-attr]  # the partner is free
    assert [s["match"] for s in _toml(program / "sessions.toml")["sessions"]] == ["lena-helga"]  # type: ignore[union-attr]
    assert [c["person"] for c in _toml(program / "checkins.toml")["checkins"]] == ["thomas", "lena"]  # type: ignore[union-attr]
    assert [a["person"] for a in _toml(program / "feedback.toml")["answers"]] == ["lena"]  # type: ignore[union-attr]
    assert sorted(p.name for p in (program / "reports").rglob("*.md")) == ["lena-helga-1.md"]
    record = _toml(program / "erasures.toml")
    erasure = record["erasures"][0]  # type: ignore[index]  # TOML table
    assert erasure["date"] == dt.date(2027, 8, 1)
    assert erasure["removed"] == {
        "roster.toml": 1,
        "matches.toml": 1,
        "sessions.toml": 2,
        "checkins.toml": 1,
        "feedback.toml": 1,
        "reports": 2,
    }
    assert (program / "erasures.toml").stat().st_mode & 0o777 == 0o600
    assert "git history" in result.stderr  # type: ignore[attr-defined]  # a click Result
    assert cli("-p", str(program), "validate").exit_code == 0  # type: ignore[attr-defined]  # a click Result


def test_dry_run_lists_what_would_go_and_changes_nothing(program: Path, cli: Cli) -> None:
    before = snapshot(program)
    reports = sorted(p.name for p in (program / "reports").rglob("*"))
    result = cli("-p", str(program), "forget", "jonas", "--dry-run", "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]  # a click Result
    data = json.loads(result.stdout)  # type: ignore[attr-defined]  # a click Result
    assert data["dry_run"] is True and data["dissolved_matches"] == ["jonas-thomas"]
    assert sorted(data["reports"]) == ["reports/agendas/jonas-thomas-1.md", "reports/summary.md"]
    assert data["removed"]["sessions.toml"] == 2
    assert snapshot(program) == before
    assert sorted(p.name for p in (program / "reports").rglob("*")) == reports
    for trace in TRACES:
        assert trace not in result.stdout + result.stderr  # type: ignore[attr-defined]  # a click Result


def test_forgetting_twice_is_a_clean_exit_0_by_id_and_by_email(program: Path, cli: Cli) -> None:
    assert (
        cli("-p", str(program), "forget", "--email", "Jonas.Weber@EXAMPLE.com", "--yes").exit_code
        == 0
    )  # type: ignore[attr-defined]
    erased = snapshot(program)
    again = cli("-p", str(program), "forget", "jonas")
    assert again.exit_code == 0  # type: ignore[attr-defined]  # a click Result
    assert "already forgotten" in again.stderr  # type: ignore[attr-defined]  # a click Result
    by_mail = cli("-p", str(program), "forget", "--email", "jonas.weber@example.com", "--json")
    assert by_mail.exit_code == 0 and json.loads(by_mail.stdout)["already_forgotten"] is True  # type: ignore[attr-defined]
    assert "jonas.weber" not in by_mail.stderr  # type: ignore[attr-defined]  # a click Result
    assert snapshot(program) == erased


def test_unknown_person_is_a_clean_error(program: Path, cli: Cli) -> None:
    before = snapshot(program)
    result = cli("-p", str(program), "forget", "zara", "--yes")
    assert result.exit_code == 2 and "no person with id 'zara'" in result.stderr  # type: ignore[attr-defined]
    result = cli("-p", str(program), "forget", "--email", "zara.private@example.com", "--yes")
    assert result.exit_code == 2 and "zara.private" not in result.output  # type: ignore[attr-defined]
    assert cli("-p", str(program), "forget", "--yes").exit_code == 2  # type: ignore[attr-defined]  # nobody named
    both = cli("-p", str(program), "forget", "jonas", "--email", "jonas.weber@example.com", "--yes")
    assert both.exit_code == 2 and "not both" in both.stderr  # type: ignore[attr-defined]  # a click Result
    assert snapshot(program) == before


def test_forgetting_a_manager_keeps_an_anonymous_reporting_line(program: Path, cli: Cli) -> None:
    result = cli("-p", str(program), "forget", "thomas", "--yes", "--json")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]  # a click Result
    anon = json.loads(result.stdout)["anonymous_manager_id"]  # type: ignore[attr-defined]  # a click Result
    assert anon.startswith("forgotten-")
    roster = _toml(program / "roster.toml")
    lena = next(p for p in roster["people"] if p["id"] == "lena")  # type: ignore[union-attr]  # TOML table
    assert lena["manager"] == anon
    assert roster["org"][anon] == "helga" and roster["org"]["katrin"] == anon  # type: ignore[index]
    assert "Thomas Keller" not in (program / "roster.toml").read_text()
    assert "# Frontend lead" in (program / "roster.toml").read_text()  # comments stay
    assert cli("-p", str(program), "validate").exit_code == 0  # type: ignore[attr-defined]  # a click Result


def test_a_group_goes_on_without_the_person_under_a_new_id(program: Path, cli: Cli) -> None:
    matches = {
        "matches": [
            {
                "id": "jonas-thomas",
                "juniors": ["jonas", "noah"],
                "seniors": ["thomas"],
                "reasons": ["jonas teaches onboarding"],
            }
        ]
    }
    (program / "matches.toml").write_text(tomli_w.dumps(matches))
    sessions = _toml(program / "sessions.toml")
    sessions["sessions"][0]["note"] = "Noah and Jonas Weber showed the new CI"  # type: ignore[index]
    (program / "sessions.toml").write_text(tomli_w.dumps(sessions))
    result = cli("-p", str(program), "forget", "jonas", "--yes", "--json")
    # The group's own log stays, and one of its notes names Jonas Weber: pointed out for a hand edit.
    assert result.exit_code == 1, result.stderr  # type: ignore[attr-defined]  # a click Result
    assert "sessions.toml:" in result.stderr  # type: ignore[attr-defined]  # a click Result
    renamed = json.loads(result.stdout)["renamed_matches"]  # type: ignore[attr-defined]  # a click Result
    new_id = renamed["jonas-thomas"]
    match = _toml(program / "matches.toml")["matches"][0]  # type: ignore[index]  # TOML table
    assert match == {
        "id": new_id,
        "juniors": ["noah"],
        "seniors": ["thomas"],
        "score": 0.0,
        "reasons": [],
        "locked": False,
    }
    # The group's log stays under the new id; the forgotten person's reports go.
    assert {s["match"] for s in _toml(program / "sessions.toml")["sessions"]} == {
        new_id,
        "lena-helga",
    }  # type: ignore[union-attr]
    assert not (program / "reports" / "agendas" / "jonas-thomas-1.md").exists()


def test_free_text_that_still_names_the_person_is_pointed_out_not_echoed(
    program: Path, cli: Cli
) -> None:
    sessions = _toml(program / "sessions.toml")
    sessions["sessions"][2]["note"] = "Lena asked Jonas Weber to join next time"  # type: ignore[index]
    (program / "sessions.toml").write_text(tomli_w.dumps(sessions))
    result = cli("-p", str(program), "forget", "jonas", "--yes")
    assert result.exit_code == 1  # type: ignore[attr-defined]  # erased, but the user must act
    assert "sessions.toml:" in result.stderr and "Jonas Weber" not in result.output  # type: ignore[attr-defined]
    assert "jonas" not in [p["id"] for p in _toml(program / "roster.toml")["people"]]  # type: ignore[union-attr]


def test_without_a_terminal_forget_needs_yes(program: Path, cli: Cli) -> None:
    before = snapshot(program)
    result = cli("-p", str(program), "forget", "jonas")
    assert result.exit_code == 1 and "--yes" in result.stderr  # type: ignore[attr-defined]  # a click Result
    assert snapshot(program) == before


@pytest.mark.parametrize("answer", [False, True])
def test_the_question_decides(
    program: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    before = snapshot(program)
    monkeypatch.setattr(ask, "can_ask", lambda yes: True)
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: answer)
    result = cli("-p", str(program), "forget", "jonas")
    assert result.exit_code == (0 if answer else 1)  # type: ignore[attr-defined]  # a click Result
    assert (snapshot(program) == before) is (not answer)


def test_a_person_removed_earlier_is_forgotten_by_id(program: Path, cli: Cli) -> None:
    assert cli("-p", str(program), "roster", "remove", "jonas", "--yes").exit_code == 0  # type: ignore[attr-defined]
    assert "jonas" in (program / "checkins.toml").read_text()
    outcome = forget(folder=program, person_id="jonas", today=dt.date(2027, 8, 1))
    assert outcome.plan is not None and outcome.plan.removed["checkins.toml"] == 1
    assert outcome.plan.removed["sessions.toml"] == 2  # the orphaned log of their dissolved match
    assert SECRET_NOTE not in _all_text(program)


def test_the_record_recognises_a_repeat_without_holding_the_id() -> None:
    record = add(
        ErasuresFile(),
        person_id="jonas",
        email="Jonas@Example.com",
        date=dt.date(2027, 1, 1),
        token="0badcafe",
        removed={"roster.toml": 1},
    )
    text = tomli_w.dumps(record.model_dump(mode="python"))
    assert "jonas" not in text.casefold()
    assert find(record, person_id="jonas") is not None
    assert find(record, email="JONAS@example.com") is not None
    assert find(record, person_id="lena") is None
    other = add(
        ErasuresFile(),
        person_id="jonas",
        email="",
        date=dt.date(2027, 1, 1),
        token="0badcafe",
        removed={},
    )
    assert (
        other.salt != record.salt and other.erasures[0].id_hash != record.erasures[0].id_hash
    )  # salted per program
    assert digest("jonas", salt=record.salt) == record.erasures[0].id_hash
    resumed = add(
        record,
        person_id="jonas",
        email="",
        date=dt.date(2027, 2, 1),
        token="ffffffff",
        removed={"x": 2},
    )
    assert len(resumed.erasures) == 1 and resumed.erasures[0].removed == {"roster.toml": 1, "x": 2}
    again = add(
        resumed,
        person_id="jonas",
        email="",
        date=dt.date(2027, 2, 1),
        token="ffffffff",
        removed={"x": 1},
    )
    assert again.erasures[0].removed == {
        "roster.toml": 1,
        "x": 2,
    }  # a resumed run counts nothing twice


def test_a_mention_is_the_id_the_full_name_or_the_email() -> None:
    from rmcli.forget.plan import mention_pattern

    pattern = mention_pattern("will", ["Will Smith", "will@example.com"])
    for text in ("match will-thomas", "WILL SMITH wrote", "mail WILL@example.com", "ask will"):
        assert pattern.search(text), text
    # A name part is shared with colleagues and may be a word: no mention on its own.
    for text in (
        "Will said so",
        "ask Smith",
        "a willow tree",
        "goodwill",
        "WILLING",
        "Will Smithson",
    ):
        assert not pattern.search(text), text
