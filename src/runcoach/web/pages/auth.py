"""Log in, sign up (the first account is the admin), log out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.errors import RuncoachError
from runcoach.services import accounts
from runcoach.web.auth import (
    check_csrf,
    check_visitor_csrf,
    client_address,
    engine_of,
    find_access,
    now,
)
from runcoach.web.cookies import clear_session_cookie, set_session_cookie
from runcoach.web.errors import status_for
from runcoach.web.templating import render

router = APIRouter()
VisitorCsrf = Depends(check_visitor_csrf)


def safe_next(target: str | None) -> str:
    """Only a path of this site (never //host or a full URL: no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _form_page(request: Request, *, signup: bool, **context: Any) -> HTMLResponse:
    engine = engine_of(request)
    first = accounts.needs_first_account(engine)
    return render(
        request,
        "pages/login.html",
        first=first,
        signup=signup,
        signups_open=accounts.signups_open(engine),
        **context,
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    if accounts.needs_first_account(engine_of(request)):
        return RedirectResponse("/signup", status_code=303)
    return _form_page(request, signup=False, next=safe_next(next))


@router.post("/login", dependencies=[VisitorCsrf])
def login(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    try:
        session = accounts.log_in(
            engine_of(request), email, password, client_address(request), now()
        )
    except RuncoachError as error:
        page = _form_page(
            request, signup=False, error=error.message, email=email, next=safe_next(next)
        )
        page.status_code = status_for(error)
        return page
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, session.token)
    return response


@router.get("/signup", response_class=HTMLResponse, name="signup_page")
def signup_page(
    request: Request, invitation: str | None = None, next: str | None = None
) -> Response:
    return _form_page(request, signup=True, invitation=invitation, next=safe_next(next))


@router.post("/signup", dependencies=[VisitorCsrf])
def signup(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    invitation: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """``next``: where to land (an invitation's page when an invitation's link signed up)."""
    engine = engine_of(request)
    try:
        actor = accounts.sign_up(engine, email, password, now(), invitation)
    except RuncoachError as error:
        page = _form_page(request, signup=True, error=error.message, email=email,
                          invitation=invitation, next=next)  # fmt: skip
        page.status_code = status_for(error)
        return page
    session = accounts.open_session(engine, actor.account_id, now())
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, session.token)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    access = find_access(request)
    response = RedirectResponse("/login", status_code=303)
    if access is not None and access.session_token is not None:
        await check_csrf(request, access.csrf)
        accounts.log_out(engine_of(request), access.session_token)
    clear_session_cookie(response)
    return response
