"""Settings: units and heart-rate profile, shoes, API tokens, the calendar feed, password,
the account's data export, deleting the account; sign-ups and invitations for the admin."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accounts import Scope
from runcoach.domain.units import UnitSystem, parse_distance
from runcoach.services import accounts, shoes
from runcoach.services.athletes import AthleteSettings, athlete_settings, change_settings
from runcoach.services.calendar import today_of
from runcoach.web.api.account import feed_url
from runcoach.web.auth import engine_of, now, settings_of
from runcoach.web.cookies import clear_session_cookie
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()


def _page(request: Request, access: Any, **shown: Any) -> Response:
    engine = engine_of(request)
    athlete = access.actor.athlete_id
    return render(
        request,
        "pages/settings.html",
        nav="settings",
        me=athlete_settings(engine, athlete_id=athlete),
        pairs=shoes.list_pairs(
            engine, settings_of(request), include_retired=True, athlete_id=athlete
        ),
        tokens=accounts.list_tokens(engine, access.actor),
        has_feed=accounts.has_feed(engine, access.actor),
        signups_open=accounts.signups_open(engine),
        **shown,
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, access: Page) -> Response:
    return _page(request, access)


def _number(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


@router.post("/settings/profile")
def save_profile(
    request: Request,
    access: Page,
    name: Annotated[str, Form()],
    units: Annotated[str, Form()],
    timezone: Annotated[str | None, Form()] = None,
    max_hr: Annotated[str | None, Form()] = None,
    resting_hr: Annotated[str | None, Form()] = None,
) -> Response:
    new = AthleteSettings(
        name,
        UnitSystem(units),
        (timezone or "").strip() or None,
        _number(max_hr),
        _number(resting_hr),
    )
    change_settings(engine_of(request), new, athlete_id=access.actor.athlete_id)
    return RedirectResponse("/settings", status_code=303)


@router.post("/settings/shoes")
def add_shoes(
    request: Request,
    access: Page,
    name: Annotated[str, Form()],
    retire_at: Annotated[str | None, Form()] = None,
) -> Response:
    engine = engine_of(request)
    limit = parse_distance(retire_at) if retire_at and retire_at.strip() else None
    shoes.add_pair(
        engine,
        shoes.NewShoe(name, retirement_m=limit),
        today_of(engine, athlete_id=access.actor.athlete_id),
        athlete_id=access.actor.athlete_id,
    )
    return RedirectResponse("/settings#shoes", status_code=303)


@router.post("/settings/shoes/retire")
def retire_shoes(request: Request, access: Page, name: Annotated[str, Form()]) -> Response:
    engine = engine_of(request)
    shoes.retire_pair(
        engine,
        name,
        today_of(engine, athlete_id=access.actor.athlete_id),
        athlete_id=access.actor.athlete_id,
    )
    return RedirectResponse("/settings#shoes", status_code=303)


@router.post("/settings/tokens", response_class=HTMLResponse)
def new_token(
    request: Request,
    access: Page,
    name: Annotated[str, Form()],
    scope: Annotated[str, Form()] = "read",
) -> Response:
    token, _info = accounts.create_token(
        engine_of(request), access.actor, name, Scope(scope), now()
    )
    return _page(request, access, new_token=token)


@router.post("/settings/tokens/{token_id}/revoke")
def revoke(request: Request, access: Page, token_id: int) -> Response:
    accounts.revoke_token(engine_of(request), access.actor, token_id, now())
    return RedirectResponse("/settings#tokens", status_code=303)


@router.post("/settings/feed", response_class=HTMLResponse)
def new_feed(request: Request, access: Page) -> Response:
    token = accounts.new_feed_token(engine_of(request), access.actor)
    return _page(request, access, feed=feed_url(request, token))


@router.post("/settings/password", response_class=HTMLResponse)
def password(
    request: Request,
    access: Page,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
) -> Response:
    accounts.change_password(
        engine_of(request), access.actor, current, new, now(), access.session_token
    )
    return _page(request, access, flash="Password changed; your other sessions are logged out.")


@router.post("/settings/delete")
def delete(request: Request, access: Page, password: Annotated[str, Form()]) -> Response:
    accounts.delete_account(engine_of(request), access.actor, password)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response)
    return response


@router.post("/settings/signups")
def signups(request: Request, access: Page, open: Annotated[str, Form()]) -> Response:
    accounts.set_signups_open(engine_of(request), access.actor, open == "yes")
    return RedirectResponse("/settings#admin", status_code=303)


@router.post("/settings/invite", response_class=HTMLResponse)
def invite(request: Request, access: Page, email: Annotated[str | None, Form()] = None) -> Response:
    code = accounts.invite(engine_of(request), access.actor, email or None, now())
    link = str(request.url_for("signup_page")) + f"?invitation={code}"
    return _page(request, access, invitation=link)
