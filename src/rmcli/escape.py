"""Make a value safe for one output format; each format is escaped here and nowhere else.

Values typed by people (names, departments, topic titles, prompts) reach Markdown
agendas and reports, the terminal, calendars and CSV sheets; none of them may turn into
markup, a control sequence or a formula there.
"""

from __future__ import annotations

import html
import re

# C0 and C1 control characters except tab, line feed and carriage return: escape (ANSI and
# OSC sequences), bell, backspace and their kin. No rmcli file holds them (validate refuses).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
# Characters that start inline Markdown: emphasis, code, links and images, HTML, tables,
# strike-through and character references.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|!~&])")
# What opens a block when it starts a line: a heading, list item, setext underline or rule
# ("# x", "- x", "+ x", "1. x", "==", "---"); "4.5", "+1" or "#tag" open none, so stay as typed.
_BLOCK_START = re.compile(r"^(\d*)([#+=-](?=[\s#+=-]|$)|(?<=\d)[.)](?=\s|$))")
# Every character `_ANY_CONTROL`, `_LINE_BREAKS` or `_MARKDOWN` changes: most texts hold none.
_INLINE_CHANGE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\`*_\[\]<>|!~&]")
# A cell that starts like this is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"


def has_control(text: str) -> bool:
    """Return whether text holds a control character other than tab and line breaks."""
    return CONTROL.search(text) is not None


def terminal(text: str) -> str:
    """Return text without control characters (tab and line breaks stay) for a terminal."""
    return CONTROL.sub(REPLACEMENT, text)


def markdown(text: str) -> str:
    """Return text as one inline Markdown run: no markup, no new block, no control bytes.

    The value may open a line (a list item, a heading's text), so a leading block marker
    (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped too and leading spaces (code blocks) dropped.
    """
    if _INLINE_CHANGE.search(text) is None:  # a report's thousands of answers: mostly plain
        return _BLOCK_START.sub(r"\1\\\2", text.strip(), count=1)
    flat = _LINE_BREAKS.sub(" ", _ANY_CONTROL.sub(_blank_or_mark, text)).strip()
    return _BLOCK_START.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", flat), count=1)


def ics(text: str, *, lines: bool = False) -> str:
    """Return text for an iCalendar value or parameter: no control bytes, no double quotes.

    Line breaks stay only where `lines` allows them (a description); the iCalendar library
    then writes them escaped, as the format wants.
    """
    if lines:
        return CONTROL.sub(REPLACEMENT, text).replace("\r\n", "\n").replace("\r", "\n")
    flat = _LINE_BREAKS.sub(" ", _ANY_CONTROL.sub(_blank_or_mark, text))
    return flat.replace('"', "'")


def xml(text: str) -> str:
    """Return text for SVG (XML) content or a quoted attribute: no markup, no control bytes."""
    return html.escape(terminal(text), quote=True)


def csv_cell(text: str) -> str:
    """Return text for a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = terminal(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _blank_or_mark(found: re.Match[str]) -> str:
    return " " if found.group() in "\t\r\n" else REPLACEMENT
