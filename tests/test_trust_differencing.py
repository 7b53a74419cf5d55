"""No hidden figure can be worked out by putting two outputs side by side."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

Cli = Callable[..., Any]
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
        result = cli(
            "-p",
            str(first),
            "evaluate",
            "--as-of",
            "2027-08-01",
            "--compare",
            str(second),
            "--json",
        )
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        for shown in (data, data["compare"]):
            assert shown["thresholds"]["min_group"] == 5
            assert shown["satisfaction"]["junior"] is None
            assert shown["satisfaction"]["senior"] is None
        report = (first / "reports" / "evaluation.md").read_text(encoding="utf-8")
        assert "n=4" not in report
