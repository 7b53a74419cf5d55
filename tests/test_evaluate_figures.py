"""`rmcli evaluate`: every figure checked against a computation by hand from the answers."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from feedback_helpers import csv_text, make_program, realistic_rows, write_sessions
from rmcli.folder import load
from rmcli.schedule.plan import plan_sessions

AS_OF = "2027-07-10"
TOPICS = ["developer-experience", "ai-tools", "team-culture"]  # areas: tech, tech, culture
AREA = {"developer-experience": "technology", "ai-tools": "technology", "team-culture": "culture"}


@pytest.fixture
def cohort(tmp_path: Path, cli):
    """Return a 14+10 program with sessions and imported answers, and the answer rows."""
    folder = tmp_path / "cohort"
    ids = make_program(folder, juniors=14, seniors=10)
    people = [(i, "junior") for i in ids["junior"]] + [(i, "senior") for i in ids["senior"]]
    rows = realistic_rows(people, topics={i: TOPICS for i, _ in people})
    (tmp_path / "answers.csv").write_text(csv_text(rows), encoding="utf-8")
    result = cli("feedback", "import", str(tmp_path / "answers.csv"), "-p", str(folder))
    assert result.exit_code == 0, result.output
    sessions = write_sessions(folder, until=AS_OF)
    role = dict(people)
    return folder, rows, role, sessions


def evaluate_json(cli, folder: Path) -> dict:
    """Run `rmcli evaluate --json` and return its data."""
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def middle(values: list[float]) -> float:
    """Return the median, computed by hand."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def test_respondents_satisfaction_and_shares_match_a_hand_count(cohort, cli):
    folder, rows, role, _ = cohort
    data = evaluate_json(cli, folder)
    finals = [r for r in rows if r["survey"] == "final"]
    for side in ("junior", "senior"):
        mine = [r for r in finals if role[r["person"]] == side]
        ratings = [int(r["satisfaction"]) for r in mine]
        assert data["respondents"][side] == len(mine)
        fig = data["satisfaction"][side]
        assert fig["mean"] == pytest.approx(sum(ratings) / len(ratings), abs=0.005)
        assert fig["median"] == middle(ratings)
        assert fig["distribution"] == {str(k): ratings.count(k) for k in range(1, 6)}
        for key in ("relationship", "continue"):
            yes = sum(r[key] == "yes" for r in mine)
            assert data[key][side] == pytest.approx(yes / len(mine), abs=0.0005)
        gains = {}
        for r in mine:
            for g in r["gained"].split(";"):
                gains[g] = gains.get(g, 0) + 1
        assert data["gained"][side] == pytest.approx(
            {g: n / len(mine) for g, n in gains.items()}, abs=0.0005
        )
    everyone = [int(r["satisfaction"]) for r in finals]
    assert data["satisfaction"]["all"]["mean"] == pytest.approx(sum(everyone) / 24, abs=0.005)
    assert data["participation"]["response_rate"] == {"junior": 1.0, "senior": 1.0}
    assert data["participation"]["matches"] == 10
    assert data["hidden"] == []


def test_skills_learned_and_change_per_area_by_hand(cohort, cli):
    folder, rows, role, _ = cohort
    data = evaluate_json(cli, folder)
    intake = {
        r["person"]: dict(p.split("=") for p in r["skills"].split(";"))
        for r in rows
        if r["survey"] == "intake"
    }
    per_area: dict[str, list[float]] = {}
    per_role: dict[str, list[float]] = {"junior": [], "senior": []}
    counts: dict[str, int] = {}
    for r in rows:
        if r["survey"] != "final":
            continue
        for name in r["learned"].split(";"):
            counts[name.lower()] = counts.get(name.lower(), 0) + 1
        after = dict(p.split("=") for p in r["skills"].split(";"))
        diffs: dict[str, list[int]] = {}
        for skill, value in after.items():
            diffs.setdefault(AREA[skill], []).append(int(value) - int(intake[r["person"]][skill]))
        for area, values in diffs.items():
            per_area.setdefault(area, []).append(sum(values) / len(values))
        every = [v for values in diffs.values() for v in values]
        per_role[role[r["person"]]].append(sum(every) / len(every))
    for area, values in per_area.items():
        got = data["skills"]["by_area"][area]
        assert got["people"] == len(values)
        assert got["mean_change"] == pytest.approx(sum(values) / len(values), abs=0.005)
    for side, values in per_role.items():
        assert data["skills"]["by_role"][side]["mean_change"] == pytest.approx(
            sum(values) / len(values), abs=0.005
        )
    listed = {i["skill"].lower(): i["people"] for i in data["skills"]["learned"]["top"]}
    assert listed == {k: n for k, n in counts.items() if n >= 3}
    tops = [i["people"] for i in data["skills"]["learned"]["top"]]
    assert tops == sorted(tops, reverse=True)


