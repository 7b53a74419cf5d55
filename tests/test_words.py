"""Words through gettext catalogs, numbers and dates through Babel (rmcli.words)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from rmcli import words
from schedule_helpers import edit_program, write_log, write_matches

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = words.LOCALES / "rmcli.pot"
GERMAN = words.catalog_path("de")
WEEKDAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August")
MONTHS_DE += ("September", "Oktober", "November", "Dezember")
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%\([a-z_]+\)[sd]")

Cli = Callable[..., Any]


def _read(path: Path) -> Any:
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog: Any) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: Any) -> Iterator[Path]:
    """Return a copy of the catalogs, without compiled ones, that rmcli.words reads instead."""
    copy = tmp_path / "locales"
    shutil.copytree(words.LOCALES, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(words, "LOCALES", copy)
    words.translation.cache_clear()
    yield copy
    words.translation.cache_clear()


def test_every_text_of_the_template_is_translated_in_german() -> None:
    template, german = _read(TEMPLATE), _read(GERMAN)
    assert len(_ids(template)) > 100  # the template holds the phrase tables, not just a header
    missing = _ids(template) - _ids(german)
    assert not missing
    for message in german:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"untranslated: {message.id!r}"


def test_translations_keep_the_placeholders_of_their_english_text() -> None:
    for message in _read(GERMAN):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        german = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(english[-1]))
        for text in german:
            assert set(PLACEHOLDER.findall(text)) == wanted, message.id


def test_template_is_up_to_date_with_the_code_and_templates(tmp_path: Path) -> None:
    """`pybabel extract` from the repository gives the same texts as the committed template."""
    out = tmp_path / "rmcli.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-o", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert _ids(_read(out)) == _ids(_read(TEMPLATE))


def test_german_catalog_compiles_and_translates() -> None:
    data = words.compile_catalog(GERMAN)
    assert data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # the .mo magic number
    german = words.translation("de")
    assert german.gettext("Opening") == "Begrüßung"
    assert german.pgettext("match reason", "{count} departments") == "{count} Abteilungen"
    assert german.gettext("{count} departments") == "{count} Bereiche"
    assert german.ngettext("{count} person", "{count} people", 1) == "{count} Person"
    assert german.ngettext("{count} person", "{count} people", 2) == "{count} Personen"


def test_english_is_the_text_of_the_code() -> None:
    english = words.translation("en")
    assert english.gettext("Opening") == "Opening"
    assert english.ngettext("{count} person", "{count} people", 1) == "{count} person"
    assert words.translation("xx").gettext("Opening") == "Opening"  # no catalog: English


def test_languages_come_from_the_catalogs(locales: Path) -> None:
    """A third language is one more catalog: no code names the languages."""
    french = locales / "fr" / "LC_MESSAGES"
    french.mkdir(parents=True)
    (french / "rmcli.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Opening"\nmsgstr "Ouverture"\n',
        encoding="utf-8",
    )
    assert words.languages() == ("en", "de", "fr")
    assert words.translation("fr").gettext("Opening") == "Ouverture"
    assert words.format_decimal(22.5, "fr") == "22,5"
    assert words.format_date(dt.date(2027, 1, 12), "fr") == "12 janvier 2027"


def test_a_checkout_compiles_a_missing_or_older_catalog(locales: Path) -> None:
    mo = words.catalog_path("de").with_suffix(".mo")
    assert words.translation("de").gettext("Closing") == "Abschluss"
    assert mo.is_file()  # kept for the next run
    # An edited catalog is newer than its .mo: the next run compiles it again.
    po = words.catalog_path("de")
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Abschluss"', 'msgstr "Schluss"'),
        encoding="utf-8",
    )
    os.utime(mo, (1, 1))
    words.translation.cache_clear()
    assert words.translation("de").gettext("Closing") == "Schluss"
    assert mo.stat().st_mtime > 1


def test_a_read_only_package_compiles_the_catalog_in_memory(
    locales: Path, monkeypatch: Any
) -> None:
    def refuse(**_: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(words.tempfile, "mkstemp", refuse)  # as in a read-only site-packages
    folder = words.catalog_path("de").parent
    assert words.translation("de").gettext("Closing") == "Abschluss"
    assert list(folder.iterdir()) == [folder / "rmcli.po"]


def test_an_installed_wheel_reads_the_compiled_catalog_alone(locales: Path) -> None:
    po = words.catalog_path("de")
    po.with_suffix(".mo").write_bytes(words.compile_catalog(po))
    po.unlink()  # the wheel carries only the .mo
    assert words.languages() == ("en", "de")
    assert words.translation("de").gettext("Closing") == "Abschluss"


def _old_number(value: float, language: str, places: int = 2) -> str:
    """The hand-made number format that Babel replaced, as the oracle for the same output."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    return text.replace(".", ",") if language == "de" else text


