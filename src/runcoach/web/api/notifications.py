"""/api/v1/notifications: the bell, marking read, and which kinds come in the app or by email."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from runcoach.services import notifications as service
from runcoach.views.accountability import (
    MarkedReadJson,
    ReminderJson,
    notification_settings_json,
    notifications_json,
    switch_json,
)
from runcoach.web.auth import Authorized, engine_of

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", summary="Your notifications, newest first, and how many are unread")
def list_notifications(
    request: Request, access: Authorized, unread: bool = False
) -> Mapping[str, Any]:
    engine, athlete_id = engine_of(request), access.actor.athlete_id
    found = service.list_notifications(engine, athlete_id=athlete_id, unread_only=unread)
    return notifications_json(found, service.unread_count(engine, athlete_id=athlete_id))


class ReadIn(BaseModel):
    ids: list[int] | None = Field(default=None, description="null: every notification")


@router.post("/read", summary="Mark notifications read")
def mark_read(request: Request, access: Authorized, body: ReadIn) -> Mapping[str, Any]:
    count = service.mark_read(
        engine_of(request), athlete_id=access.actor.athlete_id, notification_ids=body.ids
    )
    answer: MarkedReadJson = {"marked": count}
    return answer


@router.get("/settings", summary="Each kind of notification: on or off, in the app and by email")
def get_settings(request: Request, access: Authorized) -> Mapping[str, Any]:
    engine, athlete_id = engine_of(request), access.actor.athlete_id
    return notification_settings_json(
        service.switches(engine, athlete_id=athlete_id),
        service.reminder_time(engine, athlete_id=athlete_id),
    )


class SwitchIn(BaseModel):
    in_app: bool | None = None
    email: bool | None = None


@router.put("/settings/{kind}", summary="Switch a kind of notification on or off")
def put_setting(request: Request, access: Authorized, kind: str, body: SwitchIn) -> dict[str, Any]:
    found = service.switch(
        engine_of(request), athlete_id=access.actor.athlete_id, kind=kind, in_app=body.in_app,
        email=body.email,
    )  # fmt: skip
    return switch_json(found)


class ReminderIn(BaseModel):
    time: str | None = Field(default=None, examples=["06:30"], description="null: no reminder")


@router.put("/reminder", summary="The time of day of today's session reminder (or none)")
def put_reminder(request: Request, access: Authorized, body: ReminderIn) -> Mapping[str, Any]:
    found = service.set_reminder_time(
        engine_of(request), body.time, athlete_id=access.actor.athlete_id
    )
    answer: ReminderJson = {"reminder_time": found}
    return answer
