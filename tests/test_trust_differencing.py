"""No hidden figure can be worked out by putting two outputs side by side."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from rmcli.evaluation.figures import survey_figures
from rmcli.folder import load
from rmcli.models import Person, Roster
from rmcli.models.feedback import Answer, FeedbackFile
from rmcli.models.roster import ROLES

Cli = Callable[..., Any]
EXAMPLE = Path(__file__).resolve().parent.parent / "programs" / "tech-six-months"
PEOPLE = ("lena", "jonas", "aylin", "noah", "helga", "thomas", "sabine", "markus")


def _answered(folder: Path, *, min_group: int) -> Path:
    answers = [
        {
            "person": person,
            "survey": "final",
            "answered": dt.date(2027, 7, 1),
            "satisfaction": 1 + i % 5,
        }
        for i, person in enumerate(PEOPLE)
    ]
    (folder / "feedback.toml").write_text(tomli_w.dumps({"answers": answers}), encoding="utf-8")
    text = (folder / "program.toml").read_text(encoding="utf-8")
    text = text.replace("min_group = 5", f"min_group = {min_group}")
    (folder / "program.toml").write_text(text, encoding="utf-8")
    return folder


def test_compare_shows_the_other_cohort_under_the_stricter_threshold(
    example: Path, tmp_path: Path, cli: Cli
) -> None:
    strict = _answered(example, min_group=5)
    lax = tmp_path / "lax"
    shutil.copytree(example, lax)
    _answered(lax, min_group=3)
    # Alone, the lax cohort shows its 4 juniors' figure (its own threshold is 3).
    alone = json.loads(cli("-p", str(lax), "evaluate", "--as-of", "2027-08-01", "--json").stdout)
    assert alone["satisfaction"]["junior"]["n"] == 4
    for first, second in ((strict, lax), (lax, strict)):
        data = _compared(cli, first, second)
        for shown in (data, data["compare"]):
            assert shown["thresholds"]["min_group"] == 5
            assert shown["satisfaction"]["junior"] is None
            assert shown["satisfaction"]["senior"] is None
        report = (first / "reports" / "evaluation.md").read_text(encoding="utf-8")
        assert "n=4" not in report


def _compared(cli: Cli, first: Path, second: Path) -> dict[str, Any]:
    """Return `evaluate --compare` of two cohorts as JSON, after checking it succeeded."""
    result = cli(
        "-p", str(first), "evaluate", "--as-of", "2027-08-01", "--compare", str(second), "--json"
    )
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_compare_holds_back_the_challenge_counts_under_the_stricter_threshold(
    example: Path, tmp_path: Path, cli: Cli
) -> None:
    """Four matches naming a challenge: shown alone under 3, held back beside a cohort of 5."""
    checkins = {
        "checkins": [
            {"person": junior, "date": dt.date(2027, 3, 1), "score": 3, "challenges": ["no-time"]}
            for junior in ("lena", "jonas", "aylin", "noah")
        ]
    }
    strict = _answered(example, min_group=5)
    lax = tmp_path / "lax"
    shutil.copytree(example, lax)
    _answered(lax, min_group=3)
    for folder in (strict, lax):
        (folder / "checkins.toml").write_text(tomli_w.dumps(checkins), encoding="utf-8")

    def no_time(shown: dict[str, Any]) -> dict[str, Any]:
        return next(f for f in shown["flags"] if f["code"] == "no-time")

    alone = json.loads(cli("-p", str(lax), "evaluate", "--as-of", "2027-08-01", "--json").stdout)
    assert no_time(alone)["matches"] == 4  # its own threshold of 3 shows the four
    for first, second in ((strict, lax), (lax, strict)):
        data = _compared(cli, first, second)
        for shown in (data, data["compare"]):
            flag = no_time(shown)
            assert flag["matches"] is None
            assert all(n is None for n in flag["by_month"].values())
            why = {h["why"] for h in shown["hidden"] if h["what"].endswith(": no-time")}
            assert why == {"hidden: fewer than 5 answers"}


DAYS = [dt.date(2027, 6, d) for d in (1, 8, 15, 22, 29)]
person_strategy = st.tuples(
    st.sampled_from(["junior", "senior"]),
    st.sampled_from(["Alpha", "Beta", "Gamma", ""]),
    st.one_of(st.none(), st.tuples(st.sampled_from(DAYS), st.integers(1, 5))),
)


@given(
    people=st.lists(person_strategy, min_size=3, max_size=24),
    min_group=st.integers(3, 5),
    as_of=st.lists(
        st.sampled_from([dt.date(2027, 5, 31), *DAYS, dt.date(2027, 7, 31)]),
        min_size=2,
        max_size=4,
        unique=True,
    ),
)
def test_no_hidden_answer_is_the_difference_of_two_shown_figures(
    people: list[tuple[str, str, tuple[dt.date, int] | None]],
    min_group: int,
    as_of: list[dt.date],
) -> None:
    """Every shown satisfaction figure, over as-of dates, roles and departments: none is small,
    and no two of them cover nested groups that differ by fewer than `min_group` people."""
    program = load(EXAMPLE).program
    program = program.model_copy(
        update={"privacy": program.privacy.model_copy(update={"min_group": min_group})}
    )
    roster = Roster(
        people=[
            Person(id=f"p{i}", name=f"Person {i}", role=role, department=department)
            for i, (role, department, _) in enumerate(people)
        ]
    )
    answers = [
        Answer(person=f"p{i}", survey="final", answered=given[0], satisfaction=given[1])
        for i, (_, _, given) in enumerate(people)
        if given is not None
    ]
    feedback = FeedbackFile(answers=answers)
    shown: list[tuple[frozenset[str], float]] = []
    for day in as_of:
        data = survey_figures(program=program, roster=roster, feedback=feedback, as_of=day).data
        # The natural group of each figure: who had answered by that day.
        given = [a for a in answers if a.answered <= day and a.satisfaction is not None]
        members = {
            "all": {a.person for a in given},
            **{r: {a.person for a in given if roster.get(a.person).role == r} for r in ROLES},  # type: ignore[union-attr]
        }
        figures = [(members[g], data["satisfaction"][g]) for g in (*ROLES, "all")]
        for name, figure in data["departments"].items():
            inside = {a.person for a in given if (roster.get(a.person).department or "-") == name}  # type: ignore[union-attr]
            figures.append((inside, figure))
        for group, figure in figures:
            if figure is None:
                continue
            assert figure["n"] == len(group) >= min_group  # the figure is this whole group
            total = sum(a.satisfaction or 0 for a in given if a.person in group)
            shown.append((frozenset(group), total))
    for big, big_sum in shown:
        for small, small_sum in shown:
            if small < big:
                # Subtracting the two would give the answers of the people in between.
                assert len(big - small) >= min_group, (len(big), len(small), big_sum - small_sum)


def test_two_as_of_dates_a_day_apart_never_differ_by_one_answer(example: Path, cli: Cli) -> None:
    _answered(example, min_group=3)
    feedback = (example / "feedback.toml").read_text(encoding="utf-8")
    # The last answer comes a week later: until that day the survey is still open.
    late = feedback.replace("2027-07-01", "2027-07-09", 1)
    (example / "feedback.toml").write_text(late, encoding="utf-8")
    seen = {}
    for day in ("2027-07-08", "2027-07-09", "2027-08-01"):
        result = cli("-p", str(example), "evaluate", "--as-of", day, "--json")
        assert result.exit_code == 0, result.stderr
        seen[day] = json.loads(result.stdout)
    before = seen["2027-07-08"]
    assert before["satisfaction"] == {"junior": None, "senior": None, "all": None}
    assert {
        "what": "final survey",
        "why": "hidden until the survey is closed: it has answers after this date",
    } in before["hidden"]
    assert seen["2027-07-09"]["satisfaction"]["all"]["n"] == 8
    assert seen["2027-07-09"]["satisfaction"] == seen["2027-08-01"]["satisfaction"]
