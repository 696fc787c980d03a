"""/api/v1/account, /tokens, /admin: the account, its settings, API tokens, the calendar feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.accounts import Scope
from runcoach.domain.units import UnitSystem
from runcoach.services import accounts
from runcoach.services.athletes import AthleteSettings, athlete_settings, change_settings
from runcoach.web.auth import Authorized, SessionOnly, engine_of, now
from runcoach.web.cookies import clear_session_cookie

router = APIRouter(tags=["account"])


def settings_json(access_email: str, is_admin: bool, s: AthleteSettings) -> dict[str, Any]:
    return {
        "email": access_email,
        "is_admin": is_admin,
        "name": s.name,
        "units": s.units.value,
        "timezone": s.timezone,
        "max_hr": s.max_hr,
        "resting_hr": s.resting_hr,
    }


@router.get("/account", summary="Your account and settings")
def get_account(request: Request, access: Authorized) -> dict[str, Any]:
    found = athlete_settings(engine_of(request), athlete_id=access.actor.athlete_id)
    # the athlete id: what partners and group mates know you by (/api/v1/athletes/ID/runs)
    return {**settings_json(access.actor.email, access.actor.is_admin, found),
            "athlete_id": access.actor.athlete_id}  # fmt: skip


class SettingsIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    units: UnitSystem = UnitSystem.METRIC
    timezone: str | None = Field(default=None, examples=["Europe/Ljubljana"])
    max_hr: float | None = None
    resting_hr: float | None = None


@router.put("/account/settings", summary="Units, time zone and heart-rate profile")
def put_settings(request: Request, access: Authorized, body: SettingsIn) -> dict[str, Any]:
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
def new_feed(request: Request, access: SessionOnly) -> dict[str, Any]:
    token = accounts.new_feed_token(engine_of(request), access.actor)
    return {"url": feed_url(request, token)}


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["my phone"])
    scope: Scope = Scope.READ


def token_json(t: accounts.TokenInfo) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "prefix": t.prefix,
        "scope": t.scope,
        "created_at": _iso(t.created_at),
        "last_used_at": _iso(t.last_used_at),
        "revoked": t.revoked,
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


@router.get("/tokens", summary="Your API tokens (never their secrets) and when each was last used")
def list_tokens(request: Request, access: SessionOnly) -> list[dict[str, Any]]:
    return [token_json(t) for t in accounts.list_tokens(engine_of(request), access.actor)]


@router.post("/tokens", status_code=201, summary="A new API token, shown once")
def create_token(request: Request, access: SessionOnly, body: TokenIn) -> dict[str, Any]:
    token, info = accounts.create_token(
        engine_of(request), access.actor, body.name, body.scope, now()
    )
    return {**token_json(info), "token": token}


@router.delete("/tokens/{token_id}", status_code=204, summary="Revoke an API token")
def revoke_token(request: Request, access: SessionOnly, token_id: int) -> Response:
    accounts.revoke_token(engine_of(request), access.actor, token_id, now())
    return Response(status_code=204)


class SignupsIn(BaseModel):
    open: bool


@router.put("/admin/signups", summary="Open or close sign-ups (admin)")
def set_signups(request: Request, access: SessionOnly, body: SignupsIn) -> dict[str, Any]:
    accounts.set_signups_open(engine_of(request), access.actor, body.open)
    return {"open": body.open}


class InviteIn(BaseModel):
    email: str | None = None


@router.post("/admin/invitations", status_code=201, summary="An invitation to sign up (admin)")
def invite(request: Request, access: SessionOnly, body: InviteIn) -> dict[str, Any]:
    code = accounts.invite(engine_of(request), access.actor, body.email, now())
    return {"code": code, "url": str(request.url_for("signup_page")) + f"?invitation={code}"}


@router.get(
    "/account/export",
    summary="All your data in one zip: log, files, plans, privacy, partners, groups, comments",
)
def export(request: Request, access: Authorized) -> Response:
    from runcoach.services.account_export import export_account

    data = export_account(engine_of(request), athlete_id=access.actor.athlete_id)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="runcoach-export.zip"'},
    )