def test_session_figures_by_hand(cohort, cli):
    folder, _, _, sessions = cohort
    data = evaluate_json(cli, folder)["sessions"]
    plan = plan_sessions(program=load(folder).program, matches=load(folder).matches)
    planned = {(p.match, p.number): p.date for p in plan if p.kind == "match"}
    held = [s for s in sessions if s["status"] == "held"]
    on_time = [s for s in held if (s["date"] - planned[(s["match"], s["number"])]).days <= 7]
    assert data["planned"] == len(planned) == 10 * 6
    assert data["due"] == sum(d <= dt.date(2027, 7, 10) for d in planned.values())
    assert data["held"] == len(held)
    assert data["held_on_time"] == len(on_time) < len(held)  # the generator makes some late
    assert data["cancelled"] == len(sessions) - len(held)
    assert data["median_minutes"] == middle([s["minutes"] for s in held])


def test_as_of_leaves_out_later_answers_and_sessions(cohort, cli):
    folder, *_ = cohort
    result = cli("evaluate", "-p", str(folder), "--as-of", "2027-03-01", "--json")
    data = json.loads(result.stdout)
    assert data["respondents"] == {"junior": 0, "senior": 0}  # final answers are dated July
    assert data["satisfaction"] == {"junior": None, "senior": None, "all": None}
    assert data["sessions"]["held"] < 30
    assert cli("evaluate", "-p", str(folder), "--as-of", "1 March").exit_code == 2


def test_flag_history_counts_matches_per_code(cohort, cli, monkeypatch):
    folder, *_ = cohort
    flags = evaluate_json(cli, folder)["flags"]
    assert flags is not None
    codes = [f["code"] for f in flags]
    assert len(codes) == len(set(codes))
    for flag in flags:
        assert 1 <= flag["matches"] <= 10
        assert set(flag["months"]) <= set(range(1, 7))
    # Nobody checked in: every match raised "no-checkin" at some month's end.
    assert {"code": "no-checkin", "matches": 10}.items() <= {
        k: v for f in flags if f["code"] == "no-checkin" for k, v in f.items()
    }.items()


def test_challenges_counted_by_month_under_the_anonymity_threshold(cohort, cli):
    folder, *_ = cohort
    rows = []
    # Six matches' seniors name no-time in month 2 (February); two juniors are hesitant.
    for i in range(1, 7):
        rows.append(
            {
                "person": f"s{i:02d}",
                "date": dt.date(2027, 2, 20),
                "score": 3,
                "challenges": ["no-time"],
            }
        )
    for i in range(1, 3):
        rows.append(
            {
                "person": f"j{i:02d}",
                "date": dt.date(2027, 2, 20),
                "score": 3,
                "challenges": ["junior-hesitant"],
            }
        )
    # In month 4 four of the seniors answer again without it.
    for i in range(1, 5):
        rows.append({"person": f"s{i:02d}", "date": dt.date(2027, 4, 20), "score": 4})
    import tomli_w

    (folder / "checkins.toml").write_text(tomli_w.dumps({"checkins": rows}), encoding="utf-8")
    data = evaluate_json(cli, folder)
    flags = {f["code"]: f for f in data["flags"]}
    assert flags["no-time"]["matches"] == 6
    assert flags["no-time"]["by_month"] == {"2": 6, "3": 6, "4": None, "5": None, "6": None}
    assert flags["junior-hesitant"]["matches"] is None  # 2 matches: fewer than min_group 5
    assert set(flags["junior-hesitant"]["by_month"].values()) == {None}
    assert any("junior-hesitant" in h["what"] for h in data["hidden"])
    # Other flags are counted month by month in full.
    overdue = flags.get("no-checkin")
    assert overdue is not None and all(isinstance(n, int) for n in overdue["by_month"].values())
    report = cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    assert report.exit_code == 0
    written = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    row = re.search(r"^\| no-time +\| +(\d+) \| +(.*?) \|$", written, flags=re.MULTILINE)
    assert row is not None and row.groups() == ("6", "2: 6, 3: 6, 4: hidden, 5: hidden, 6: hidden")
    # The chart of flags per month draws no bar for a held-back count.
    import xml.etree.ElementTree as ET

    chart = ET.parse(folder / "reports" / "charts" / "flags.svg").getroot()
    ids = {e.get("id") for e in chart.iter()}
    order = [f["code"] for f in data["flags"]]
    no_time, hesitant = order.index("no-time"), order.index("junior-hesitant")
    assert {f"flags-bars0-{no_time}-1", f"flags-bars0-{no_time}-2"} <= ids  # months 2 and 3
    for month in range(3, 6):  # months 4 to 6: held back
        assert f"flags-bars0-{no_time}-{month}" not in ids
    assert not [i for i in ids if i and i.startswith(f"flags-bars0-{hesitant}-") and i[-1] != "0"]
