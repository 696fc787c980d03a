"""Pages: partners (invite by link, accept, end; the kinds you skip and the sessions to run
together; invitations to answer) and a partner's week."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accountability.partners import PARTNER_KINDS, SessionAnswer
from runcoach.services import partners
from runcoach.services.shared_feed import shared_with_me
from runcoach.web.auth import athlete_settings_of, engine_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()


def _back(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


def _page(request: Request, access: Page, **shown: Any) -> Response:
    engine, athlete = engine_of(request), access.actor.athlete_id
    settings = athlete_settings_of(request, access)
    return render(
        request, "pages/partners.html", nav="partners",
        partners=partners.list_partners(engine, athlete_id=athlete),
        sessions=partners.list_sessions(engine, athlete_id=athlete),
        skipped=partners.skipped(engine, settings, athlete_id=athlete),
        suggestions=partners.suggested_sessions(engine, settings, athlete_id=athlete),
        kinds=PARTNER_KINDS, me=athlete, base=str(request.base_url).rstrip("/"), **shown,
    )  # fmt: skip


@router.get("/partners", response_class=HTMLResponse)
def partners_page(request: Request, access: Page) -> Response:
    return _page(request, access)


@router.post("/partners/invitations", response_class=HTMLResponse)
def invite(request: Request, access: Page, email: Annotated[str, Form()] = "") -> Response:
    found = partners.invite_partner(engine_of(request), athlete_id=access.actor.athlete_id,
                                    email=email.strip() or None)  # fmt: skip
    return _page(request, access, new_link=f"/partners/join/{found.code}")


@router.get("/partners/join/{code}", response_class=HTMLResponse)
def join_page(request: Request, access: Page, code: str) -> Response:
    found = partners.invitation_from(engine_of(request), code, athlete_id=access.actor.athlete_id)
    return render(request, "pages/partner_join.html", nav="partners", inviter=found, code=code)


@router.post("/partners/join/{code}")
def join(request: Request, access: Page, code: str) -> Response:
    partners.accept_partner(engine_of(request), code, athlete_id=access.actor.athlete_id)
    return _back("/partners")


@router.post("/partners/{partnership_id}/end")
def end(request: Request, access: Page, partnership_id: int) -> Response:
    partners.end_partnership(engine_of(request), partnership_id, athlete_id=access.actor.athlete_id)
    return _back("/partners")


@router.post("/partners/skipped")
async def mark_skipped(request: Request, access: Page) -> Response:
    form = await request.form()
    kinds = [str(k) for k in form.getlist("kinds")]
    partners.mark_skipped(engine_of(request), kinds, athlete_id=access.actor.athlete_id)
    return _back("/partners#skipped")


@router.post("/partners/sessions")
def invite_session(
    request: Request, access: Page, partner_id: Annotated[int, Form()],
    day: Annotated[date, Form()], start_time: Annotated[str, Form()] = "",
    workout_kind: Annotated[str, Form()] = "", description: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    partners.invite_to_session(
        engine_of(request), partner_id, day, athlete_id=access.actor.athlete_id,
        start_time=start_time or None, workout_kind=workout_kind or None, description=description,
    )  # fmt: skip
    return _back("/partners#sessions")


@router.post("/partners/sessions/{session_id}/answer")
def answer(
    request: Request, access: Page, session_id: int, answer: Annotated[str, Form()],
    day: Annotated[str, Form()] = "", start_time: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    partners.answer_session(
        engine_of(request), session_id, SessionAnswer(answer), athlete_id=access.actor.athlete_id,
        day=date.fromisoformat(day) if day else None, start_time=start_time or None,
        note=note or None,
    )  # fmt: skip
    return _back("/partners#sessions")


@router.get("/partners/{partner_id}/week", response_class=HTMLResponse)
def week(request: Request, access: Page, partner_id: int, start: date | None = None) -> Response:
    settings = athlete_settings_of(request, access)
    found = partners.partner_week(engine_of(request), settings, partner_id, start,
                                  athlete_id=access.actor.athlete_id)  # fmt: skip
    return render(request, "pages/partner_week.html", nav="partners", week=found)


@router.get("/shared", response_class=HTMLResponse)
def shared(request: Request, access: Page, before: str | None = None) -> Response:
    """The runs your partners and groups share with you, newest first, a page at a time."""
    found = shared_with_me(engine_of(request), athlete_id=access.actor.athlete_id, cursor=before)
    return render(request, "pages/shared.html", nav="shared", page=found, before=before,
                  me=access.actor.athlete_id)  # fmt: skip
