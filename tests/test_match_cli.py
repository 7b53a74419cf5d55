"""`rmcli match` and `rmcli matches` end to end through the CLI."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from rmcli.cli import ask
from rmcli.folder import MATCHES_FILE


def _run(cli: Any, example: Path, *args: str) -> Any:
    return cli("-p", str(example), "match", *args)


def _json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _pairs(data: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m["juniors"][0], m["seniors"][0]) for m in data["matches"]}


def _edit(path: Path, change: Any) -> None:
    data = tomllib.loads(path.read_text())
    change(data)
    path.write_text(tomli_w.dumps(data))


def test_example_never_pairs_lena_with_her_manager(cli: Any, example: Path) -> None:
    """lena reports to thomas: no seed, weight or fairness setting pairs them."""
    for extra in ([], ["--fair"], ["--seed", "3"], ["--weight", "topics=50"], ["--fresh"]):
        data = _json(_run(cli, example, "--json", *extra))
        assert ("lena", "thomas") not in _pairs(data)
        assert len(data["matches"]) == 4


def test_explain_shows_the_rule_that_rules_thomas_out(cli: Any, example: Path) -> None:
    """--explain names the reporting line as the reason thomas is no candidate for lena."""
    data = _json(_run(cli, example, "--explain", "lena", "--json"))
    thomas = next(c for c in data["candidates"] if c["id"] == "thomas")
    assert thomas["ruled_out"] == "direct reporting line"
    assert "lena" in data["match"]["juniors"]
    text = cli("-p", str(example), "match", "--explain", "lena", env={"COLUMNS": "120"})
    assert "ruled out: direct reporting line" in text.stdout
    narrow = _run(cli, example, "--explain", "lena")  # 80 columns: the status wraps
    assert "ruled out: direct" in narrow.stdout and "reporting line" in narrow.stdout
    assert max(len(line.rstrip()) for line in narrow.stdout.splitlines()) <= 80


def test_json_shape_and_reasons(cli: Any, example: Path) -> None:
    """Matches carry id, people, score, reasons and locked; the summary has mean and worst."""
    (example / MATCHES_FILE).unlink(missing_ok=True)
    data = _json(_run(cli, example, "--json"))
    for m in data["matches"]:
        assert {"id", "juniors", "seniors", "score", "reasons", "locked"} <= m.keys()
        assert m["id"] == f"{m['juniors'][0]}-{m['seniors'][0]}"
    markus = next(m for m in data["matches"] if m["seniors"] == ["markus"])
    assert markus["juniors"] == ["aylin"] and "both prefer each other" in markus["reasons"]
    summary = data["summary"]
    assert summary["worst"] <= summary["mean"] <= summary["total"]
    assert 0 < summary["share_of_bound"] <= 1


def test_without_write_nothing_is_written(cli: Any, example: Path) -> None:
    """A plain run prints a proposal and leaves the folder as it was."""
    (example / MATCHES_FILE).unlink(missing_ok=True)
    before = sorted(p.name for p in example.iterdir())
    assert _run(cli, example).exit_code == 0
    assert sorted(p.name for p in example.iterdir()) == before


def test_write_then_show(cli: Any, example: Path) -> None:
    """--write stores the proposal (0600); `rmcli matches` prints it back."""
    (example / MATCHES_FILE).unlink(missing_ok=True)
    proposed = _json(_run(cli, example, "--json"))
    result = _run(cli, example, "--write", "--as-of", "2027-01-04")
    assert result.exit_code == 0, result.output
    path = example / MATCHES_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    stored = _json(cli("-p", str(example), "matches", "--json"))
    assert _pairs(stored) == _pairs(proposed)
    assert all(m["created"] == "2027-01-04" for m in stored["matches"])
    table = cli("-p", str(example), "matches")
    assert "aylin-markus" in table.stdout


def test_locked_matches_survive_a_fresh_rematch(cli: Any, example: Path) -> None:
    """A locked pair that is not the optimum stays, with its id, through --fresh --write."""
    path = example / MATCHES_FILE
    path.write_text(
        tomli_w.dumps(
            {
                "matches": [
                    {"id": "odd-pair", "juniors": ["noah"], "seniors": ["markus"], "locked": True},
                    {"id": "loose", "juniors": ["aylin"], "seniors": ["sabine"]},
                ]
            }
        )
    )
    assert _run(cli, example, "--fresh", "--write").exit_code == 0
    stored = _json(cli("-p", str(example), "matches", "--json"))
    by_id = {m["id"]: m for m in stored["matches"]}
    assert by_id["odd-pair"]["locked"] and by_id["odd-pair"]["juniors"] == ["noah"]
    assert "loose" not in by_id  # unlocked matches are re-solved under --fresh
    assert ("aylin", "sabine") not in _pairs(stored)
    assert sum("markus" in m["seniors"] for m in stored["matches"]) == 1


def test_removing_a_person_frees_the_partner_only(cli: Any, example: Path) -> None:
    """After aylin leaves, markus gets a new junior and every other pair is kept."""
    assert _run(cli, example, "--write").exit_code == 0
    before = _pairs(_json(cli("-p", str(example), "matches", "--json")))
    roster = example / "roster.toml"
    _edit(roster, lambda d: d.__setitem__("people", [p for p in d["people"] if p["id"] != "aylin"]))
    _edit(roster, lambda d: d["people"].append({"id": "mia", "name": "Mia", "role": "junior"}))
    data = _json(_run(cli, example, "--json"))
    assert [m["id"] for m in data["matches"] if m["new"]] == ["mia-markus"]
    assert data["dissolved"] == ["aylin-markus"]
    assert _pairs(data) == {p for p in before if p[0] != "aylin"} | {("mia", "markus")}


def test_dissolved_match_without_replacement_leaves_partner_unmatched(
    cli: Any, example: Path
) -> None:
    """A partner whose junior left and who has nobody eligible is listed with a reason."""
    assert _run(cli, example, "--write").exit_code == 0
    roster = example / "roster.toml"
    _edit(roster, lambda d: d.__setitem__("people", [p for p in d["people"] if p["id"] != "aylin"]))
    data = _json(_run(cli, example, "--json"))
    assert {"id": "markus", "reason": "no free junior is left"} in data["unmatched"]
    assert len(data["matches"]) == 3


def test_weight_shows_changes_without_writing(cli: Any, example: Path) -> None:
    """--weight re-solves for one run and reports added and removed matches."""
    assert _run(cli, example, "--write").exit_code == 0
    before = (example / MATCHES_FILE).read_text()
    data = _json(
        _run(
            cli,
            example,
            "--json",
            "--weight",
            "prefer=0",
            "--weight",
            "topics=0",
            "--weight",
            "department=0",
            "--weight",
            "language=0",
            "--weight",
            "timezone=0",
        )
    )
    assert set(data["changes"]) == {"added", "removed"}
    assert all(m["score"] == 0 for m in data["matches"])
    assert (example / MATCHES_FILE).read_text() == before
    bad = _run(cli, example, "--weight", "topics=5", "--write")
    assert bad.exit_code == 2


def test_history_keeps_past_partners_apart(cli: Any, example: Path) -> None:
    """A pair from an earlier cohort's matches file is never proposed again."""
    old = example / "2026.toml"
    old.write_text(
        tomli_w.dumps({"matches": [{"id": "x", "juniors": ["aylin"], "seniors": ["markus"]}]})
    )
    _edit(example / "program.toml", lambda d: d["matching"].__setitem__("history", ["2026.toml"]))
    (example / MATCHES_FILE).unlink()
    data = _json(_run(cli, example, "--json"))
    assert ("aylin", "markus") not in _pairs(data)
    why = _json(_run(cli, example, "--json", "--explain", "aylin"))
    markus = next(c for c in why["candidates"] if c["id"] == "markus")
    assert markus["ruled_out"] == "already matched in an earlier cohort"


