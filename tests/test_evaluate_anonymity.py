"""Anonymity: small groups hidden, subtractable groups hidden, free text only from many."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from feedback_helpers import csv_text, example_with_matches, make_program, realistic_rows
from rmcli.evaluation.anonymity import suppress
from rmcli.feedback.files import topics_of
from rmcli.folder import load

AS_OF = "2027-07-10"


def import_rows(cli, folder: Path, rows: list[dict[str, str]]) -> None:
    """Import rows through the CLI."""
    sheet = folder.parent / f"{folder.name}.csv"
    sheet.write_text(csv_text(rows), encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(folder), "--replace")
    assert result.exit_code == 0, result.output


def evaluate(cli, folder: Path) -> tuple[dict, str]:
    """Return the --json data and the written report."""
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    return json.loads(result.stdout), report


def cohort(tmp_path: Path, cli, *, juniors: int, seniors: int, answering: dict[str, int]):
    """Write a program where only the first `answering[role]` people of each role answer."""
    folder = tmp_path / f"c{juniors}-{seniors}"
    ids = make_program(folder, juniors=juniors, seniors=seniors)
    people = [(i, r) for r in ("junior", "senior") for i in ids[r][: answering[r]]]
    topics = {i: ["ai-tools", "team-culture"] for i, _ in people}
    import_rows(cli, folder, realistic_rows(people, topics=topics))
    return folder


def whys(data: dict) -> dict[str, str]:
    return {h["what"]: h["why"] for h in data["hidden"]}


def test_example_program_four_and_four_hides_every_role_figure(tmp_path, cli):
    folder = example_with_matches(tmp_path / "tech")
    roster, program = load(folder).roster, load(folder).program
    rows = realistic_rows(
        [(p.id, p.role) for p in roster.people],
        topics={p.id: topics_of(p, program) for p in roster.people},
    )
    import_rows(cli, folder, rows)
    data, report = evaluate(cli, folder)
    assert data["respondents"] == {"junior": 4, "senior": 4}
    for key in ("satisfaction", "relationship", "continue"):
        assert data[key]["junior"] is None and data[key]["senior"] is None
        assert data[key]["all"] is not None  # 8 answers together are enough
    assert whys(data)["satisfaction: Juniors"] == "hidden: fewer than 5 answers"
    assert data["comments"] == {"worked": None, "change": None, "recommend": None}
    assert whys(data)["what worked"] == "hidden: fewer than 10 written answers"
    assert "- satisfaction: Juniors: hidden: fewer than 5 answers" in report
    # Nothing per person: no id, name or written answer of anyone appears.
    text = report + json.dumps(data)
    for person in roster.people:
        assert person.id not in text and person.name not in text
    for row in rows:
        if row["worked"]:
            assert row["worked"] not in text


def test_four_respondents_hide_the_other_role_too(tmp_path, cli):
    folder = cohort(tmp_path, cli, juniors=4, seniors=10, answering={"junior": 4, "senior": 10})
    data, report = evaluate(cli, folder)
    assert data["satisfaction"]["junior"] is None
    assert data["satisfaction"]["senior"] is None  # else all minus seniors = juniors
    assert data["satisfaction"]["all"]["n"] == 14
    assert whys(data)["satisfaction: Seniors"] == (
        "hidden: could otherwise be worked out from the total"
    )
    assert data["gained"] == {"junior": None, "senior": None}
    assert "Seniors: hidden: could otherwise be worked out" in report


def test_five_and_five_show_everything(tmp_path, cli):
    folder = cohort(tmp_path, cli, juniors=5, seniors=5, answering={"junior": 5, "senior": 5})
    data, _ = evaluate(cli, folder)
    assert data["satisfaction"]["junior"]["n"] == 5
    assert data["satisfaction"]["senior"]["n"] == 5
    assert data["comments"]["worked"] is not None  # 10 written answers
    assert not any(h["what"].startswith("satisfaction:") for h in data["hidden"])


def test_min_group_from_program_is_applied_but_never_below_three(tmp_path, cli):
    folder = cohort(tmp_path, cli, juniors=4, seniors=4, answering={"junior": 4, "senior": 4})
    text = (folder / "program.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["privacy"] = {"min_group": 4, "min_comments": 8}
    (folder / "program.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    shown, _ = evaluate(cli, folder)
    assert shown["satisfaction"]["junior"]["n"] == 4
    assert shown["comments"]["worked"] is not None
    data["privacy"] = {"min_group": 2}
    (folder / "program.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    refused = cli("evaluate", "-p", str(folder))
    assert refused.exit_code == 2 and "privacy.min_group" in refused.stderr


def test_departments_hide_small_ones_and_the_next_smallest(tmp_path, cli):
    folder = cohort(tmp_path, cli, juniors=12, seniors=8, answering={"junior": 12, "senior": 8})
    roster = tomllib.loads((folder / "roster.toml").read_text(encoding="utf-8"))
    # Every department mixes juniors and seniors (9, 7 and 4 people), so no role figure minus
    # a department leaves a small group.
    sizes = {
        "junior": {"Big": 6, "Middle": 4, "Small": 2},
        "senior": {"Big": 3, "Middle": 3, "Small": 2},
    }
    names = {role: [d for d, n in by.items() for _ in range(n)] for role, by in sizes.items()}
    for person in roster["people"]:
        person["department"] = names[person["role"]].pop()
    (folder / "roster.toml").write_text(tomli_w.dumps(roster), encoding="utf-8")
    data, _ = evaluate(cli, folder)
    assert list(data["departments"]) == ["Big"]
    assert whys(data)["satisfaction by department (2 departments)"] == (
        "hidden: fewer than 5 answers"
    )


def test_a_department_inside_one_role_is_hidden_when_the_rest_of_the_role_is_small(tmp_path, cli):
    # 12 juniors: 9 in Big, 3 in Middle with the seniors. Juniors' mean minus Big's would give
    # the mean of Middle's 3 juniors, so Big is held back too.
    folder = cohort(tmp_path, cli, juniors=12, seniors=8, answering={"junior": 12, "senior": 8})
    roster = tomllib.loads((folder / "roster.toml").read_text(encoding="utf-8"))
    sizes = {"Big": 9, "Middle": 7, "Small": 4}
    names = [name for name, n in sizes.items() for _ in range(n)]
    for person, name in zip(roster["people"], names, strict=True):
        person["department"] = name
    (folder / "roster.toml").write_text(tomli_w.dumps(roster), encoding="utf-8")
    data, _ = evaluate(cli, folder)
    assert data["satisfaction"]["junior"]["n"] == 12
    assert data["departments"] == {}
    assert "satisfaction by department (3 departments)" in whys(data)


def test_free_text_is_shuffled_by_the_program_and_names_taken_out(tmp_path, cli):
    folder = cohort(tmp_path, cli, juniors=6, seniors=6, answering={"junior": 6, "senior": 6})
    feedback = tomllib.loads((folder / "feedback.toml").read_text(encoding="utf-8"))
    finals = [a for a in feedback["answers"] if a["survey"] == "final"]
    finals[0]["worked"] = "MIA BERG-J1 showed me the CI, Mia explained it, j01 too; mia is a word"
    (folder / "feedback.toml").write_text(tomli_w.dumps(feedback), encoding="utf-8")
    first, _ = evaluate(cli, folder)
    assert (
        "[name] showed me the CI, [name] explained it, [name] too; mia is a word"
        in (first["comments"]["worked"])
    )
    redacted = "[name] showed me the CI, [name] explained it, [name] too; mia is a word"
    expected = [redacted, *(a["worked"] for a in finals[1:])]
    assert sorted(first["comments"]["worked"]) == sorted(expected)
    feedback["answers"].reverse()  # file order must not show through
    (folder / "feedback.toml").write_text(tomli_w.dumps(feedback), encoding="utf-8")
    again, _ = evaluate(cli, folder)
    assert again["comments"] == first["comments"]
    orders = set()
    for name in ("Cohort A", "Cohort B", "Cohort C"):
        program = tomllib.loads((folder / "program.toml").read_text(encoding="utf-8"))
        program["name"] = name
        (folder / "program.toml").write_text(tomli_w.dumps(program), encoding="utf-8")
        orders.add(tuple(evaluate(cli, folder)[0]["comments"]["worked"]))
    assert len(orders) > 1  # the seed comes from the program


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ({"junior": 4, "senior": 10}, {"junior": "small", "senior": "complement"}),
        ({"junior": 5, "senior": 5}, {}),
        ({"a": 2, "b": 6, "c": 7, "d": 9}, {"a": "small", "b": "complement"}),
        ({"a": 1, "b": 1, "c": 9, "d": 9}, {"a": "small", "b": "small", "c": "complement"}),
        ({"a": 3, "b": 4, "c": 9}, {"a": "small", "b": "small"}),
        ({"a": 0, "b": 9}, {"a": "none"}),
        ({"a": 2, "b": 2}, {"a": "small", "b": "small"}),
    ],
)
def test_suppression_rule_cases(counts, hidden):
    assert suppress(counts, min_group=5) == hidden


@given(
    st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 30), max_size=7), st.integers(3, 10)
)
def test_no_hidden_group_can_be_recovered(counts, min_group):
    reasons = suppress(counts, min_group=min_group)
    shown = {s: n for s, n in counts.items() if s not in reasons}
    assert all(n >= min_group for n in shown.values())
    hidden = [counts[s] for s, r in reasons.items() if r != "none"]
    if hidden and shown:
        # total minus the shown slices gives only a sum of at least two hidden groups
        assert len(hidden) >= 2 and sum(hidden) >= min_group


def test_skill_names_that_name_someone_are_redacted():
    import datetime as dt

    from rmcli.evaluation.comments import name_pattern
    from rmcli.evaluation.skills import learned_counts
    from rmcli.models import Roster
    from rmcli.models.feedback import Answer

    roster = Roster.model_validate(
        {"people": [{"id": "lena", "name": "Lena Schmidt", "role": "junior"}]}
    )
    answers = [
        Answer.model_validate(
            {
                "person": f"p{i}",
                "survey": "final",
                "answered": dt.date(2027, 7, 1),
                "learned": ["How Lena debugs", "ai-tools"] if i < 3 else ["ai-tools"],
            }
        )
        for i in range(6)
    ]
    found, hidden = learned_counts(answers, limit=5, pattern=name_pattern(roster))
    assert found is not None and hidden == []
    assert found["top"] == [
        {"skill": "ai-tools", "label": "ai-tools", "people": 6},  # no tags given: as typed
        {"skill": "How [name] debugs", "label": "How [name] debugs", "people": 3},
    ]
    few, hidden = learned_counts(answers[:4], limit=5)
    assert few is None and hidden[0].reason == "small"


@given(
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(3, 7),
    st.lists(st.integers(1, 5), min_size=24, max_size=24),
)
def test_role_figures_never_show_a_small_or_subtractable_group(juniors, seniors, limit, ratings):
    import datetime as dt

    from rmcli.evaluation.figures import survey_figures
    from rmcli.models import Program, Roster
    from rmcli.models.feedback import Answer, FeedbackFile

    people = [{"id": f"j{i}", "name": f"J {i}", "role": "junior"} for i in range(juniors)]
    people += [{"id": f"s{i}", "name": f"S {i}", "role": "senior"} for i in range(seniors)]
    roster = Roster.model_validate({"people": people})
    program = Program.model_validate(
        {"name": "P", "start": dt.date(2027, 1, 11), "privacy": {"min_group": limit}}
    )
    answers = [
        Answer.model_validate(
            {
                "person": p["id"],
                "survey": "final",
                "answered": dt.date(2027, 7, 1),
                "satisfaction": ratings[i],
                "relationship": ratings[i] > 2,
            }
        )
        for i, p in enumerate(people)
    ]
    figures = survey_figures(
        program=program,
        roster=roster,
        feedback=FeedbackFile(answers=answers),
        as_of=dt.date(2027, 7, 10),
    ).data
    counts = {"junior": juniors, "senior": seniors}
    shown = {r for r in counts if figures["satisfaction"][r] is not None}
    for role in shown:
        assert counts[role] >= limit
        mine = [ratings[i] for i, p in enumerate(people) if p["role"] == role]
        assert figures["satisfaction"][role]["distribution"] == {
            str(k): mine.count(k) for k in range(1, 6)
        }
    if any(0 < n < limit for n in counts.values()):
        assert shown == set()  # the other role would give it away via the total
    assert (figures["satisfaction"]["all"] is not None) == (juniors + seniors >= limit)
    assert {r for r in counts if figures["relationship"][r] is not None} == shown


def test_each_figure_counts_its_own_answers(tmp_path, cli):
    folder = cohort(tmp_path, cli, juniors=5, seniors=6, answering={"junior": 5, "senior": 6})
    feedback = tomllib.loads((folder / "feedback.toml").read_text(encoding="utf-8"))
    skipped = next(
        a for a in feedback["answers"] if a["person"] == "j01" and a["survey"] == "final"
    )
    del skipped["satisfaction"]  # an organiser made satisfaction optional; one skipped it
    (folder / "feedback.toml").write_text(tomli_w.dumps(feedback), encoding="utf-8")
    data, _ = evaluate(cli, folder)
    assert data["satisfaction"]["junior"] is None  # 4 ratings
    assert data["satisfaction"]["senior"] is None  # would give the 4 away via the total
    assert data["satisfaction"]["all"]["n"] == 10
    assert data["relationship"]["junior"] is not None  # all 5 juniors answered that
    assert data["relationship"]["senior"] is not None


@pytest.mark.parametrize(
    "text",
    [
        "Ines was great",
        "\u0130nes was great",  # a capital dotted I matches i when case does not count
        "\u212aevin helped",  # the Kelvin sign matches k
        "thanks to jean-luc petit and JEAN-LUC PETIT",
        "Zo\u00eb and ZO\u00cb",
        "Mark the date, mark it",  # a name part matches only with its own capitals
        "o'brien and O'Brien",
        "nothing here at all",
        "s00042 and ceo",
        "",
    ],
)
def test_the_quick_name_check_finds_what_the_full_search_finds(text):
    from rmcli.evaluation.comments import NAME_MARK, name_pattern
    from rmcli.models import Roster

    people = [
        ("ines", "Ines Kaya"),
        ("kevin", "Kevin Stahl"),
        ("jl", "Jean-Luc Petit"),
        ("zoe", "Zo\u00eb Brandt"),
        ("mark", "Mark Vogel"),
        ("ob", "Aoife O'Brien"),
        ("s00042", "S00042"),
    ]
    roster = Roster.model_validate(
        {"people": [{"id": i, "name": n, "role": "junior"} for i, n in people]}
    )
    names = name_pattern(roster)
    assert names is not None and names.firsts is not None  # the quick check is in use
    assert names.sub(NAME_MARK, text) == names.pattern.sub(NAME_MARK, text)


PIECES = ("Ines", "Kaya", "Mark", "Jean-Luc", "Zo\u00eb", "O'Brien", "Ann", "Anna", "Berg", "123")
WORDS = (*PIECES, "mark", "ANNA", "anna-berg", "\u0130nes", "the", "and", ",", ".", "1234")


@given(
    people=st.lists(
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    words=st.lists(st.sampled_from(WORDS), max_size=12),
    upper=st.booleans(),
)
def test_searching_only_the_names_a_text_may_hold_finds_what_the_full_search_finds(
    people: list[str], words: list[str], upper: bool
) -> None:
    from rmcli.evaluation.comments import NAME_MARK, name_pattern
    from rmcli.models import Roster

    roster = Roster.model_validate(
        {"people": [{"id": f"p{i}", "name": n, "role": "junior"} for i, n in enumerate(people)]}
    )
    text = " ".join(words)
    text = text.upper() if upper else text
    names = name_pattern(roster)
    assert names is not None and names.firsts is not None
    assert names.sub(NAME_MARK, text) == names.pattern.sub(NAME_MARK, text)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Ann",
        "Annann Ann_ ann",
        "x123 123x 123_ 123.",
        "1234 123 0123",
        "Anna-Berg's",
        "é123 ²123",
    ],
)
def test_names_found_without_a_pattern_are_those_the_pattern_finds(text: str) -> None:
    """Parts and ids are found by looking for them: at word edges, the first listed first."""
    from rmcli.evaluation.comments import NAME_MARK, name_pattern
    from rmcli.models import Roster

    people = [("a1", "Zed Anna"), ("a2", "Zed Ann"), ("n", "Yan 123"), ("b", "Yan Berg")]
    roster = Roster.model_validate(
        {"people": [{"id": i, "name": n, "role": "junior"} for i, n in people]}
    )
    names = name_pattern(roster)
    assert names is not None
    assert names.sub(NAME_MARK, text) == names.pattern.sub(NAME_MARK, text)
