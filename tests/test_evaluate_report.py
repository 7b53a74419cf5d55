"""The evaluation report: valid Markdown, 80 columns, English and German, compare, files."""

from __future__ import annotations

import json
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from feedback_helpers import AS_OF, csv_text, realistic_rows, write_sessions
from feedback_helpers import program_with_answers as build


def tokens_of(text: str) -> list:
    """Return the markdown-it tokens of a document (GFM tables on)."""
    return MarkdownIt("commonmark").enable("table").parse(text)


@pytest.mark.parametrize("language", ["en", "de"])
def test_report_is_markdown_with_title_summary_and_tables(tmp_path, cli, language):
    folder = build(tmp_path, cli, language=language)
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--json")
    data = json.loads(result.stdout)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    tokens = tokens_of(report)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    title = {"en": "Evaluation: ", "de": "Auswertung: "}[language]
    assert headings[0] == title + data["program"]
    assert tokens[0].tag == "h1"
    assert sum(t.type == "table_open" for t in tokens) >= 8
    # No table line fell out of its table into a paragraph.
    assert not [t for t in tokens if t.type == "inline" and t.content.startswith("|")]
    html = MarkdownIt("commonmark").enable("table").render(report)
    assert "<th>" in html and "\\[" not in html
    # Every table line has as many cells as its header: no cell broke a table apart.
    block: list[int] = []
    for line in [*report.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line.replace("\\|", "").count("|"))
        elif block:
            assert len(set(block)) == 1 and block[0] >= 3
            block = []
    assert max(len(line) for line in report.splitlines()) <= 80
    mean = data["satisfaction"]["all"]["mean"]
    shown = f"{mean:.2f}".rstrip("0").rstrip(".")
    if language == "de":
        assert shown.replace(".", ",") in report and "Zusammenfassung" in report
        assert "Beide Seiten gewinnen" in report and "Was gut funktioniert hat" in report
        assert f"{round(data['relationship']['all'] * 100)} %" in report
    else:
        assert f"satisfaction averaged {shown} out of 5" in report
        assert "## What worked" in report
        assert f"{round(data['relationship']['all'] * 100)}%" in report


def test_bars_show_the_distribution(tmp_path, cli):
    folder = build(tmp_path, cli)
    data = json.loads(cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--json").stdout)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    dist = data["satisfaction"]["junior"]["distribution"]
    most = max(dist.values())
    row = next(line for line in report.splitlines() if line.startswith("| Rating 5"))
    cell = row.split("|")[2].strip()
    assert cell == ("█" * round(dist["5"] / most * 10) + f" {dist['5']}").strip()


def test_terminal_tables_fit_80_columns(tmp_path, cli):
    folder = build(tmp_path, cli)
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("Satisfaction (1-5)" in line for line in lines)
    assert "evaluation.md" in result.stderr


def test_report_folder_and_file_are_private(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=5, seniors=5)
    assert cli("evaluate", "-p", str(folder), "--as-of", AS_OF).exit_code == 0
    assert stat.S_IMODE((folder / "reports").stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "reports" / "evaluation.md").stat().st_mode) == 0o600


def test_same_files_give_the_same_report(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=6, seniors=6)
    cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    first = (folder / "reports" / "evaluation.md").read_bytes()
    cli("evaluate", "-p", str(folder), "--as-of", AS_OF)
    assert (folder / "reports" / "evaluation.md").read_bytes() == first


