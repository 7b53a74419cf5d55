"""Benefits for both sides and the organisation; recommendations and leadership's answers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from feedback_helpers import COLUMNS, csv_text, make_program, realistic_rows

AS_OF = "2027-07-10"
TOPICS = ["developer-experience", "ai-tools", "team-culture"]


def _program(
    tmp_path: Path, cli: Any, *, juniors: int, stay_yes: int, hopes: bool = False, **changes: Any
) -> Path:
    folder = tmp_path / "cohort"
    ids = make_program(folder, juniors=juniors, seniors=6, **changes)
    people = [(i, "junior") for i in ids["junior"]] + [(i, "senior") for i in ids["senior"]]
    rows = realistic_rows(people, topics={i: TOPICS for i, _ in people})
    juniors_seen = 0
    for row in rows:
        if row["survey"] == "intake" and hopes:
            # Juniors all hope to be heard and to gain visibility; seniors s01-s03 also trust.
            junior = row["person"].startswith("j")
            row["gained"] = (
                "heard;visibility"
                if junior
                else ("generations;trust" if row["person"] <= "s03" else "generations")
            )
        if row["survey"] != "final":
            continue
        if row["person"].startswith("j"):
            row["stay"] = "yes" if juniors_seen < stay_yes else "no"
            row["gained"] = "heard;door-opener"
            juniors_seen += 1
        else:
            row["gained"] = "generations;ego-check"
        row["decided"] = "yes" if row["person"] in ("j01", "s01", "s02") else "no"
    sheet = tmp_path / "answers.csv"
    sheet.write_text(csv_text(rows, [*COLUMNS, "stay", "decided"]), encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def _evaluate(cli: Any, folder: Path) -> dict[str, Any]:
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_survey_asks_the_guides_benefits_of_both_sides_and_the_organisation(cli, tmp_path):
    folder = tmp_path / "p"
    assert cli("init", str(folder), "--yes").exit_code == 0
    from rmcli.folder import load

    final = load(folder).surveys.get("final")
    assert final is not None
    options = {o.id for q in final.questions if q.id == "gained" for o in q.options}
    for benefit in ("generations", "ego-check", "openness", "trust"):  # seniors
        assert benefit in options
    for benefit in ("leadership-practice", "heard", "door-opener"):  # juniors
        assert benefit in options
    asked = {q.id: q.roles for q in final.questions}
    assert asked["stay"] == ["junior"] and set(asked["decided"]) == {"junior", "senior"}
    for question in final.questions:
        assert " Sie " not in f" {question.de} " and "Ihr" not in question.de  # du
    # The intake asks each side what it hopes to gain, with the final survey's options.
    intake = load(folder).surveys.get("intake")
    assert intake is not None
    for role in ("junior", "senior"):
        hoped = [q for q in intake.questions if q.id == "gained" and q.roles == [role]]
        gained = [q for q in final.questions if q.id == "gained" and q.roles == [role]]
        assert len(hoped) == len(gained) == 1
        assert [o.id for o in hoped[0].options] == [o.id for o in gained[0].options]
        assert hoped[0].de == "Was erhoffst du dir vom Programm?"


def test_evaluate_reports_the_organisations_gains(cli, tmp_path):
    folder = _program(tmp_path, cli, juniors=8, stay_yes=6)
    data = _evaluate(cli, folder)
    org = data["organisation"]
    assert org["stay"]["junior"] == 0.75  # 6 of 8 juniors
    assert org["stay"]["senior"] is None
    assert org["decided"]["all"] == round(3 / 14, 3)
    assert org["decided"]["junior"] == round(1 / 8, 3) and org["decided"]["senior"] == round(
        2 / 6, 3
    )
    assert data["gained"]["junior"]["heard"] == 1.0
    assert data["gained"]["senior"]["ego-check"] == 1.0
    cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    assert "What the organisation gained" in report
    assert re.search(r"\| More likely to stay +\| +75 ?% \|", report), report


def test_the_organisations_gains_keep_the_anonymity_threshold(cli, tmp_path):
    folder = _program(tmp_path, cli, juniors=4, stay_yes=2)  # 4 juniors: fewer than 5
    data = _evaluate(cli, folder)
    assert data["organisation"]["stay"]["junior"] is None
    assert any(h["what"].startswith("juniors who intend to stay") for h in data["hidden"])
    assert not any("seniors" in h["what"] and "stay" in h["what"] for h in data["hidden"])


def test_recommend_add_answer_done_and_the_report(cli, tmp_path):
    folder = _program(tmp_path, cli, juniors=8, stay_yes=6)
    run = lambda *args: cli("recommend", *args, "-p", str(folder), "--as-of", "2027-07-08")  # noqa: E731
    assert run("add", "Give juniors a seat in the architecture review").exit_code == 0
    assert run("add", "Pair every new lead with a junior for onboarding").exit_code == 0
    assert run("add", "Publish the tool evaluation").exit_code == 0
    assert run("answer", "1", "Yes, from September").exit_code == 0
    assert run("answer", "2", "Not this year: no budget").exit_code == 0
    assert run("done", "1").exit_code == 0
    missing = run("answer", "9", "?")
    assert missing.exit_code == 2 and "no recommendation 9" in missing.stderr
    listed = json.loads(run("list", "--json").stdout)
    assert [i["state"] for i in listed["items"]] == ["done", "answered", "open"]
    assert (listed["given"], listed["answered"], listed["done"]) == (3, 2, 1)
    data = _evaluate(cli, folder)
    assert data["recommendations"]["done"] == 1
    cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    assert "3 recommendations recorded; 2 answered by leadership, 1 carried out." in report
    assert re.search(
        r"\| 1 +\| Give juniors a seat.*\| carried out +\| Yes, from September", report
    )
    # Before the answers were recorded, the report knows none of them.
    early = cli("evaluate", "-p", str(folder), "--as-of", "2027-07-07", "--json")
    assert json.loads(early.stdout)["recommendations"]["given"] == 0
    text = run("list").stdout
    assert "carried out" in text and "open" in text


def test_recommend_is_listed_in_help(cli):
    result = cli("--help")
    assert "recommend" in result.stdout


def test_evaluate_sets_what_each_side_hoped_for_beside_what_it_gained(cli, tmp_path):
    folder = _program(tmp_path, cli, juniors=8, stay_yes=6, hopes=True)
    data = _evaluate(cli, folder)
    assert data["hoped"]["junior"] == {"heard": 1.0, "visibility": 1.0}
    assert data["hoped"]["senior"] == {"generations": 1.0, "trust": 0.5}  # 3 of 6
    cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    assert "the share of each side who hoped for it in the intake survey" in report
    assert re.search(r"\| Side +\| Gain +\| +Hoped for \| +Gained \|", report), report
    row = r"\| {side} +\| {benefit} +\| +{hoped} \| +{gained} \|"
    for side, benefit, hoped, gained in (
        ("Juniors", "Being heard at a higher level", "100 ?%", "100 ?%"),
        ("Juniors", "Visibility with leadership", "100 ?%", "0 ?%"),
        ("Seniors", "Trust across levels", "50 ?%", "0 ?%"),
        ("Seniors", "A check on my own ego", "0 ?%", "100 ?%"),
    ):
        pattern = row.format(side=side, benefit=benefit, hoped=hoped, gained=gained)
        assert re.search(pattern, report), pattern


def test_hopes_are_reported_in_german(cli, tmp_path):
    folder = _program(tmp_path, cli, juniors=8, stay_yes=6, hopes=True, language="de")
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    assert re.search(r"\| Seite +\| [^|]+\| +Erhofft \| +Gebracht \|", report), report
    assert "der Anteil jeder Seite, der ihn sich in der Eingangsbefragung erhofft\nhat" in report
    assert re.search(
        r"\| Juniors +\| Sichtbarkeit bei der Führung +\| +100 ?% \| +0 ?% \|", report
    ), report


def test_hopes_keep_the_anonymity_threshold(cli, tmp_path):
    folder = _program(tmp_path, cli, juniors=4, stay_yes=2, hopes=True)  # 4 juniors: fewer than 5
    data = _evaluate(cli, folder)
    assert data["hoped"]["junior"] is None
    assert data["hoped"]["senior"] is None  # else the juniors' figure follows from the total
    assert any(h["what"].startswith("what each side hoped to gain") for h in data["hidden"])
    cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    assert "Being heard at a higher level" not in report
