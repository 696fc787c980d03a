"""/api/v1/account, /tokens, /admin: the account, its settings, API tokens, the calendar feed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.accounts import Scope
from runcoach.domain.units import UnitSystem
from runcoach.services import accounts
from runcoach.services.athletes import AthleteSettings, athlete_settings, change_settings
from runcoach.views.account import (
    SignupInvitationJson,
    SignupsJson,
    UrlJson,
    account_json,
    settings_json,
    token_created_json,
    token_json,
)
from runcoach.web.auth import Authorized, SessionOnly, engine_of, now
from runcoach.web.cookies import clear_session_cookie
from runcoach.web.openapi_views import file_answer

router = APIRouter(tags=["account"])


@router.get("/account", summary="Your account and settings")
def get_account(request: Request, access: Authorized) -> Mapping[str, Any]:
    found = athlete_settings(engine_of(request), athlete_id=access.actor.athlete_id)
    actor = access.actor
    return account_json(actor.email, actor.is_admin, found, actor.athlete_id)


class SettingsIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    units: UnitSystem = UnitSystem.METRIC
    timezone: str | None = Field(default=None, examples=["Europe/Ljubljana"])
    max_hr: float | None = None
    resting_hr: float | None = None


@router.put("/account/settings", summary="Units, time zone and heart-rate profile")
def put_settings(request: Request, access: Authorized, body: SettingsIn) -> Mapping[str, Any]:
    new = AthleteSettings(body.name, body.units, body.timezone, body.max_hr, body.resting_hr)
    found = change_settings(engine_of(request), new, athlete_id=access.actor.athlete_id)
    return settings_json(access.actor.email, access.actor.is_admin, found)


class PasswordIn(BaseModel):
    current: str
    new: str


@router.post("/account/password", status_code=204, summary="Change the password")
def change_password(request: Request, access: SessionOnly, body: PasswordIn) -> Response:
    accounts.change_password(
        engine_of(request), access.actor, body.current, body.new, now(), access.session_token
    )
    return Response(status_code=204)


class DeleteIn(BaseModel):
    password: str


@router.post("/account/delete", status_code=204, summary="Delete the account and all its data")
def delete_account(request: Request, access: SessionOnly, body: DeleteIn) -> Response:
    accounts.delete_account(engine_of(request), access.actor, body.password)
    response = Response(status_code=204)
    clear_session_cookie(response)
    return response


def feed_url(request: Request, token: str) -> str:
    return str(request.url_for("calendar_feed", token=token))


@router.post("/account/feed", summary="A new private calendar feed URL (the old one stops)")
def new_feed(request: Request, access: SessionOnly) -> Mapping[str, Any]:
    token = accounts.new_feed_token(engine_of(request), access.actor)
    answer: UrlJson = {"url": feed_url(request, token)}
    return answer


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["my phone"])
    scope: Scope = Scope.READ


@router.get("/tokens", summary="Your API tokens (never their secrets) and when each was last used")
def list_tokens(request: Request, access: SessionOnly) -> list[Mapping[str, Any]]:
    return [token_json(t) for t in accounts.list_tokens(engine_of(request), access.actor)]


@router.post("/tokens", status_code=201, summary="A new API token, shown once")
def create_token(request: Request, access: SessionOnly, body: TokenIn) -> Mapping[str, Any]:
    token, info = accounts.create_token(
        engine_of(request), access.actor, body.name, body.scope, now()
    )
    return token_created_json(token, info)


@router.delete("/tokens/{token_id}", status_code=204, summary="Revoke an API token")
def revoke_token(request: Request, access: SessionOnly, token_id: int) -> Response:
    accounts.revoke_token(engine_of(request), access.actor, token_id, now())
    return Response(status_code=204)


class SignupsIn(BaseModel):
    open: bool


@router.put("/admin/signups", summary="Open or close sign-ups (admin)")
def set_signups(request: Request, access: SessionOnly, body: SignupsIn) -> Mapping[str, Any]:
    accounts.set_signups_open(engine_of(request), access.actor, body.open)
    answer: SignupsJson = {"open": body.open}
    return answer


class InviteIn(BaseModel):
    email: str | None = None


@router.post("/admin/invitations", status_code=201, summary="An invitation to sign up (admin)")
def invite(request: Request, access: SessionOnly, body: InviteIn) -> Mapping[str, Any]:
    code = accounts.invite(engine_of(request), access.actor, body.email, now())
    url = str(request.url_for("signup_page")) + f"?invitation={code}"
    answer: SignupInvitationJson = {"code": code, "url": url}
    return answer


@router.get(
    "/account/export",
    summary="All your data in one zip: log, files, plans, privacy, partners, groups, comments",
    **file_answer("application/zip", description="A zip: every table as JSON, every original file"),
)
def export(request: Request, access: Authorized) -> Response:
    from runcoach.services.account_export import export_account

    data = export_account(engine_of(request), athlete_id=access.actor.athlete_id)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="runcoach-export.zip"'},
    )
