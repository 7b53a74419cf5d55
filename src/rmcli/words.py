"""Words in the program's language from gettext catalogs; numbers and dates through Babel.

English is the language of the code: its texts are the msgids, so English needs no catalog.
Every other language is one catalog, ``locales/<lang>/LC_MESSAGES/rmcli.po``; adding a
language means adding a catalog (and the template folders), not code.

    from rmcli.words import translation
    _ = translation(program.language).gettext
    _("no soft criterion met")

Texts that the code looks up by key are marked with `N_`, `NC_` (with a context) or `NN_`
(singular and plural) so that ``pybabel extract`` finds them; docs/translating.md has the
workflow.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "rmcli"
SOURCE_LANGUAGE = "en"
# The msgids are British English ("organiser", "12 January 2027"): Babel formats for en_GB.
SOURCE_LOCALE = "en_GB"


def N_(message: str) -> str:
    """Return `message` unchanged: marks a text for extraction that is translated later."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Return (context, message): marks a text with a context for later `pgettext`."""
    return context, message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Return (singular, plural): marks a counted text for later `ngettext`."""
    return singular, plural


def catalog_path(language: str) -> Path:
    """Return where the catalog (.po) of a language lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _has_catalog(language: str) -> bool:
    po = catalog_path(language)
    return po.is_file() or po.with_suffix(".mo").is_file()


def languages() -> tuple[str, ...]:
    """Return the languages rmcli speaks: English and every language with a catalog."""
    found = sorted(p.name for p in LOCALES.iterdir() if _has_catalog(p.name))
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


def one_of(choices: tuple[str, ...], *, quote: bool = False) -> str:
    """Return choices for a message to the organiser: "en or de", "en, de or fr" (quoted: 'en')."""
    shown = [f"'{c}'" if quote else c for c in choices]
    if len(shown) == 1:
        return shown[0]
    return say("{choices} or {last}", choices=", ".join(shown[:-1]), last=shown[-1])


