"""Tags reach readers by their labels, never as bare ids in a sentence (issue 16, German).

Through the CLI on the bundled example program and a German copy of it: match reasons
(on screen, in `--json`, in `matches.toml`, in `--explain`) and agendas name tags by label;
a label in program.toml wins; a tag without a German label is quoted and `validate` warns.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from conftest import EXAMPLE
from rmcli.evaluation.skills import learned_counts
from rmcli.folder import MATCHES_FILE
from rmcli.io.labels import shipped_labels
from rmcli.io.templates import shipped_root
from rmcli.models.feedback import Answer
from rmcli.starters import list_starters
from rmcli.words import Labels, languages

MATCH_IDS = ("aylin-markus", "jonas-thomas", "lena-helga", "noah-sabine")


def _edit(path: Path, change: Any) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def _tags(folder: Path) -> set[str]:
    """Return every tag id the program's files name."""
    program = tomllib.loads((folder / "program.toml").read_text(encoding="utf-8"))
    roster = tomllib.loads((folder / "roster.toml").read_text(encoding="utf-8"))
    found = {t for topic in program.get("topics", []) for t in topic.get("tags", [])}
    found |= {t for project in program.get("projects", []) for t in project.get("topics", [])}
    for person in roster["people"]:
        found |= {*person.get("expertise", []), *person.get("interests", [])}
    return found


def _with_tag(text: str, tags: set[str]) -> list[str]:
    """Return the tag ids that stand in a text as ids (not inside a longer id)."""
    return sorted(t for t in tags if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text))


def _german(folder: Path) -> Path:
    _edit(folder / "program.toml", lambda d: d.__setitem__("language", "de"))
    return folder


