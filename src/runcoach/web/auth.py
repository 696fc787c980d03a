"""Who is asking: the one authorization dependency every route uses.

A request is authenticated by a session cookie (pages, and the API from the browser) or by a
personal API token (``Authorization: Bearer rc_...``). A session's unsafe request (POST,
PUT, PATCH, DELETE) must carry its CSRF token, in the ``csrf_token`` form field or the
``X-CSRF-Token`` header; a token's request needs none (no browser sends it by itself).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.accounts import Actor
from runcoach.domain.errors import PermissionDenied
from runcoach.services import accounts
from runcoach.web.errors import CsrfRejected, NotLoggedIn

SESSION_COOKIE = "runcoach_session"
PRE_SESSION_COOKIE = "runcoach_csrf"  # double-submit token of the forms before logging in
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Access:
    """The actor of a request, with the session it came by (None: an API token)."""

    actor: Actor
    session_token: str | None
    csrf: str | None


def engine_of(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def now() -> datetime:
    return datetime.now(UTC)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def find_access(request: Request) -> Access | None:
    """The access of a request, or None for a visitor (read once per request)."""
    if hasattr(request.state, "access"):
        return request.state.access  # type: ignore[no-any-return]
    found: Access | None = None
    engine = engine_of(request)
    token = _bearer(request)
    if token is not None:
        actor = accounts.token_actor(engine, token, now())
        found = None if actor is None else Access(actor, None, None)
    elif cookie := request.cookies.get(SESSION_COOKIE):
        session = accounts.session_actor(engine, cookie, now())
        found = None if session is None else Access(session[0], cookie, session[1])
    request.state.access = found
    return found


async def check_csrf(request: Request, expected: str | None) -> None:
    """An unsafe request from a browser must echo the token the page gave it."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and _is_form(request):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(sent, expected):
        raise CsrfRejected()


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


async def authorize(request: Request) -> Access:
    """Any logged-in account or live token; a session's unsafe request carries its CSRF token;
    a read-only token may only read."""
    access = await authorize_reading(request)
    if request.method not in SAFE_METHODS and not access.actor.can_write:
        raise PermissionDenied("this API token may only read", hint="make a token with write scope")
    return access


async def authorize_reading(request: Request) -> Access:
    """As ``authorize``, for a POST that only computes (a goal check, a prediction, a move's
    preview): a read-only token may send it, since nothing is stored."""
    access = find_access(request)
    if access is None:
        raise NotLoggedIn()
    if access.session_token is not None:
        await check_csrf(request, access.csrf)
    return access


async def authorize_session(request: Request) -> Access:
    """A logged-in browser session (account settings are not changed with a token)."""
    access = await authorize(request)
    if access.session_token is None:
        raise PermissionDenied("log in to do this; an API token may not")
    return access


def pre_session_csrf(request: Request) -> str:
    """The CSRF token of a visitor's forms (login, sign-up), from its cookie or new."""
    return request.cookies.get(PRE_SESSION_COOKIE) or accounts.new_secret()


async def check_visitor_csrf(request: Request) -> None:
    await check_csrf(request, request.cookies.get(PRE_SESSION_COOKIE))


Authorized = Annotated[Access, Depends(authorize)]
Reading = Annotated[Access, Depends(authorize_reading)]
SessionOnly = Annotated[Access, Depends(authorize_session)]


def athlete_settings_of(request: Request, access: Access) -> Settings:
    """The server's settings with the athlete's own units (reports phrase in them)."""
    from dataclasses import replace

    from runcoach.services.athletes import athlete_settings

    own = getattr(request.state, "athlete_settings", None)  # read once per page request
    if own is None:
        own = athlete_settings(engine_of(request), athlete_id=access.actor.athlete_id)
    return replace(settings_of(request), units=own.units)
