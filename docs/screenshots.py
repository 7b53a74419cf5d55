"""Remake the screenshots of the HTML pages in docs/images/ with headless Chromium.

    python docs/screenshots.py

Needs Chromium (Debian: `apt-get install chromium`) and rmcli installed. Builds a seeded
program of 60 people that has run for some months (benchmarks/running_program.py), writes
`evaluate --html` and `status --html`, and photographs each page as a browser shows it
at desktop and at phone width. Nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

from running_program import write_running_program  # noqa: E402  (a script beside this one)

IMAGES = HERE / "images"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
SHOTS = [
    # (page, as of, picture, width x height)
    ("evaluation.html", dt.date(2027, 7, 10), "evaluation-page.png", (960, 2300)),
    ("evaluation.html", dt.date(2027, 7, 10), "evaluation-phone.png", (390, 1400)),
    ("status.html", dt.date(2027, 4, 20), "status-page.png", (960, 1300)),
]


def browser() -> str:
    """Return the Chromium command, or stop with how to install it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("Chromium not found: install it (Debian: apt-get install chromium)")


def rmcli(folder: Path, *args: str) -> None:
    """Run rmcli on the program; status exits 1 when a flag needs action, which is fine here."""
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", "-p", str(folder), *args], capture_output=True, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())


def photograph(page: Path, picture: Path, size: tuple[int, int], profile: Path) -> None:
    """Write a PNG of the page as Chromium renders it in a window of this size."""
    subprocess.run(
        [
            browser(),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={picture}",
            f"--window-size={size[0]},{size[1]}",
            page.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    _shrink(picture)


def _shrink(picture: Path) -> None:
    # 256 colours keep text and charts sharp and the file a fraction of the size.
    try:
        from PIL import Image  # noqa: PLC0415 (optional)
    except ImportError:  # Pillow is optional: without it the PNG stays as it is
        return
    with Image.open(picture) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    small.save(picture, optimize=True)


def main() -> None:
    """Build the program, write both pages at their days, photograph them."""
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        folder = write_running_program(
            root / "program", people=60, as_of=dt.date(2027, 7, 10), seed=3
        )
        for page, day, picture, size in SHOTS:
            command = "evaluate" if page.startswith("evaluation") else "status"
            rmcli(folder, command, "--as-of", day.isoformat(), "--html")
            profile = root / f"profile-{picture}"
            profile.mkdir()
            photograph(folder / "reports" / page, IMAGES / picture, size, profile)
            print(f"wrote {IMAGES / picture}")


if __name__ == "__main__":
    main()