@given(
    value=st.floats(min_value=-1000, max_value=100000, allow_nan=False),
    places=st.integers(min_value=0, max_value=3),
    language=st.sampled_from(["en", "de"]),
)
def test_decimals_read_as_before_with_the_languages_sign(
    value: float, places: int, language: str
) -> None:
    assert words.format_decimal(value, language, places=places) == _old_number(
        value, language, places
    )


@given(share=st.floats(min_value=0, max_value=1), language=st.sampled_from(["en", "de"]))
def test_percentages_read_as_before(share: float, language: str) -> None:
    whole = round(share * 100)
    expected = f"{whole} %" if language == "de" else f"{whole}%"
    assert words.format_percent(share, language) == expected


def test_lists_read_each_as_its_own_after_others_were_read() -> None:
    """Remembered lists answer for their own items, order and language only."""
    for _ in range(2):  # the second time from memory
        assert words.format_list(["a", "b"], "en") == "a and b"
        assert words.format_list(["b", "a"], "en") == "b and a"
        assert words.format_list(["a", "b", "c"], "en") == "a, b and c"
        assert words.format_list(["a", "b"], "de") == "a und b"
        assert words.format_list([], "en") == ""


def test_dates_read_like_the_language() -> None:
    day = dt.date(2027, 1, 12)
    assert words.format_date(day, "en") == "12 January 2027"
    assert words.format_date(day, "de") == "12. Januar 2027"
    assert words.format_date(day, "en", form="full") == "Tuesday, 12 January 2027"
    assert words.format_date(day, "de", form="full") == "Dienstag, 12. Januar 2027"


def test_german_agenda_has_german_words_date_and_minutes(example: Path, cli: Cli) -> None:
    write_matches(example)
    edit_program(example, language="de")
    from rmcli.folder import load
    from rmcli.schedule.plan import plan_sessions

    snapshot = load(example)
    plan = plan_sessions(program=snapshot.program, matches=snapshot.matches)
    first = next(s for s in plan if s.match == "helga-aylin" and s.number == 1)
    shown = cli("-p", str(example), "agenda", "-m", "helga-aylin", "-s", "1", "--stdout")
    assert shown.exit_code == 0, shown.output
    day = first.date
    when = f"{WEEKDAYS_DE[day.weekday()]}, {day.day}. {MONTHS_DE[day.month - 1]} {day.year}"
    assert f"- **Wann:** {when}, " in shown.stdout
    assert "· Ankommen und Kennenlernen** (" in shown.stdout
    assert re.search(r"\*\* \(\d+ Min\.\): ", shown.stdout)
    assert "**Hierarchie bleibt draußen.**" in shown.stdout
    assert "min)" not in shown.stdout and "Welcome" not in shown.stdout


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "en",
            "1 session more than 7 days past its date",
            "2 sessions more than 7 days past their date",
        ),
        ("de", "1 Session mehr als 7 Tage überfällig", "2 Sessions mehr als 7 Tage überfällig"),
    ],
)
def test_overdue_sessions_are_counted_in_singular_and_plural(
    example: Path, cli: Cli, language: str, one: str, two: str
) -> None:
    import json

    write_matches(example)
    edit_program(example, language=language)
    write_log(
        example,
        [("helga-aylin", 1, "held"), ("helga-aylin", 2, "held"), ("markus-jonas", 1, "held")],
    )
    data = json.loads(cli("-p", str(example), "status", "--json", "--as-of", "2027-04-10").stdout)
    details = [f["detail"] for m in data["matches"] for f in m["flags"] if f["code"] == "overdue"]
    assert one in details and two in details


def test_german_status_shows_german_words_and_percent(example: Path, cli: Cli) -> None:
    write_matches(example)
    edit_program(example, language="de")
    write_log(example, [("helga-aylin", 1, "held"), ("markus-jonas", 1, "held")])
    result = cli("-p", str(example), "status", "--as-of", "2027-03-01")
    assert result.exit_code in (0, 1), result.output
    assert "Signale (! Handlungsbedarf)" in result.stdout
    assert re.search(r"pünktlich gehalten: \d+ % \(\d+ von \d+\)", result.stdout)


