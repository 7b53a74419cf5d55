"""The HTML pages printed to A4 by headless Chromium: no chart, table or match split.

Runs docs/print_check.py's check where Chromium is installed (Debian: `apt-get install
chromium`); without it the test is skipped and says so.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))

import print_check

needs_chromium = pytest.mark.skipif(
    print_check.browser() is None, reason="Chromium is not installed"
)


@pytest.mark.slow
@needs_chromium
def test_both_pages_print_to_a4_with_nothing_split(tmp_path):
    problems = print_check.check(60, tmp_path / "out")
    assert problems == []
    pdfs = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert pdfs == ["evaluation.pdf", "status.pdf"]
    # The check reads every chart, table and match of both pages.
    blocks = [
        b
        for page in ("evaluation", "status")
        for b in print_check.blocks(tmp_path / "out" / f"{page}.html")
    ]
    kinds = {what.split()[0].split("-")[0] for what, _ in blocks}
    assert {"chart", "table", "match"} <= kinds
    # Pages A4: 210 x 297 mm.
    from pypdf import PdfReader

    box = PdfReader(tmp_path / "out" / "evaluation.pdf").pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )


@pytest.mark.slow
@needs_chromium
def test_the_check_finds_a_match_split_without_the_print_rules(tmp_path):
    page = tmp_path / "status.html"
    with tempfile.TemporaryDirectory() as temp:
        folder = print_check.write_running_program(
            Path(temp) / "program", people=60, as_of=print_check.AS_OF, seed=3
        )
        shutil.copy(print_check.write_pages(folder)["status"], page)
    loose = page.read_text(encoding="utf-8").replace("break-inside: avoid", "break-inside: auto")
    page.write_text(loose, encoding="utf-8")
    pdf = tmp_path / "status.pdf"
    print_check.print_pdf(page, pdf, tmp_path / "profile")
    problems = print_check.splits(pdf, page)
    assert problems and all("match match-" in p for p in problems)
