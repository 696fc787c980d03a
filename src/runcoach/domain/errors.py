"""The domain's errors, written for the runner.

Every error runcoach raises on purpose is a ``RuncoachError``. The CLI maps each class to an
exit code and the API to an HTTP status, each in exactly one place.
"""

from __future__ import annotations

from runcoach.domain.hints import Hint


class RuncoachError(Exception):
    """Base of every error with a message meant for the runner."""

    shown = False  # True: the answer already told the runner everything (no message again)

    def __init__(self, message: str, *, hint: str | Hint | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:  # a door phrases ``hint`` in its own words (cli/hints.py)
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message


class InvalidInput(RuncoachError):
    """Something the runner typed or sent cannot be understood."""


class NotFound(RuncoachError):
    """The thing asked for does not exist (or is not visible to the asker)."""


class Conflict(RuncoachError):
    """The request contradicts what is stored."""


class PermissionDenied(RuncoachError):
    """The asker may not see or change this."""


class TooManyAttempts(PermissionDenied):
    """Too many tries lately (failed logins): the asker waits a few minutes."""


class RulesBroken(RuncoachError):
    """A plan breaks rules it does not declare; the violations, shown, are the answer."""

    shown = True


class ImportProblem(RuncoachError):
    """A file could not be imported; ``kind`` says why in one word."""

    kind = "failed"


class NotAnActivity(ImportProblem):
    """A valid file that holds no activity (settings, workout, monitoring, course...)."""

    kind = "not_activity"


class CorruptFile(ImportProblem):
    """A file that claims a format but is broken (truncated, bad header, bad CRC...)."""

    kind = "corrupt"


class UnsupportedFile(ImportProblem):
    """A file runcoach does not read."""

    kind = "unsupported"


class Unavailable(RuncoachError):
    """Something runcoach needs is out of reach: the database server, a file system."""
