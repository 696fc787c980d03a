"""What each runcoach error means at a door: its exit code for the command line and its HTTP
status for the API and the pages. The one mapping; ``cli.main`` and ``web.errors`` read it."""

from __future__ import annotations

from dataclasses import dataclass

from runcoach.domain.errors import (
    Conflict,
    ImportProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RulesBroken,
    RuncoachError,
    TooManyAttempts,
)


@dataclass(frozen=True)
class ErrorMeaning:
    exit_code: int  # 2 is also click's usage error
    http_status: int


ERRORS: dict[type[RuncoachError], ErrorMeaning] = {
    InvalidInput: ErrorMeaning(2, 422),
    NotFound: ErrorMeaning(3, 404),
    Conflict: ErrorMeaning(4, 409),
    PermissionDenied: ErrorMeaning(5, 403),
    ImportProblem: ErrorMeaning(6, 422),
    TooManyAttempts: ErrorMeaning(5, 429),
    RulesBroken: ErrorMeaning(1, 422),  # `plan check`: exit 1 when a rule is broken undeclared
}
OTHER_ERROR = ErrorMeaning(1, 400)


def meaning_of(error: RuncoachError) -> ErrorMeaning:
    """The meaning of the error's class, or of the nearest class above it that has one."""
    for cls in type(error).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    return OTHER_ERROR
