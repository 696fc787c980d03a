"""The cookies runcoach sets: HttpOnly, SameSite=Lax, and Secure whenever served over HTTPS."""

from __future__ import annotations

from fastapi import Request, Response

from runcoach.domain.accounts import SESSION_LIFETIME
from runcoach.web.auth import PRE_SESSION_COOKIE, SESSION_COOKIE

PRE_SESSION_MAX_AGE_S = 2 * 3600  # a login form may stay open for two hours


def _secure(request: Request) -> bool:
    """HTTPS as the browser sees it (uvicorn's --proxy-headers honours X-Forwarded-Proto)."""
    return request.url.scheme == "https" or bool(request.app.state.settings_https)


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
    response.delete_cookie(PRE_SESSION_COOKIE, path="/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def set_pre_session_cookie(request: Request, response: Response, value: str) -> None:
    if request.cookies.get(PRE_SESSION_COOKIE) == value:
        return
    response.set_cookie(
        PRE_SESSION_COOKIE,
        value,
        max_age=PRE_SESSION_MAX_AGE_S,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