def test_compare_puts_two_cohorts_side_by_side(tmp_path, cli):
    one = build(tmp_path, cli, name="one", juniors=6, seniors=6)
    two = build(tmp_path, cli, name="two", juniors=8, seniors=8)
    result = cli("evaluate", "-p", str(one), "--as-of", AS_OF, "--compare", str(two), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["compare"]["respondents"] == {"junior": 8, "senior": 8}
    report = (one / "reports" / "evaluation.md").read_text(encoding="utf-8")
    section = report.split("## Cohorts side by side", 1)[1]
    row = next(line for line in section.splitlines() if line.startswith("| Answered the final"))
    assert [c.strip() for c in row.split("|")[2:4]] == ["6", "8"]
    assert not (two / "reports").exists()  # the other program is only read
    missing = cli("evaluate", "-p", str(one), "--compare", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "no program.toml" in missing.stderr


@pytest.mark.parametrize("language", ["en", "de"])
def test_example_program_report_is_readable_with_most_figures_held_back(tmp_path, cli, language):
    import tomllib

    import tomli_w

    from feedback_helpers import example_with_matches
    from rmcli.feedback.files import topics_of
    from rmcli.folder import load

    folder = example_with_matches(tmp_path / "tech")
    program = tomllib.loads((folder / "program.toml").read_text(encoding="utf-8"))
    program["language"] = language
    (folder / "program.toml").write_text(tomli_w.dumps(program), encoding="utf-8")
    roster = load(folder).roster
    prog = load(folder).program
    rows = realistic_rows(
        [(p.id, p.role) for p in roster.people],
        topics={p.id: topics_of(p, prog) for p in roster.people},
    )
    (tmp_path / "a.csv").write_text(csv_text(rows), encoding="utf-8")
    assert cli("feedback", "import", str(tmp_path / "a.csv"), "-p", str(folder)).exit_code == 0
    write_sessions(folder, until=AS_OF)
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    assert max(len(line) for line in report.splitlines()) <= 80
    held = {"en": "## What was held back", "de": "## Was nicht gezeigt wird"}[language]
    fewer = {"en": "fewer than 5 answers", "de": "weniger als 5 Antworten"}[language]
    after = report.split(held, 1)[1]
    assert after.count(fewer) >= 6
    assert sum(t.type == "table_open" for t in tokens_of(report)) >= 5


@pytest.mark.slow
def test_report_and_charts_do_not_depend_on_hash_seeds(tmp_path, cli):
    import os
    import shutil
    import subprocess
    import sys

    folder = build(tmp_path, cli, juniors=4, seniors=9)
    reports = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        # Without the first run's charts, so that the second draws its own.
        shutil.rmtree(folder / "reports", ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "rmcli", "-p", str(folder), "evaluate", "--as-of", AS_OF],
            check=True,
            capture_output=True,
            env=env,
        )
        charts = sorted((folder / "reports" / "charts").glob("*.svg"))
        reports.append(
            b"".join(p.read_bytes() for p in [folder / "reports" / "evaluation.md", *charts])
        )
    assert reports[0] == reports[1]  # the charts too: fixed ids, no dates
    assert b"could otherwise be worked out" in reports[0] and b"<svg" in reports[0]


ROUGH = st.text(
    alphabet=st.sampled_from(["a", "b", " ", "\t", "\n", "\u00a0", "-", "*"]), max_size=90
)
NEAR_THE_EDGE = st.integers(70, 90).flatmap(lambda n: st.sampled_from(["a" * n, ("ab " * 30)[:n]]))


@given(text=st.one_of(ROUGH, NEAR_THE_EDGE))
def test_a_comment_is_listed_as_textwrap_wraps_it(text: str) -> None:
    """A short answer skips textwrap; the line is the one textwrap would write."""
    import textwrap

    from rmcli.escape import markdown
    from rmcli.evaluation.markdown import WIDTH, bullets

    wrapped = textwrap.fill(markdown(text), WIDTH, initial_indent="- ", subsequent_indent="  ")
    assert bullets([text]) == wrapped


TYPED = st.text(
    alphabet=st.sampled_from(list("a1 \t\n\r\x1b\x85\u2028\u00a0#-+=.)*_[<|&\\`!~")), max_size=12
)


@given(text=TYPED)
def test_a_plain_text_takes_the_short_way_to_the_same_markdown(text: str) -> None:
    """`markdown` skips the substitutions only where each of them would change nothing."""
    from rmcli import escape

    flat = escape._LINE_BREAKS.sub(" ", escape._ANY_CONTROL.sub(escape._blank_or_mark, text))
    full = escape._BLOCK_START.sub(r"\1\\\2", escape._MARKDOWN.sub(r"\\\1", flat.strip()), count=1)
    assert escape.markdown(text) == full