def test_shared_templates_come_after_every_language_folder(tmp_path: Path) -> None:
    """A language folder's file wins over a shared one; the program's own wins over rmcli's."""
    from rmcli.io.templates import search_path, shipped_root

    own = tmp_path / "mine"
    for folder in (own / "agenda" / "de", own / "agenda"):
        folder.mkdir(parents=True, exist_ok=True)
    found = search_path(area="agenda", language="de", program_folder=tmp_path, templates_dir="mine")
    shipped = shipped_root() / "agenda"
    assert found == [own / "agenda" / "de", shipped / "de", own / "agenda", shipped]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"RMCLI_LANGUAGE": "de"}, "de"),
        ({"RMCLI_LANGUAGE": "", "LANGUAGE": "fr:de", "LANG": "en_GB.UTF-8"}, "de"),
        ({"RMCLI_LANGUAGE": "", "LC_ALL": "de_DE.UTF-8"}, "de"),
        ({"RMCLI_LANGUAGE": "", "LANG": "de_AT.UTF-8"}, "de"),
        ({"RMCLI_LANGUAGE": "", "LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        ({"RMCLI_LANGUAGE": "", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"RMCLI_LANGUAGE": ""}, "en"),
    ],
)
def test_messages_follow_the_organisers_own_language(monkeypatch, env, expected) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert words.user_language() == expected
    one = words.say_n("{count} person", "{count} people", 1, count=1)
    two = words.say_n("{count} person", "{count} people", 2, count=2)
    german = ("1 Person", "2 Personen")
    assert (one, two) == (german if expected == "de" else ("1 person", "2 people"))


@given(st.lists(st.one_of(st.floats(-1e6, 1e6), st.integers(-5, 5), st.just(-0.0)), max_size=8))
def test_a_decimal_asked_again_reads_as_at_first(values: list[float]) -> None:
    """Remembered numbers are Babel's for the same value: 0.0 and -0.0, 60 and 60.0 apart,
    in both forms (a decimal setting, a grouped figure)."""
    for value in [0.0, -0.0, *values, -0.0, 0.0, *reversed(values)]:
        for language in ("en", "de"):
            decimal = words._babel_number(value, language, 2, "0.##")
            assert words.format_decimal(value, language) == decimal
            grouped = words._babel_number(value, language, 0, "#,##0")
            assert words.format_number(value, language) == grouped


def test_english_dates_are_babels() -> None:
    from babel.dates import format_date as babel_date

    day = dt.date(1970, 1, 1)
    while day <= dt.date(2200, 12, 31):  # every weekday, day of the month and month in turn
        for form in ("long", "full", "MMM y", "EEE"):
            expected = str(babel_date(day, form, locale=words.SOURCE_LOCALE))
            assert words._format_date.__wrapped__(day, "en", form) == expected, (day, form)
        day += dt.timedelta(days=37)


@given(
    value=st.one_of(
        st.floats(min_value=-2e12, max_value=2e12),
        st.integers(min_value=-(10**13), max_value=10**13),
        st.sampled_from([0.0, -0.0, -0.001, 0.005, 2.675, 1e12 - 0.5, 999.995, float("nan")]),
    ),
    places=st.integers(min_value=0, max_value=3),
)
def test_english_numbers_are_babels(value: float, places: int) -> None:
    decimals = "." + "#" * places if places else ""
    for form, pattern in ((words.format_decimal, "0"), (words.format_number, "#,##0")):
        expected = words._babel_number(value, "en", places, pattern + decimals)
        assert form(value, "en", places=places) == expected


@given(
    share=st.one_of(
        st.floats(min_value=-1e11, max_value=1e11, allow_nan=False),
        st.sampled_from([0.125, 0.135, 0.29, 0.575, -0.0, 0.005, 0.015]),
    )
)
def test_english_percentages_are_babels(share: float) -> None:
    from babel.numbers import format_percent as babel_percent

    whole = round(share * 100) / 100
    expected = str(babel_percent(whole, locale=words.SOURCE_LOCALE, group_separator=False))
    assert words.format_percent(share, "en") == expected


def test_english_dates_and_numbers_load_no_babel() -> None:
    code = (
        "import datetime, sys; from rmcli import words; "
        "words.format_date(datetime.date(2027, 1, 12), 'en'); "
        "words.format_number(1695.5, 'en', places=1); words.format_percent(0.75, 'en'); "
        "print(sorted(m for m in sys.modules if m.startswith('babel')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
