"""The HTTP status of each runcoach error: the one place it is decided, for the API and pages."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from runcoach.domain.errors import RuncoachError
from runcoach.views.errors import meaning_of
from runcoach.web.hints import action, phrase


class NotLoggedIn(Exception):
    """No session and no token: the API answers 401, a page sends the visitor to log in."""


class CsrfRejected(Exception):
    """A form or call from a session without its CSRF token."""


def status_for(error: RuncoachError) -> int:
    return meaning_of(error).http_status


def error_body(
    kind: str, message: str, hint: str | None = None, action: str | None = None
) -> dict[str, Any]:
    """The API's error: ``hint`` says what to do in words, ``action`` names it for a program
    (``domain.hints.Do``; None when the hint is plain text)."""
    return {"error": {"type": kind, "message": message, "hint": hint, "action": action}}


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn runcoach's errors into responses."""

    @app.exception_handler(RuncoachError)
    async def runcoach_error(request: Request, error: RuncoachError) -> Response:
        status = status_for(error)
        if _wants_page(request):
            from runcoach.web.templating import render_error

            return render_error(request, status, error.message, phrase(error.hint))
        kind = type(error).__name__
        body = error_body(kind, error.message, phrase(error.hint), action(error.hint))
        return JSONResponse(body, status_code=status)

    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, _error: NotLoggedIn) -> Response:
        if _wants_page(request) or not request.url.path.startswith("/api/"):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        body = error_body("NotLoggedIn", "log in or send an API token (Authorization: Bearer)")
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, _error: CsrfRejected) -> Response:
        message = "the form is out of date or was sent from another site; reload and try again"
        if _wants_page(request):
            from runcoach.web.templating import render_error

            return render_error(request, 403, message, None)
        return JSONResponse(error_body("CsrfRejected", message), status_code=403)