@functools.cache
def translation(language: str) -> _gettext.NullTranslations:
    """Return the translation of a language; English (or a language without catalog) is as-is."""
    po = catalog_path(language)
    mo = po.with_suffix(".mo")
    if language == SOURCE_LANGUAGE or not _has_catalog(language):
        return _gettext.NullTranslations()
    # The wheel carries only the compiled catalog; a checkout has the .po to compile from.
    if not po.is_file() or (mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    data = compile_catalog(po)
    _keep(mo, data)
    return _gettext.GNUTranslations(io.BytesIO(data))


def compile_catalog(po: Path) -> bytes:
    """Return the compiled (.mo) form of a catalog; fuzzy entries are left out, as by msgfmt."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415 (kept out of start-up)
    from babel.messages.pofile import read_po  # noqa: PLC0415 (kept out of start-up)

    with po.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _keep(mo: Path, data: bytes) -> None:
    # A cache next to the catalog, not a user's file: when the package folder is read-only
    # the compiled catalog just lives in memory for this run.
    try:
        fd, temp = tempfile.mkstemp(dir=mo.parent, prefix=f".{mo.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temp).replace(mo)
    except OSError:
        Path(temp).unlink(missing_ok=True)


# Shaped like the gettext functions (message first) so that `pybabel extract` finds the texts.
def gettext(message: str, *, language: str) -> str:
    """Return `message` in a language."""
    return translation(language).gettext(message)


def ngettext(singular: str, plural: str, n: int, *, language: str) -> str:
    """Return the singular or plural form for `n` in a language (by its catalog's rules)."""
    return translation(language).ngettext(singular, plural, n)


def pgettext(context: str, message: str, *, language: str) -> str:
    """Return `message` in a language, told apart from the same English text by `context`."""
    return translation(language).pgettext(context, message)


def user_language() -> str:
    """Return the language of messages to the person at the terminal (RMCLI_LANGUAGE, else the locale).

    Documents (agendas, reports, calendars) are in the program's language; what rmcli says
    to the organiser about their command (errors, hints, notes) follows their own settings,
    looked up in the order gettext uses: RMCLI_LANGUAGE, LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
    """
    for name in ("RMCLI_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        for item in value.split(":"):
            code = item.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in ("c", "posix", SOURCE_LANGUAGE):  # English needs no look at the catalogs
                return SOURCE_LANGUAGE
            if code and code in languages():
                return code
    return SOURCE_LANGUAGE


def say(message: str, /, **values: object) -> str:
    """Return a message to the organiser in their language, with `values` filled in."""
    text = translation(user_language()).gettext(message)
    return text.format(**values) if values else text


def say_n(singular: str, plural: str, n: int, /, **values: object) -> str:
    """Return the singular or plural form of a counted message; `n` fills {n}."""
    text = translation(user_language()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """Return a hint naming the known values closest to a mistyped one, else listing them."""
    import difflib  # noqa: PLC0415 (kept out of start-up)

    choices = sorted(set(known))
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.6)
    if len(close) == 1:
        return say("did you mean {choice}?", choice=repr(close[0]))
    if close:
        return say("did you mean one of {choices}?", choices=", ".join(map(repr, close)))
    if not choices:
        return ""
    shown = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    return say("known: {choices}", choices=shown)


def locale(language: str) -> str:
    """Return the Babel locale for formatting in a language (the catalog's Language header)."""
    info = translation(language).info()
    return info.get("language", SOURCE_LOCALE if language == SOURCE_LANGUAGE else language)


# English dates and numbers without Babel, whose first use loads 60 ms of locale data: the
# same text as Babel's en_GB (tests/test_words.py compares them), for the forms rmcli uses.
_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
_SHORT_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ENGLISH_DATES: dict[str, Callable[[dt.date], str]] = {
    "long": lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    "full": lambda d: f"{_WEEKDAYS[d.weekday()]}, {d.day} {_MONTHS[d.month - 1]} {d.year}",
    "MMM y": lambda d: f"{_SHORT_MONTHS[d.month - 1]} {d.year}",
    "EEE": lambda d: _WEEKDAYS[d.weekday()][:3],
}
_ENGLISH_REACH = 1e12  # below it a float rounded to a few places prints as its decimal


def format_date(day: dt.date, language: str, *, form: str = "long") -> str:
    """Return a date for people: "12 January 2027" / "12. Januar 2027" (form "full" adds the weekday)."""
    return _format_date(day, language, form)


@functools.lru_cache(maxsize=8192)
def _format_date(day: dt.date, language: str, form: str) -> str:
    # A page of 2,000 matches writes a few hundred dates thousands of times: Babel once each.
    english = _ENGLISH_DATES.get(form) if language == SOURCE_LANGUAGE else None
    if english is not None:
        return english(day)
    from babel.dates import format_date as babel_date  # noqa: PLC0415 (kept out of start-up)

    return str(babel_date(day, form, locale=locale(language)))


def format_decimal(value: float, language: str, *, places: int = 2) -> str:
    """Return a number with up to `places` decimals, trailing zeros dropped: 22.5 / 22,5."""
    return _number(value, language, places, "0." + "#" * places if places else "0")


def format_number(value: float, language: str, *, places: int = 0) -> str:
    """Return a figure for readers, thousands grouped: 1,695 / 1.695; 1,234.5 / 1.234,5.

    Up to `places` decimals, trailing zeros dropped. Counts, averages and sums in documents
    go through here (`format_decimal` writes a number without grouping, as a setting is).
    """
    return _number(value, language, places, "#,##0." + "#" * places if places else "#,##0")


def _number(value: float, language: str, places: int, pattern: str) -> str:
    """Return Babel's text of a number, remembered but for 0 and NaN."""
    if language == SOURCE_LANGUAGE and -_ENGLISH_REACH < value < _ENGLISH_REACH:
        text = f"{round(value, places):{',' if pattern.startswith('#,') else ''}.{places}f}"
        return text.rstrip("0").rstrip(".") if places else text
    if value == 0 or value != value:  # -0.0 equals 0.0, NaN equals nothing: not remembered
        return _babel_number(value, language, places, pattern)
    return _remembered_number(value, language, places, pattern)


def _babel_number(value: float, language: str, places: int, pattern: str) -> str:
    from babel.numbers import format_decimal as babel_decimal  # noqa: PLC0415 (kept out of start-up)

    # Round the float first, as Python does, so that 2.675 stays 2.67 in every language.
    text = babel_decimal(round(value, places), pattern, locale=locale(language))
    return _plain(str(text))


# A status page of 2,000 matches writes a few dozen distinct counts thousands of times, and
# `status --all` at 10,000 people 5,000 median lengths of a few values: Babel once each.
_remembered_number = functools.lru_cache(maxsize=8192, typed=True)(_babel_number)


def format_list(items: list[str], language: str) -> str:
    """Return items joined as a sentence joins them ("a, b and c")."""
    return _format_list(tuple(items), language) if items else ""


@functools.lru_cache(maxsize=8192)
def _format_list(items: tuple[str, ...], language: str) -> str:
    # The reasons of 1,000 groups list the same few topic sets thousands of times.
    from babel.lists import format_list as babel_list  # noqa: PLC0415 (kept out of start-up)

    return str(babel_list(list(items), locale=locale(language)))


def format_percent(share: float, language: str) -> str:
    """Return a share as a whole percentage: "75%" / "75 %"."""
    if language == SOURCE_LANGUAGE and -_ENGLISH_REACH < share * 100 < _ENGLISH_REACH:
        return f"{round(share * 100)}%"  # the whole below, as Babel writes it in en_GB
    from babel.numbers import format_percent as babel_percent  # noqa: PLC0415 (kept out of start-up)

    whole = round(share * 100) / 100  # Python's rounding, as for decimals
    text = babel_percent(whole, locale=locale(language), group_separator=False)
    return _plain(str(text))


def _plain(text: str) -> str:
    # Reports and terminals get plain spaces (German "75 %" uses a no-break space in CLDR).
    return text.replace("\xa0", " ").replace("\u202f", " ")


# How a sentence names a tag nobody gave a label (German: „team-culture“).
UNLABELLED = NC_("tag without label", "“{tag}”")


@dataclass(frozen=True)
class Labels:
    """How sentences name tags (topic ids): by their label, never by a bare id.

    `names` maps tag ids to labels in `language`. A tag without one reads as words in
    English ("team-culture" -> "team culture"); other languages quote the id as a name
    („team-culture“), since an English id made into words would still be English.
    """

    language: str = SOURCE_LANGUAGE
    names: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, tag: str) -> str:
        """Return the words a sentence uses for a tag."""
        found = self.names.get(tag)
        if found:
            return found
        if self.language == SOURCE_LANGUAGE:
            return tag.replace("-", " ").replace("_", " ")
        return translation(self.language).pgettext(*UNLABELLED).format(tag=tag)

    def has(self, tag: str) -> bool:
        """Return whether a tag has a label of its own in this language."""
        return bool(self.names.get(tag))

    def listed(self, tags: Iterable[str]) -> str:
        """Return the tags' words joined as a sentence joins them ("a, b and c")."""
        return format_list([self(tag) for tag in tags], self.language)
