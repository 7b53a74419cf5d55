"""German texts: grammar the issue names, one form of address (du), dates as agendas write them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rmcli.io.templates import shipped_root
from schedule_helpers import edit_program, write_matches

FORMAL = re.compile(r"\b(Sie|Ihnen|Ihre[mnrs]?)\b")


def test_no_formal_address_in_any_german_template_or_survey() -> None:
    root = shipped_root()
    texts = [*root.glob("agenda/de/*.j2"), *root.glob("report/de/*.j2"), *root.glob("kit/de/*")]
    texts.append(root / "surveys" / "default.toml")
    for path in texts:
        text = path.read_text(encoding="utf-8")
        if path.name == "default.toml":
            text = "\n".join(line for line in text.splitlines() if line.startswith("de = "))
        assert not FORMAL.search(text), (path, FORMAL.search(text))
    po = Path(__file__).resolve().parent.parent / "src/rmcli/locales/de/LC_MESSAGES/rmcli.po"
    german = "\n".join(
        line for line in po.read_text(encoding="utf-8").splitlines() if line.startswith("msgstr")
    )
    assert not FORMAL.search(german)


def test_german_agendas_read_right(example: Path, cli: Any) -> None:
    edit_program(example, language="de")
    write_matches(example)
    texts = []
    for number in range(1, 7):
        result = cli(
            "-p",
            str(example),
            "agenda",
            "--match",
            "helga-aylin",
            "--session",
            str(number),
            "--stdout",
        )
        assert result.exit_code == 0, result.output
        texts.append(result.stdout)
    text = "\n".join(texts)
    assert "Bereite dich nicht über" not in text
    assert "hängen geblieben oder hat etwas verändert" not in text
    assert "hängen geblieben, oder hat sich etwas verändert?" in text
    assert "Diesen Monat geht es um die Arbeitswelt." in text
    assert "Diesen Monat geht es um Arbeitswelt." not in text


def test_german_report_dates_and_agreement(example: Path, cli: Any) -> None:
    edit_program(example, language="de")
    write_matches(example)
    logged = cli("-p", str(example), "log", "--match", "helga-aylin", "--as-of", "2027-12-31", "-y")
    assert logged.exit_code == 0
    result = cli("evaluate", "-p", str(example), "--as-of", "2027-03-01")
    assert result.exit_code == 0, result.output
    report = (example / "reports" / "evaluation.md").read_text(encoding="utf-8")
    flat = " ".join(report.split())
    assert "vom 11. Januar 2027 bis zum 11. Juli 2027" in flat
    assert "Stand der Zahlen: 1. März 2027." in flat
    assert re.search(r"\b1 von \d+ bis zum 1\. März 2027 fälligen Sessions hat stattgefunden", flat)
    assert "2027-01-11" not in report.split("## ")[0] + report.split("## ")[1]
