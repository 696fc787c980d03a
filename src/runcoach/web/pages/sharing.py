"""Pages: privacy (audiences per part, privacy zones on a map), another runner's run as
shared (with comments and kudos), notifications with their switches, and the unsubscribe
link of an email (no login: its token is signed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accountability import Audience, PrivacyZone, SharedPart
from runcoach.domain.accountability.zones import DEFAULT_ZONE_RADIUS_M
from runcoach.services import comments, notifications, sharing
from runcoach.services.zone_map import zone_map
from runcoach.views.accountability import privacy_json, shared_run_json
from runcoach.web.auth import engine_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()
AUDIENCES = [a.value for a in Audience]
PARTS = {SharedPart.SUMMARY: "The run (date, distance, time, pace, name)",
         SharedPart.MAP: "Its map (trimmed, without your privacy zones)",
         SharedPart.HEART_RATE: "Its heart rate"}  # fmt: skip


def _back(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


@router.get("/privacy", response_class=HTMLResponse)
def privacy_page(request: Request, access: Page) -> Response:
    engine, athlete = engine_of(request), access.actor.athlete_id
    found = sharing.privacy_settings(engine, athlete_id=athlete)
    drawn = zone_map(engine, athlete_id=athlete)  # the runner's own tracks: for them alone
    return render(request, "pages/privacy.html", nav="settings", privacy=privacy_json(found),
                  parts=PARTS, audiences=AUDIENCES, radius=DEFAULT_ZONE_RADIUS_M,
                  tile_url=request.app.state.tile_url, tracks=drawn.tracks,
                  places=[c.__dict__ for c in drawn.places])  # fmt: skip


@router.post("/privacy")
def save_privacy(
    request: Request, access: Page, summary: Annotated[str, Form()], map: Annotated[str, Form()],
    heart_rate: Annotated[str, Form()], trim_m: Annotated[float, Form()],
) -> Response:  # fmt: skip
    defaults = {SharedPart.SUMMARY: Audience.parse(summary), SharedPart.MAP: Audience.parse(map),
                SharedPart.HEART_RATE: Audience.parse(heart_rate)}  # fmt: skip
    sharing.set_privacy_defaults(engine_of(request), athlete_id=access.actor.athlete_id,
                                 defaults=defaults, trim_m=trim_m)  # fmt: skip
    return _back("/privacy")


@router.post("/privacy/zones")
def add_zone(
    request: Request, access: Page, name: Annotated[str, Form()],
    latitude: Annotated[float, Form()], longitude: Annotated[float, Form()],
    radius_m: Annotated[float, Form()] = DEFAULT_ZONE_RADIUS_M,
) -> Response:  # fmt: skip
    zone = PrivacyZone(name, latitude, longitude, radius_m)
    sharing.add_privacy_zone(engine_of(request), zone, athlete_id=access.actor.athlete_id)
    return _back("/privacy#zones")


@router.post("/privacy/zones/{zone_id}/delete")
def delete_zone(request: Request, access: Page, zone_id: int) -> Response:
    sharing.delete_privacy_zone(engine_of(request), zone_id, athlete_id=access.actor.athlete_id)
    return _back("/privacy#zones")


@router.post("/runs/{run_id}/sharing")
def run_sharing(
    request: Request, access: Page, run_id: int, summary: Annotated[str, Form()] = "",
    map: Annotated[str, Form()] = "", heart_rate: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    given = {SharedPart.SUMMARY: summary, SharedPart.MAP: map, SharedPart.HEART_RATE: heart_rate}
    chosen = {part: (Audience.parse(v) if v else None) for part, v in given.items()}
    sharing.set_run_sharing(engine_of(request), run_id, chosen, athlete_id=access.actor.athlete_id)
    return _back(f"/runs/{run_id}#sharing")


@router.get("/athletes/{athlete_id}/runs/{run_id}", response_class=HTMLResponse)
def shared_run_page(request: Request, access: Page, athlete_id: int, run_id: int) -> Response:
    engine, viewer = engine_of(request), access.actor.athlete_id
    if athlete_id == viewer:
        return _back(f"/runs/{run_id}")
    found = sharing.shared_run(engine, viewer_athlete_id=viewer, athlete_id=athlete_id,
                               run_id=run_id)  # fmt: skip
    social = comments.run_social(engine, run_id, athlete_id=viewer)
    return render(request, "pages/shared_run.html", nav="partners", run=shared_run_json(found),
                  social=social, tile_url=request.app.state.tile_url)  # fmt: skip


def _run_path(request: Request, run_id: int, viewer: int) -> str:
    owner = sharing.owner_of_run(engine_of(request), run_id, athlete_id=viewer)
    return f"/runs/{run_id}" if owner == viewer else f"/athletes/{owner}/runs/{run_id}"


@router.post("/runs/{run_id}/comments")
def comment(request: Request, access: Page, run_id: int, body: Annotated[str, Form()]) -> Response:
    comments.add_comment(engine_of(request), run_id, body, athlete_id=access.actor.athlete_id)
    return _back(_run_path(request, run_id, access.actor.athlete_id) + "#comments")


@router.post("/runs/{run_id}/kudos")
def kudos(
    request: Request, access: Page, run_id: int, back: Annotated[str, Form()] = ""
) -> Response:
    viewer = access.actor.athlete_id
    comments.give_kudos(engine_of(request), run_id, athlete_id=viewer)
    target = back if back.startswith("/") and not back.startswith("//") else None
    return _back(target or _run_path(request, run_id, viewer) + "#comments")


@router.post("/comments/{comment_id}/hide")
def hide(
    request: Request, access: Page, comment_id: int, hidden: Annotated[str, Form()] = "yes",
    back: Annotated[str, Form()] = "/",
) -> Response:  # fmt: skip
    comments.hide_comment(engine_of(request), comment_id, athlete_id=access.actor.athlete_id,
                          hidden=hidden == "yes")  # fmt: skip
    return _back(back if back.startswith("/") and not back.startswith("//") else "/")


# --- notifications -----------------------------------------------------------------------------


@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(request: Request, access: Page) -> Response:
    engine, athlete = engine_of(request), access.actor.athlete_id
    return render(
        request, "pages/notifications.html", nav="notifications",
        found=notifications.list_notifications(engine, athlete_id=athlete, limit=100),
        switches=notifications.switches(engine, athlete_id=athlete),
        reminder=notifications.reminder_time(engine, athlete_id=athlete),
    )  # fmt: skip


@router.post("/notifications/read")
def read_all(request: Request, access: Page) -> Response:
    notifications.mark_read(engine_of(request), athlete_id=access.actor.athlete_id)
    return _back("/notifications")


@router.post("/notifications/settings")
async def save_switches(request: Request, access: Page) -> Response:
    form = await request.form()
    engine, athlete = engine_of(request), access.actor.athlete_id
    kinds = [s.kind for s in notifications.switches(engine, athlete_id=athlete)]
    for kind in kinds:
        notifications.switch(engine, athlete_id=athlete, kind=kind,
                             in_app=form.get(f"app_{kind}") == "on",
                             email=form.get(f"email_{kind}") == "on")  # fmt: skip
    reminder = form.get("reminder_time")
    notifications.set_reminder_time(engine, reminder if isinstance(reminder, str) else None,
                                    athlete_id=athlete)  # fmt: skip
    return _back("/notifications#settings")


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(request: Request, token: str) -> Response:
    found = notifications.unsubscribe_kind(engine_of(request), token)
    return render(request, "pages/unsubscribe.html", token=token, kind=found, done=False)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(request: Request, token: str) -> Response:
    """RFC 8058 one-click: a mail client POSTs here without a session or a CSRF token; the
    signed token is the credential, and all it can do is switch one kind of email off."""
    found = notifications.unsubscribe(engine_of(request), token)
    return render(request, "pages/unsubscribe.html", token=token, kind=found, done=True)
