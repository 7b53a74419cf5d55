"""Errors the core raises; the CLI turns them into messages and exit codes at one place."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_ACTION = 1  # the command ran, but something needs the user's action
EXIT_INPUT = 2  # bad input: a file, a flag or a value that cannot be used
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One finding about a program's files, located as precisely as the file allows."""

    file: str
    message: str
    key: str = ""
    line: int | None = None
    column: int | None = None
    severity: str = "error"  # error | warning

    def render(self) -> str:
        """Return the `FILE:LINE: key: message` line."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = f"{self.key}: " if self.key else ""
        return f"{where}: {prefix}{self.message}"


class RmcliError(Exception):
    """Base of every error the CLI reports as a message rather than a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """Return the message lines to print on stderr."""
        return [self.message]


class InputError(RmcliError):
    """Bad input: a file that does not parse or validate, a wrong flag or value."""


class ProblemsError(InputError):
    """Several located problems found at once (for example by loading a program)."""

    def __init__(self, problems: list[Problem], *, hint: str = "") -> None:
        self.problems = problems
        first = problems[0].render() if problems else "invalid input"
        super().__init__(first, hint=hint)

    def lines(self) -> list[str]:
        return [p.render() for p in self.problems]


class ActionNeeded(RmcliError):
    """The command ran, but the user has to act (exit 1)."""

    exit_code = EXIT_ACTION


class LockedError(RmcliError):
    """Another rmcli process is changing the same program."""

    exit_code = EXIT_ACTION
