"""Show the core's progress on stderr while long work runs, only where someone watches.

A display appears when stderr is a terminal, the output is not JSON and no CI is set;
piped output, `--json` and CI logs stay clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rmcli.progress import Progress, quiet

if TYPE_CHECKING:
    from rich.progress import TaskID


def wanted(*, json: bool = False) -> bool:
    """Return whether to show progress: a terminal on stderr, no JSON, not in CI."""
    return not json and not os.environ.get("CI") and sys.stderr.isatty()


@contextmanager
def shown(*, json: bool = False) -> Iterator[Progress]:
    """Yield a Progress that draws a bar per phase on stderr, or one that shows nothing."""
    if not wanted(json=json):
        yield quiet
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    from rmcli.cli.output import err

    bars = Bars(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err(),
        transient=True,
        redirect_stdout=False,  # data on stdout must stay on stdout
        redirect_stderr=False,
    )
    tasks: dict[str, TaskID] = {}

    def tell(phase: str, done: int, total: int | None = None, /) -> None:
        if phase not in tasks:
            tasks[phase] = bars.add_task(phase, total=total)
        bars.update(tasks[phase], completed=done, total=total)

    with bars:
        yield tell