def _proposal(cli: Any, folder: Path, *args: str) -> dict[str, Any]:
    result = cli("-p", str(folder), "match", "--fresh", "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _reasons(data: dict[str, Any]) -> list[str]:
    return [r for m in data["matches"] for r in m["reasons"]]


def _agendas(cli: Any, folder: Path, matches: tuple[str, ...] = MATCH_IDS) -> str:
    texts = []
    for match in matches:
        for number in range(1, 7):
            result = cli("-p", str(folder), "agenda", "-m", match, "-s", str(number), "--stdout")
            assert result.exit_code == 0, result.output
            texts.append(result.stdout)
    return "\n".join(texts)


def test_the_tags_of_the_example_would_show_as_ids_without_labels(example: Path) -> None:
    """The check below can fail: the example's reasons were written with ids before."""
    tags = _tags(example)
    assert {"team-culture", "ai-tools", "remote-work"} <= tags
    assert _with_tag("teaches team-culture that the senior wants to learn", tags)
    assert not _with_tag("teaches team culture that the senior wants to learn", tags)


def test_german_reasons_name_no_tag_id(cli: Any, example: Path) -> None:
    """Every reason of a German proposal, shown and written, uses the German labels."""
    tags = _tags(_german(example))
    data = _proposal(cli, example)
    reasons = _reasons(data)
    assert reasons and not [r for r in reasons if _with_tag(r, tags)]
    assert "vermittelt, was der Senior lernen möchte: Teamkultur" in reasons
    written = cli("-p", str(example), "match", "--fresh", "--write", "--yes")
    assert written.exit_code == 0, written.output
    stored = tomllib.loads((example / MATCHES_FILE).read_text(encoding="utf-8"))
    stored_reasons = [r for m in stored["matches"] for r in m["reasons"]]
    assert sorted(stored_reasons) == sorted(reasons)
    shown = cli("-p", str(example), "match", env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "KI-Werkzeuge" in shown.stdout
    assert _with_tag(shown.stdout, tags) == []  # ids of matches and people are no tags


def test_german_explain_names_no_tag_id(cli: Any, example: Path) -> None:
    """--explain scores every candidate with the same labelled reasons."""
    tags = _tags(_german(example))
    for person in ("lena", "markus"):
        result = cli("-p", str(example), "match", "--explain", person, "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        reasons = [r for c in data["candidates"] for r in c["reasons"]]
        assert any("lernen möchte:" in r for r in reasons)
        assert not [r for r in reasons if _with_tag(r, tags)]


@pytest.mark.parametrize("fmt", ["peer", "group"])
def test_german_peer_and_group_reasons_name_no_tag_id(cli: Any, example: Path, fmt: str) -> None:
    """Peer reasons (both ways) and group reasons (who teaches whom what) use labels too."""

    def change(data: dict[str, Any]) -> None:
        data["language"] = "de"
        data["format"] = fmt
        data["matching"]["juniors_per_group"] = [1, 2]
        data["matching"]["seniors_per_group"] = [1, 2]

    _edit(example / "program.toml", change)
    (example / MATCHES_FILE).unlink()
    tags = _tags(example)
    reasons = _reasons(_proposal(cli, example))
    assert not [r for r in reasons if _with_tag(r, tags)]
    topical = [r for r in reasons if "vermittelt" in r or "im Gegenzug" in r]
    assert topical, reasons


def test_german_agendas_name_no_tag_id(cli: Any, example: Path) -> None:
    """No German agenda of any session holds a tag id; shared interests are named in words."""
    tags = _tags(_german(example))
    text = _agendas(cli, example)
    assert _with_tag(text, tags) == []
    assert "die ihr beide teilt: KI-Werkzeuge." in text


def test_english_uses_labels_in_reasons_and_agendas(cli: Any, example: Path) -> None:
    """English reasons and agendas use rmcli's English labels, not the ids."""
    tags = _tags(example)
    reasons = _reasons(_proposal(cli, example))
    assert "teaches team culture that the senior wants to learn" in reasons
    assert "teaches AI tools that the senior wants to learn" in reasons
    hyphenated = {t for t in tags if "-" in t}  # "onboarding" is its own English label
    assert not [r for r in reasons if _with_tag(r, hyphenated)]
    text = _agendas(cli, example)
    assert "You share an interest in AI tools, which fits this topic well" in text


def test_a_label_in_program_toml_wins(cli: Any, example: Path) -> None:
    """`[labels]` overrides the shipped label, in English and in German alike."""
    _edit(
        example / "program.toml", lambda d: d.__setitem__("labels", {"team-culture": "how we work"})
    )
    reasons = _reasons(_proposal(cli, example))
    assert "teaches how we work that the senior wants to learn" in reasons
    assert not any("team culture" in r for r in reasons)

    def german(data: dict[str, Any]) -> None:
        data["language"] = "de"
        data["labels"] = {"team-culture": "unsere Art zu arbeiten"}

    _edit(example / "program.toml", german)
    assert "vermittelt, was der Senior lernen möchte: unsere Art zu arbeiten" in _reasons(
        _proposal(cli, example)
    )
    assert "unsere Art zu arbeiten" in _agendas(cli, example, ("aylin-markus",))


def _teach_kubernetes(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        for person in data["people"]:
            if person["id"] == "aylin":
                person["expertise"] = [*person.get("expertise", []), "kubernetes"]
            if person["id"] == "markus":
                person["interests"] = [*person.get("interests", []), "kubernetes"]

    _edit(folder / "roster.toml", change)


def test_a_tag_without_german_label_is_quoted_and_validate_warns(cli: Any, example: Path) -> None:
    """German quotes an unlabelled tag („kubernetes“); validate warns once, located, exit 0."""
    _german(example)
    _teach_kubernetes(example)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "kubernetes" in line]
    assert len(lines) == 1, result.output
    found = re.match(
        r"warning: (\S+):(\d+): people\.(expertise|interests): tag kubernetes ", lines[0]
    )
    assert found is not None, lines[0]
    assert found[1] == str(example / "roster.toml")
    roster_lines = (example / "roster.toml").read_text(encoding="utf-8").splitlines()
    assert roster_lines[int(found[2]) - 1].startswith(f"{found[3]} = ")  # the key's own line
    assert "(de)" in lines[0] and 'add kubernetes = "..." under [labels]' in lines[0]
    markus = next(m for m in _proposal(cli, example)["matches"] if m["seniors"] == ["markus"])
    assert markus["juniors"] == ["aylin"]
    assert (
        "vermittelt, was der Senior lernen möchte: „kubernetes“ und Teamkultur"
        in (markus["reasons"])
    )

    _edit(example / "program.toml", lambda d: d.__setitem__("labels", {"kubernetes": "Kubernetes"}))
    again = cli("-p", str(example), "validate")
    assert again.exit_code == 0 and "kubernetes" not in again.output
    markus = next(m for m in _proposal(cli, example)["matches"] if m["seniors"] == ["markus"])
    assert (
        "vermittelt, was der Senior lernen möchte: Kubernetes und Teamkultur" in (markus["reasons"])
    )


def test_an_english_tag_without_label_reads_as_words_and_is_no_warning(
    cli: Any, example: Path
) -> None:
    """English turns an unlabelled id into words, so validate has nothing to say."""
    _teach_kubernetes(example)
    _edit(
        example / "roster.toml",
        lambda d: [
            p.__setitem__(key, [*p.get(key, []), "cloud-costs"])
            for p in d["people"]
            for key in ("expertise", "interests")
            if (p["id"], key) in {("aylin", "expertise"), ("markus", "interests")}
        ],
    )
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 0 and "label" not in result.output
    markus = next(m for m in _proposal(cli, example)["matches"] if m["seniors"] == ["markus"])
    assert (
        "teaches cloud costs, kubernetes and team culture that the senior wants to learn"
        in (markus["reasons"])
    )


def test_german_starters_need_no_label_of_their_own(cli: Any, tmp_path: Path) -> None:
    """A German program from any starter validates without a label warning."""
    for starter in list_starters():
        folder = tmp_path / starter
        made = cli("init", str(folder), "--starter", starter, "--language", "de", "--yes")
        assert made.exit_code == 0, made.output
        result = cli("-p", str(folder), "validate")
        assert result.exit_code == 0 and "[labels]" not in result.output, result.output


def test_shipped_labels_cover_every_tag_of_the_starters_and_the_example() -> None:
    """Every language rmcli speaks labels the tags it ships, and only in the same files."""
    shipped: set[str] = set()

    def walk(value: object) -> None:  # tags of topics (any list of them), topics of projects
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("tags", "topics") and all(isinstance(t, str) for t in inner):
                    shipped.update(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for path in (shipped_root() / "starters").rglob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    shipped |= _tags(EXAMPLE)
    assert {"inclusive-language", "team-culture", "platform-engineering"} <= shipped
    for language in languages():
        labels = shipped_labels(language)
        assert sorted(shipped - set(labels)) == [], language
        assert sorted(set(labels) - shipped) == [], language
        assert all(label != tag for tag, label in labels.items() if "-" in tag), language


def test_learned_skills_that_are_tags_get_their_label() -> None:
    """The evaluation lists a ticked tag by its label; a free entry keeps its own words."""
    import datetime as dt

    answers = [
        Answer.model_validate(
            {
                "person": f"p{i}",
                "survey": "final",
                "answered": dt.date(2027, 7, 1),
                "learned": ["ai-tools", "prompt-writing"],
            }
        )
        for i in range(5)
    ]
    found, _ = learned_counts(
        answers,
        limit=5,
        tags=frozenset({"ai-tools"}),
        labels=Labels("de", shipped_labels("de")),
    )
    assert found is not None
    assert found["top"] == [
        {"skill": "ai-tools", "label": "KI-Werkzeuge", "people": 5},
        {"skill": "prompt-writing", "label": "prompt-writing", "people": 5},
    ]
