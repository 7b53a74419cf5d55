"""Print the HTML pages to A4 with headless Chromium and check that nothing is split.

    python docs/print_check.py [PEOPLE] [OUT]

Needs Chromium (Debian: `apt-get install chromium`), pypdf (in rmcli's test extras) and
rmcli installed; with poppler's `pdftoppm` (Debian: `apt-get install poppler-utils`) it
also writes a PNG of every page to look at. Builds a seeded program of PEOPLE people (60
by default) that has run for some months (benchmarks/running_program.py), writes
`evaluate --html` and `status --html`, prints each page to OUT/<page>.pdf (default: a
folder in /tmp) as a browser prints it on A4, and reads the PDF back page by page:

- every chart: the page that shows its title shows every text the chart draws;
- every table up to 25 rows: on one page; a longer one: each row on a page with the table's
  column heads;
- every match of the status page: its name, people, counts and flags on one page.

It prints what it finds and exits 1 on a split. That nothing runs past the right margin
is checked by eye on the PNGs (see docs/evaluation.md). Nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

from running_program import write_running_program  # noqa: E402  (a script beside this one)

AS_OF = dt.date(2027, 7, 10)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]
SVG = "{http://www.w3.org/2000/svg}"
HTML = "{http://www.w3.org/1999/xhtml}"
WHOLE_TABLE = 25  # rows: a table up to this long fits on an A4 page, and is kept on one


def browser() -> str | None:
    """Return the Chromium command, or None when there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, pdf: Path, profile: Path) -> None:
    """Print an HTML page to PDF as Chromium prints it (A4 from the page's @page rule)."""
    command = browser()
    if command is None:
        raise SystemExit("Chromium not found: install it (Debian: apt-get install chromium)")
    subprocess.run(
        [command, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True,
        check=True,
        timeout=600,
    )


def _squeeze(text: str) -> str:
    # Text read back from a PDF keeps the words, not the spaces and line breaks between them,
    # and may hold ligatures ("ﬁ" for "fi").
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_texts(pdf: Path) -> list[str]:
    """Return the text of every page of a PDF, without white space."""
    from pypdf import PdfReader  # noqa: PLC0415 (a test extra)

    return [_squeeze(page.extract_text() or "") for page in PdfReader(pdf).pages]


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def blocks(page: Path) -> list[tuple[str, list[str]]]:
    """Return what must stay on one page: (what it is, its texts in reading order).

    A chart's drawn texts, a table's rows (a row: its cells in order), a status match's texts.
    """
    import html5lib  # noqa: PLC0415 (a test extra)

    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=True)
    found: list[tuple[str, list[str]]] = []
    for figure in tree.iter(f"{HTML}figure"):
        texts = [_text(t) for t in figure.iter(f"{SVG}text")]
        found.append((f"chart {figure.get('id')}", [t for t in texts if t]))
    for table in tree.iter(f"{HTML}table"):
        head, *rows = ["".join(_text(c) for c in row) for row in table.iter(f"{HTML}tr")]
        if len(rows) <= WHOLE_TABLE:
            found.append((f"{table.get('id')}", [head, *rows]))
        else:  # longer than a page can be: each row with the column heads above it
            found += [(f"{table.get('id')} row {n + 1}", [head, r]) for n, r in enumerate(rows)]
    for match in tree.iter(f"{HTML}article"):
        parts = [
            _text(e)
            for e in match.iter()
            if e.tag == f"{HTML}h3"
            or e.get("class") in {"people", "counts"}
            or (e.tag == f"{HTML}li" and e.get("class") is None)
        ]
        found.append((f"match {match.get('id')}", parts))
    return found


def splits(pdf: Path, page: Path) -> list[str]:
    """Return every block of the page that no single page of the PDF shows whole."""
    pages = page_texts(pdf)
    problems: list[str] = []
    for what, texts in blocks(page):
        wanted = [_squeeze(t) for t in texts if _squeeze(t)]
        if not wanted:
            continue
        if not any(all(w in text for w in wanted) for text in pages):
            problems.append(f"{pdf.name}: {what} is not whole on any page")
    return problems


def pictures(pdf: Path) -> None:
    """Write a PNG of every page beside the PDF, when poppler's pdftoppm is there."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (Debian: apt-get install poppler-utils): no PNGs")
        return
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)


HTML_FLAGS = ("--as-of", AS_OF.isoformat(), "--html")


def write_pages(folder: Path) -> dict[str, Path]:
    """Write both pages of the program; return them by name."""
    for command in ("evaluate", "status"):
        done = subprocess.run(
            [sys.executable, "-m", "rmcli", "-p", str(folder), command, *HTML_FLAGS],
            capture_output=True,
            check=False,
        )
        if done.returncode not in (0, 1):  # status exits 1 when a flag needs action
            raise SystemExit(done.stderr.decode())
    reports = folder / "reports"
    return {"evaluation": reports / "evaluation.html", "status": reports / "status.html"}


def check(people: int, out: Path) -> list[str]:
    """Print both pages of a program of `people` to `out`; return the splits found."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        folder = write_running_program(root / "program", people=people, as_of=AS_OF, seed=3)
        problems: list[str] = []
        for name, page in write_pages(folder).items():
            pdf = out / f"{name}.pdf"
            print_pdf(page, pdf, root / f"profile-{name}")
            problems += splits(pdf, page)
            shutil.copy(page, out / page.name)
    return problems


def main() -> None:
    """Print, check, and write the pictures."""
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="rmcli-a4-"))
    problems = check(people, out)
    for pdf in sorted(out.glob("*.pdf")):
        pictures(pdf)
        print(f"wrote {pdf}")
    for problem in problems:
        print(problem)
    print("nothing split" if not problems else f"{len(problems)} split(s)")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