def test_review_rejects_and_resolves(
    cli: Any, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rejected pairs are re-solved into other pairs; a lock is kept; each pair asked once."""
    (example / MATCHES_FILE).unlink()
    asked: list[str] = []

    def decide(question: str, *, choices: list[str], default: str | None = None) -> str:
        assert (choices, default) == (["accept", "reject", "lock"], "accept")
        match_id = question.split(":", 1)[0]  # the question starts with the match's id
        asked.append(match_id)
        if match_id in ("aylin-markus", "noah-sabine"):
            return "reject"
        return "lock" if match_id == "lena-helga" else "accept"

    monkeypatch.setattr(ask, "choice", decide)
    monkeypatch.setattr(ask, "can_ask", lambda yes: True)
    result = _run(cli, example, "--review")
    assert result.exit_code == 0, result.output
    assert asked.count("aylin-markus") == 1 and len(asked) == len(set(asked)) == 6
    stored = _json(cli("-p", str(example), "matches", "--json"))
    assert _pairs(stored) & {("aylin", "markus"), ("noah", "sabine")} == set()
    assert {("aylin", "sabine"), ("noah", "markus")} <= _pairs(stored)
    locked = {m["id"]: m["locked"] for m in stored["matches"]}
    assert locked["lena-helga"] is True and locked["jonas-thomas"] is False


def test_review_without_terminal_needs_an_answer(cli: Any, example: Path) -> None:
    """--review cannot ask without a terminal: exit 2, nothing written."""
    before = (example / MATCHES_FILE).read_text()
    result = _run(cli, example, "--review")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (example / MATCHES_FILE).read_text() == before


def test_nobody_can_be_matched_exits_1_and_writes_nothing(cli: Any, example: Path) -> None:
    """All juniors avoid all seniors: exit 1 with a reason per person, no file."""
    (example / MATCHES_FILE).unlink()

    def avoid_all(d: dict[str, Any]) -> None:
        for p in d["people"]:
            if p["role"] == "junior":
                p["avoid"] = ["helga", "thomas", "sabine", "markus"]

    _edit(example / "roster.toml", avoid_all)
    result = _run(cli, example, "--write")
    assert result.exit_code == 1
    assert "nobody can be matched" in result.stderr
    assert "lena: no eligible senior" in result.stderr
    assert not (example / MATCHES_FILE).exists()


def test_group_format_needing_more_people_exits_1(cli: Any, example: Path) -> None:
    """Groups of 5-6 juniors cannot be formed from 4: exit 1 with the reason, no file."""
    (example / MATCHES_FILE).unlink()

    def groups(d: dict[str, Any]) -> None:
        d["format"] = "group"
        d["matching"]["juniors_per_group"] = [5, 6]

    _edit(example / "program.toml", groups)
    result = _run(cli, example, "--write")
    assert result.exit_code == 1
    assert "needs at least 5 juniors" in result.stderr
    assert not (example / MATCHES_FILE).exists()


def test_group_format_forms_groups(cli: Any, example: Path) -> None:
    """Groups of 2-3 juniors: everyone matched except whom the rules keep out, with reasons."""
    (example / MATCHES_FILE).unlink()

    def groups(d: dict[str, Any]) -> None:
        d["format"] = "group"
        d["matching"]["juniors_per_group"] = [2, 3]

    _edit(example / "program.toml", groups)
    data = _json(_run(cli, example, "--json"))
    for m in data["matches"]:
        assert not ({"lena", "thomas"} <= set(m["juniors"] + m["seniors"]))
        assert not ({"helga", "thomas"} <= set(m["seniors"]))  # thomas reports to helga
    placed = {p for m in data["matches"] for p in m["juniors"] + m["seniors"]}
    left = {u["id"] for u in data["unmatched"]}
    assert placed | left == {
        "helga",
        "thomas",
        "sabine",
        "markus",
        "lena",
        "jonas",
        "aylin",
        "noah",
    }


def test_default_groups_leave_seniors_over_with_the_reason(cli: Any, example: Path) -> None:
    """4 juniors make one group of up to 2 seniors: the other two seniors hear why."""
    (example / MATCHES_FILE).unlink()
    _edit(example / "program.toml", lambda d: d.__setitem__("format", "group"))
    data = _json(_run(cli, example, "--json"))
    assert len(data["matches"]) == 1
    group = data["matches"][0]
    assert sorted(group["juniors"]) == ["aylin", "jonas", "lena", "noah"]
    assert len(group["seniors"]) == 2 and "thomas" not in group["seniors"]  # lena's manager
    assert group["id"] == "group-" + "-".join(sorted(group["seniors"]))
    reasons = {u["id"]: u["reason"] for u in data["unmatched"]}
    assert set(reasons) == {"helga", "thomas", "sabine", "markus"} - set(group["seniors"])
    assert set(reasons.values()) == {"every group already has the most seniors allowed"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--explain", "lena", "--write"], "--explain only prints"),
        (["--weight", "speed=2"], "--weight speed=2"),
        (["--weight", "topics=x"], "expected a number"),
        (["--weight", "topics=-1"], "from 0 to 100"),
        (["--explain", "nobody"], "no person with id"),
        (["--as-of", "2027-13-01"], "--as-of"),
    ],
)
def test_bad_flags_exit_2(cli: Any, example: Path, args: list[str], needle: str) -> None:
    """Bad flag values: exit 2, a message naming the flag, no traceback."""
    result = _run(cli, example, *args)
    assert result.exit_code == 2
    assert needle in result.stderr and "Traceback" not in result.output


def test_broken_matches_file_exit_2(cli: Any, example: Path) -> None:
    """A matches.toml with a wrong key: exit 2 naming the file and the key."""
    (example / MATCHES_FILE).write_text(
        '[[matches]]\nid = "x"\njuniors = ["lena"]\nseniors = ["helga"]\nscor = 1\n'
    )
    result = _run(cli, example)
    assert result.exit_code == 2
    assert "matches.toml:5" in result.stderr and "scor" in result.stderr


def _set_format(example: Path, fmt: str, **extra: Any) -> None:
    def change(d: dict[str, Any]) -> None:
        d["format"] = fmt
        d.update(extra)

    _edit(example / "program.toml", change)


def test_peer_format_counts_both_directions(cli: Any, example: Path) -> None:
    """In peer format a pair scores what each teaches the other, and says so."""
    (example / MATCHES_FILE).unlink()
    _set_format(example, "peer")
    data = _json(_run(cli, example, "--json"))
    assert ("lena", "thomas") not in _pairs(data)
    why = _json(_run(cli, example, "--json", "--explain", "aylin"))
    markus = next(c for c in why["candidates"] if c["id"] == "markus")
    assert "learns operations from the senior in turn" in markus["reasons"]
    one_way = _json(_run(cli, example, "--json", "--explain", "aylin", "--weight", "topics=3"))
    assert why["candidates"] == one_way["candidates"]  # --weight keeps the format's scoring
    (example / "program.toml").write_text(
        (example / "program.toml").read_text().replace('format = "peer"', 'format = "one-to-one"')
    )
    plain = _json(_run(cli, example, "--json", "--explain", "aylin"))
    before = next(c for c in plain["candidates"] if c["id"] == "markus")
    assert markus["score"] == before["score"] + 3.0  # operations counted the other way too


def test_project_format_forms_teams_on_projects(cli: Any, example: Path) -> None:
    """Pairs go onto project places (size // 2 pairs each); pairs on one project are a team."""
    (example / MATCHES_FILE).unlink()
    projects = [
        {
            "id": "build-speed",
            "title": "Faster builds",
            "topics": ["developer-experience"],
            "size": 4,
        },
        {"id": "ai-pilot", "title": "AI pilot", "topics": ["ai-tools"], "size": 4},
    ]
    _set_format(example, "project", projects=projects)

    def choose(d: dict[str, Any]) -> None:
        for p in d["people"]:
            if p["id"] in ("noah", "helga"):
                p["projects"] = ["ai-pilot"]

    _edit(example / "roster.toml", choose)
    data = _json(_run(cli, example, "--json", "--weight", "project=50"))
    assert {m["id"] for m in data["matches"]} == {"team-ai-pilot", "team-build-speed"}
    team = next(m for m in data["matches"] if m["project"] == "ai-pilot")
    assert {"noah", "helga"} <= set(team["juniors"] + team["seniors"])
    assert len(team["juniors"]) == len(team["seniors"]) == 2
    assert team["reasons"][0] == "the project “AI pilot” was chosen by helga, noah"
    everyone = [p for m in data["matches"] for p in m["juniors"] + m["seniors"]]
    assert sorted(everyone) == sorted(set(everyone)) and len(everyone) == 8
    assert data["summary"]["bound"] is None


def test_project_places_run_out(cli: Any, example: Path) -> None:
    """Two projects of size 2 hold one pair each; the other pairs keep no project, noted."""
    (example / MATCHES_FILE).unlink()
    projects = [
        {"id": "build-speed", "title": "Faster builds", "topics": ["developer-experience"]},
        {"id": "ai-pilot", "title": "AI pilot", "topics": ["ai-tools"]},
    ]
    _set_format(example, "project", projects=projects)
    result = _run(cli, example, "--json")
    assert result.exit_code == 1  # two pairs found no place: the organiser decides
    data = json.loads(result.stdout)
    assert sorted(m.get("project", "") for m in data["matches"]) == [
        "",
        "",
        "ai-pilot",
        "build-speed",
    ]
    assert data["notes"] == ["2 pairs have no project: every project's places are taken"]
    assert "2 pairs have no project" in result.stderr
    unplaced = [m for m in data["matches"] if not m.get("project")]
    for match in unplaced:
        assert f"{match['id']}: " in result.stderr
        # A pair without a project never has a reason naming one.
        assert not any("project" in reason for reason in match["reasons"])
    for choice in ("--no-project pair", "--no-project leave-out", "size"):
        assert choice in result.stderr
    written = _run(cli, example, "--write")
    assert written.exit_code == 1 and not (example / MATCHES_FILE).exists()
    assert _run(cli, example, "--write", "--no-project", "leave-out").exit_code == 0
    kept = tomllib.loads((example / MATCHES_FILE).read_text(encoding="utf-8"))["matches"]
    assert sorted(m["project"] for m in kept) == ["ai-pilot", "build-speed"]
    (example / MATCHES_FILE).unlink()
    assert _run(cli, example, "--write", "--no-project", "pair", "--yes").exit_code == 0
    kept = tomllib.loads((example / MATCHES_FILE).read_text(encoding="utf-8"))["matches"]
    assert len(kept) == 4
    assert _run(cli, example, "--no-project", "maybe").exit_code == 2


def _everyone_chooses_ai_pilot(cli: Any, example: Path) -> Any:
    """Let every person choose ai-pilot and match, pairing those without a place."""

    def choose(d: dict[str, Any]) -> None:
        for p in d["people"]:
            p["projects"] = ["ai-pilot"]

    _edit(example / "roster.toml", choose)
    result = _run(cli, example, "--json", "--no-project", "pair")
    assert result.exit_code == 0, result.output
    return result


def test_a_reason_names_only_the_project_the_pair_is_on(cli: Any, example: Path) -> None:
    """Both chose ai-pilot, but its one place goes elsewhere: no reason names ai-pilot."""
    (example / MATCHES_FILE).unlink()
    projects = [{"id": "ai-pilot", "title": "AI pilot", "topics": ["ai-tools"]}]
    _set_format(example, "project", projects=projects)
    result = _everyone_chooses_ai_pilot(cli, example)
    data = json.loads(result.stdout)
    for match in data["matches"]:
        named = [r for r in match["reasons"] if "AI pilot" in r]
        assert (match.get("project") == "ai-pilot") is bool(named), match
        assert named in ([], ["both chose the project “AI pilot”"]), match
        assert not any("ai-pilot" in r for r in match["reasons"])  # the title, never the id


def test_german_reasons_name_the_project_by_its_title(cli: Any, example: Path) -> None:
    """A German program's reasons name the project by its title, in German quotes."""
    (example / MATCHES_FILE).unlink()
    projects = [
        {"id": "ai-pilot", "title": "KI-Pilot", "topics": ["ai-tools"], "size": 4},
        {"id": "build-speed", "title": "Schnellere Builds", "topics": ["developer-experience"]},
    ]
    _set_format(example, "project", projects=projects, language="de")
    result = _everyone_chooses_ai_pilot(cli, example)
    reasons = [r for m in json.loads(result.stdout)["matches"] for r in m["reasons"]]
    team = [r for r in reasons if r.startswith("das Projekt „KI-Pilot“ haben ")]
    assert len(team) == 1 and team[0].endswith(" gewählt")
    assert not any("ai-pilot" in r or "project" in r for r in reasons)


def test_fair_raises_the_worst_match(cli: Any, example: Path) -> None:
    """--fair never lowers the worst-off score and never matches fewer people."""
    (example / MATCHES_FILE).unlink()
    plain = _json(_run(cli, example, "--json"))["summary"]
    fair = _json(_run(cli, example, "--json", "--fair"))["summary"]
    assert fair["worst"] >= plain["worst"] and fair["matched"] == plain["matched"]
    assert fair["total"] <= plain["total"] + 1e-9
    _set_format(example, "group")
    assert _run(cli, example, "--fair").exit_code == 2


def test_validate_warns_about_a_match_across_a_reporting_line(cli: Any, example: Path) -> None:
    """A hand-written match of lena with her manager is a validate warning, naming the rule."""
    (example / MATCHES_FILE).write_text(
        tomli_w.dumps({"matches": [{"id": "bad", "juniors": ["lena"], "seniors": ["thomas"]}]})
    )
    result = cli("-p", str(example), "validate")
    assert "match bad joins people a hard rule keeps apart (direct reporting line)" in result.output
    data = _json(_run(cli, example, "--json"))
    assert data["dissolved"] == ["bad"] and ("lena", "thomas") not in _pairs(data)


def test_roster_remove_then_match_write_keeps_every_other_pair(cli: Any, example: Path) -> None:
    """`rmcli roster remove` then `rmcli match --write`: the others keep their partners."""
    before = _pairs(_json(cli("-p", str(example), "matches", "--json")))
    removed = cli("-p", str(example), "roster", "remove", "aylin", "--yes")
    assert removed.exit_code == 0, removed.output
    _edit(
        example / "roster.toml",
        lambda d: d["people"].append({"id": "mia", "name": "Mia", "role": "junior"}),
    )
    result = _run(cli, example, "--write", "--as-of", "2027-03-01")
    assert result.exit_code == 0, result.output
    stored = _json(cli("-p", str(example), "matches", "--json"))
    assert _pairs(stored) == {p for p in before if p[0] != "aylin"} | {("mia", "markus")}
    created = {m["id"]: m["created"] for m in stored["matches"]}
    assert created["mia-markus"] == "2027-03-01" and created["lena-helga"] == "2027-01-04"


def test_show_without_matches_file(cli: Any, example: Path) -> None:
    """`match --show` and `matches` print an empty list when nothing is written yet."""
    (example / MATCHES_FILE).unlink()
    assert _json(cli("-p", str(example), "matches", "--json")) == {"matches": []}
    shown = _run(cli, example, "--show")
    assert shown.exit_code == 0 and "Matches" in shown.stdout
    assert not (example / MATCHES_FILE).exists()


def test_german_program_gets_german_reasons(cli: Any, example: Path) -> None:
    """With language = "de" the reasons stored for each match are German."""
    from rmcli.matching.words import WORDS
    from rmcli.words import translation

    german = translation("de")
    assert all(german.pgettext(context, text) != text for context, text in WORDS.values())
    (example / MATCHES_FILE).unlink()
    _edit(example / "program.toml", lambda d: d.__setitem__("language", "de"))
    data = _json(_run(cli, example, "--json"))
    markus = next(m for m in data["matches"] if m["seniors"] == ["markus"])
    assert "beide wünschen sich einander" in markus["reasons"]
    assert "vermittelt, was der Senior lernen möchte: Teamkultur" in markus["reasons"]
    assert not any("teaches" in r for m in data["matches"] for r in m["reasons"])


def test_summary_says_when_the_total_is_proven_best(cli: Any, example: Path) -> None:
    """Pairs are one exact assignment; kept matches, --fair and groups make no such claim."""
    kept = _run(cli, example)  # the example's matches.toml is kept, not solved again
    assert kept.exit_code == 0 and "the best there is" not in kept.stdout
    assert _json(_run(cli, example, "--json", "--fresh"))["summary"]["exact"] is True
    (example / MATCHES_FILE).unlink()
    assert _json(_run(cli, example, "--json"))["summary"]["exact"] is True
    text = _run(cli, example)
    assert "(the best there is)" in text.stdout and "of the ideal" in text.stdout
    assert _json(_run(cli, example, "--json", "--fair"))["summary"]["exact"] is False
    _set_format(example, "group")
    grouped = _run(cli, example)
    assert grouped.exit_code == 0, grouped.output
    assert "the best there is" not in grouped.stdout and "of the upper bound" in grouped.stdout


def test_narrow_consoles_give_reasons_a_table_of_their_own(cli: Any, example: Path) -> None:
    """At 80 columns the reasons follow in a table of their own, each read as one line;
    a wide console shows them beside the people in one table."""
    narrow = cli("-p", str(example), "match", env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    lines = narrow.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert [line.strip() for line in lines if line.strip() in ("Matches", "Reasons")] == [
        "Matches",
        "Reasons",
    ]
    assert any("teaches team culture that the senior wants to learn" in line for line in lines)
    wide = cli("-p", str(example), "match", env={"COLUMNS": "160"})
    assert wide.exit_code == 0, wide.output
    assert "Reasons" not in wide.stdout
    header = next(line for line in wide.stdout.splitlines() if " reasons " in line)
    assert "juniors" in header and "score" in header


def test_time_limit_keeps_a_grouping_and_its_bound(tmp_path: Path, cli: Any) -> None:
    """`--time-limit` on a two-senior group program: a grouping placing everyone it can,
    and its upper bound in the summary; a negative limit exits 2."""
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "program.toml").write_text(
        'name = "g"\nstart = 2027-01-04\nformat = "group"\n\n[matching]\n'
        "juniors_per_group = [2, 3]\nseniors_per_group = [2, 2]\n"
    )
    people = [
        f'[[people]]\nid = "{role[0]}{i}"\nname = "{role} {i}"\nrole = "{role}"\n'
        f'volunteer = true\nlanguages = ["en"]\ninterests = ["t{i % 3}"]\nexpertise = ["t{i % 2}"]\n'
        for role, count in (("junior", 9), ("senior", 6))
        for i in range(count)
    ]
    (folder / "roster.toml").write_text("\n".join(people))
    limited = cli("-p", str(folder), "match", "--json", "--time-limit", "0")
    assert limited.exit_code == 0, limited.output
    summary = json.loads(limited.stdout)["summary"]
    assert summary["matched"] == 15
    assert summary["bound"] is not None and summary["bound"] >= summary["total"] - 1e-6
    plain = json.loads(cli("-p", str(folder), "match", "--json").stdout)["summary"]
    assert plain["matched"] == 15 and plain["bound"] <= summary["bound"] + 1e-6
    assert cli("-p", str(folder), "match", "--time-limit", "-1").exit_code == 2
