"""Capacity: what `rmcli match --write` writes, `rmcli validate` accepts; more is an error."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from rmcli.folder import MATCHES_FILE

EXTRA_SENIORS = ("ines", "otto", "petra", "rolf")


def _edit(path: Path, change: Any) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def _capacity_two(example: Path) -> None:
    """Give every junior capacity 2 and add four seniors, so juniors take two matches."""

    def change(data: dict[str, Any]) -> None:
        for person in data["people"]:
            if person["role"] == "junior":
                person["capacity"] = 2
        for pid in EXTRA_SENIORS:
            data["people"].append(
                {"id": pid, "name": pid.title(), "role": "senior", "department": "Sales"}
            )

    _edit(example / "roster.toml", change)


@pytest.mark.parametrize("fmt", ["one-to-one", "group"])
def test_what_match_writes_validate_accepts(cli: Any, example: Path, fmt: str) -> None:
    (example / MATCHES_FILE).unlink()
    _capacity_two(example)

    def change(data: dict[str, Any]) -> None:
        data["format"] = fmt
        data["matching"]["juniors_per_group"] = [1, 2]
        data["matching"]["seniors_per_group"] = [1, 2]

    _edit(example / "program.toml", change)
    written = cli("-p", str(example), "match", "--write")
    assert written.exit_code == 0, written.output
    matches = tomllib.loads((example / MATCHES_FILE).read_text(encoding="utf-8"))["matches"]
    juniors = [j for m in matches for j in m["juniors"]]
    if fmt == "one-to-one":
        assert len(juniors) > len(set(juniors)), "no junior took a second match"
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 0, result.output


def test_more_matches_than_capacity_names_file_line_and_person(cli: Any, example: Path) -> None:
    text = (example / MATCHES_FILE).read_text(encoding="utf-8")
    first, second = tomllib.loads(text)["matches"][:2]
    extra = {"id": "extra", "juniors": first["juniors"], "seniors": second["seniors"]}

    def change(data: dict[str, Any]) -> None:
        data["matches"].append(extra)

    _edit(example / MATCHES_FILE, change)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    junior = first["juniors"][0]
    wanted = f"{junior} is in more matches than their capacity of 1"
    line = next(x for x in result.stderr.splitlines() if wanted in x)
    where = f"{example / MATCHES_FILE}:"
    assert where in line and "matches.juniors" in line
    number = int(line.split(where)[1].split(":")[0])
    assert number > len(text.splitlines())  # the added match, not the first
