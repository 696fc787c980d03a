"""Partners: invite by link (and by a notification to an account's address), both accept,
either ends it; sessions of the plan a runner tends to skip, proposed to a partner with an
iCalendar invite, accepted, moved to another day or declined; a partner's week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypedDict

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.accountability.partners import (
    PartnershipStatus,
    SessionAnswer,
    SessionStatus,
    answer_allowed,
    check_kinds,
    parse_time,
    skipped_kinds,
)
from runcoach.domain.accountability.privacy import SharedPart
from runcoach.domain.accounts import normal_email
from runcoach.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runcoach.exporters.ical import session_invite
from runcoach.services import calendar as calendar_service
from runcoach.services.accounts import digest, new_secret
from runcoach.services.calendar import Calendar
from runcoach.services.checkins import local_today
from runcoach.services.notifications import Attachment, email_invitation, notify_on, signup_link
from runcoach.services.sharing import parts_on
from runcoach.store import partners as store
from runcoach.store import sharing as sharing_store
from runcoach.store.accounts import account_by_email
from runcoach.store.moments import aware

INVITATION_LIFETIME = timedelta(days=14)
LOOKBACK_DAYS = 42  # planned vs done read for skipped kinds: six weeks (the calendar's most)
SUGGESTION_DAYS = 14  # partner sessions proposed from the coming two weeks of the plan


@dataclass(frozen=True)
class PartnerInvitation:
    id: int
    code: str  # shown once: the link is /partners/join/CODE
    expires_at: datetime


@dataclass(frozen=True)
class Partner:
    partnership_id: int
    athlete_id: int | None  # None: an invitation nobody accepted yet
    name: str | None
    status: str
    since: datetime | None
    email: str | None  # the address an invitation went to (the inviter's own view)


@dataclass(frozen=True)
class PartnerSession:
    id: int
    runner_id: int
    runner: str
    partner_id: int
    partner: str
    day: date
    start_time: str | None
    workout_kind: str | None
    description: str
    status: str
    proposed_day: date | None
    proposed_time: str | None
    note: str | None


def _now() -> datetime:
    return datetime.now(UTC)


def invite_partner(
    engine: Engine, *, athlete_id: int, email: str | None = None
) -> PartnerInvitation:
    """A link that makes whoever opens it (logged in) this runner's partner once they accept;
    with an email of an account here, that runner is told in the app (and by email)."""
    address = normal_email(email) if email else None
    code, now = new_secret(), _now()
    with engine.begin() as conn:
        invitation_id = store.add_invitation(conn, {
            "inviter_id": athlete_id, "code_hash": digest(code), "email": address,
            "status": PartnershipStatus.INVITED.value, "created_at": now,
            "expires_at": now + INVITATION_LIFETIME})  # fmt: skip
        invitee = account_by_email(conn, address) if address else None
        who = sharing_store.athlete_name(conn, athlete_id)
        why = (f"{who} would like to train with you on runcoach: you would see each other's "
               "week and can invite each other to sessions.")  # fmt: skip
        if invitee is not None and invitee.athlete_id != athlete_id:
            notify_on(conn, invitee.athlete_id, "partner_invitation",
                      f"{who} invites you to be training partners", why,
                      f"/partners/join/{code}")  # fmt: skip
        elif invitee is None and address is not None:
            email_invitation(conn, address, f"{who} invites you to be training partners",
                             f"{why}\n\nMake your account with this address, then accept:",
                             signup_link(code, f"/partners/join/{code}"))  # fmt: skip
    return PartnerInvitation(invitation_id, code, now + INVITATION_LIFETIME)


def invitation_from(engine: Engine, code: str, *, athlete_id: int) -> Partner:
    """Who invites (the page before accepting): NotFound for a used, expired or made-up code."""
    with engine.connect() as conn:
        row = _open_invitation(conn, code, athlete_id)
        name = sharing_store.athlete_name(conn, row.inviter_id)
    return Partner(row.id, row.inviter_id, name, row.status, None, None)


def _open_invitation(conn: Connection, code: str, athlete_id: int) -> Any:
    row = store.by_code(conn, digest(code))
    if (
        row is None
        or row.status != PartnershipStatus.INVITED.value
        or (aware(row.expires_at) or _now()) <= _now()
    ):
        raise NotFound("this partner invitation is not valid (used, withdrawn or expired)",
                       hint="ask for a new link")  # fmt: skip
    if row.inviter_id == athlete_id:
        raise InvalidInput("this is your own invitation: send the link to your partner")
    return row


def accept_partner(engine: Engine, code: str, *, athlete_id: int) -> int:
    """Accept an invitation: the two are partners (the inviter accepted by inviting)."""
    with engine.begin() as conn:
        row = _open_invitation(conn, code, athlete_id)
        if store.active_between(conn, row.inviter_id, athlete_id) is not None:
            raise Conflict("you are partners already")
        store.update_partnership(conn, row.id, {
            "invitee_id": athlete_id, "status": PartnershipStatus.ACTIVE.value,
            "accepted_at": _now(), "code_hash": None})  # fmt: skip
        who = sharing_store.athlete_name(conn, athlete_id)
        notify_on(
            conn,
            row.inviter_id,
            "partner_update",
            f"{who} is now your partner",
            f"{who} accepted your invitation: you are training partners.",
            "/partners",
        )
    return int(row.id)


def end_partnership(engine: Engine, partnership_id: int, *, athlete_id: int) -> None:
    """Either partner ends it (or the inviter withdraws an invitation); open sessions go."""
    with engine.begin() as conn:
        row = store.partnership(conn, partnership_id, athlete_id)
        if row.status not in (PartnershipStatus.ACTIVE.value, PartnershipStatus.INVITED.value):
            raise Conflict("this partnership has ended already")
        now = _now()
        store.update_partnership(conn, row.id, {
            "status": PartnershipStatus.ENDED.value, "ended_at": now, "ended_by": athlete_id,
            "code_hash": None})  # fmt: skip
        store.end_sessions(conn, row.id, now)
        other = row.invitee_id if row.inviter_id == athlete_id else row.inviter_id
        if other is not None and row.status == PartnershipStatus.ACTIVE.value:
            who = sharing_store.athlete_name(conn, athlete_id)
            notify_on(conn, other, "partner_update", f"{who} ended your partnership",
                      f"{who} ended your training partnership.", "/partners")  # fmt: skip


def list_partners(engine: Engine, *, athlete_id: int) -> list[Partner]:
    with engine.connect() as conn:
        rows = store.partnerships_of(conn, athlete_id)
        others = {_other(r, athlete_id) for r in rows} - {None}
        names = store.names(conn, {o for o in others if o is not None})
    return [
        Partner(r.id, _other(r, athlete_id), names.get(_other(r, athlete_id) or 0), r.status,
                aware(r.accepted_at), r.email if r.inviter_id == athlete_id else None)
        for r in rows
    ]  # fmt: skip


def _other(row: Any, athlete_id: int) -> int | None:
    other = row.invitee_id if row.inviter_id == athlete_id else row.inviter_id
    return None if other is None else int(other)


def _require_partner(conn: Connection, athlete_id: int, partner_id: int) -> Any:
    found = store.active_between(conn, athlete_id, partner_id)
    if found is None:
        raise NotFound(f"runner {partner_id} is not your partner")
    return found


# --- the kinds a runner skips, and sessions to do together -----------------------------------


def skipped(engine: Engine, settings: Settings, *, athlete_id: int) -> dict[str, list[str]]:
    """The kinds the runner marked as skipped, and those runcoach found in planned vs done."""
    today = calendar_service.today_of(engine, athlete_id=athlete_id)
    days = calendar_service.calendar(
        engine, settings, today - timedelta(days=LOOKBACK_DAYS - 1), today, athlete_id=athlete_id
    )["days"]
    sessions = [(s.get("kind", ""), s["status"]) for d in days for s in d["sessions"]]
    with engine.connect() as conn:
        row = sharing_store.settings_row(conn, athlete_id)
    marked = list(row.skipped_types or []) if row is not None else []
    return {"marked": marked, "found": skipped_kinds(sessions)}


def mark_skipped(engine: Engine, kinds: list[str], *, athlete_id: int) -> list[str]:
    chosen = check_kinds(kinds)
    with engine.begin() as conn:
        sharing_store.save_settings(conn, athlete_id, {"skipped_types": chosen})
    return chosen


class SuggestedSession(TypedDict):
    """A coming session of a kind the runner skips: one to do with a partner."""

    day: str  # ISO 8601
    kind: str
    title: str


def suggested_sessions(
    engine: Engine, settings: Settings, *, athlete_id: int
) -> list[SuggestedSession]:
    """The coming two weeks' sessions of a kind the runner skips: to do with a partner."""
    kinds = skipped(engine, settings, athlete_id=athlete_id)
    wanted = set(kinds["marked"]) | set(kinds["found"])
    today = calendar_service.today_of(engine, athlete_id=athlete_id)
    days = calendar_service.calendar(
        engine, settings, today, today + timedelta(days=SUGGESTION_DAYS - 1), athlete_id=athlete_id
    )["days"]
    return [
        {"day": d["date"], "kind": s["kind"], "title": s["title"]}
        for d in days for s in d["sessions"]
        if s["kind"] in wanted and s["status"] == "coming"
    ]  # fmt: skip


def invite_to_session(
    engine: Engine,
    partner_id: int,
    day: date,
    *,
    athlete_id: int,
    start_time: str | None = None,
    workout_kind: str | None = None,
    description: str = "",
) -> int:
    """Invite a partner to a session of this runner's plan on ``day`` (at ``start_time``):
    in the app, by email with an iCalendar invite."""
    when = parse_time(start_time)
    if workout_kind is not None:
        check_kinds([workout_kind])
    text = description.strip() or (workout_kind or "a run").capitalize() + " together"
    with engine.begin() as conn:
        if day < local_today(conn, athlete_id):
            raise InvalidInput(f"{day} is in the past: invite for a coming day")
        partnership = _require_partner(conn, athlete_id, partner_id)
        session_id = store.add_session(conn, {
            "partnership_id": partnership.id, "runner_id": athlete_id, "partner_id": partner_id,
            "day": day, "start_time": when, "workout_kind": workout_kind, "description": text,
            "status": SessionStatus.INVITED.value, "created_at": _now()})  # fmt: skip
        _tell(conn, store.session(conn, session_id, athlete_id), to_partner=True,
              subject="{runner} invites you to run together on {day}")  # fmt: skip
    return session_id


def answer_session(
    engine: Engine,
    session_id: int,
    answer: SessionAnswer,
    *,
    athlete_id: int,
    day: date | None = None,
    start_time: str | None = None,
    note: str | None = None,
) -> PartnerSession:
    """The partner accepts, declines or proposes another day; the runner accepts or declines
    the partner's proposal (then the session moves to that day)."""
    with engine.begin() as conn:
        row = store.session(conn, session_id, athlete_id)
        _require_partner(conn, row.runner_id, row.partner_id)
        by_partner = row.partner_id == athlete_id
        answer_allowed(SessionStatus(row.status), by_partner, answer)
        values = _answer_values(row, answer, by_partner, day, parse_time(start_time), note)
        store.update_session(conn, session_id, values)
        updated = store.session(conn, session_id, athlete_id)
        _tell(conn, updated, to_partner=not by_partner, subject=_SUBJECTS[answer])
        return _session(conn, updated)


_SUBJECTS = {
    SessionAnswer.ACCEPT: "Run together on {day}: accepted",
    SessionAnswer.DECLINE: "Run together on {day}: declined",
    SessionAnswer.PROPOSE: "{partner} proposes another day: {proposed}",
}


def _answer_values(
    row: Any, answer: SessionAnswer, by_partner: bool, day: date | None, when: str | None,
    note: str | None,
) -> dict[str, Any]:  # fmt: skip
    values: dict[str, Any] = {"answered_at": _now(), "note": note, "sequence": row.sequence + 1}
    if answer is SessionAnswer.DECLINE:
        return values | {"status": SessionStatus.DECLINED.value}
    if answer is SessionAnswer.PROPOSE:
        if day is None:
            raise InvalidInput("propose which day?", hint="give the day, and a time if you like")
        return values | {"status": SessionStatus.PROPOSED.value, "proposed_day": day,
                         "proposed_time": when or row.start_time}  # fmt: skip
    if not by_partner:  # the runner takes the partner's day
        return values | {"status": SessionStatus.ACCEPTED.value, "day": row.proposed_day,
                         "start_time": row.proposed_time, "proposed_day": None,
                         "proposed_time": None}  # fmt: skip
    return values | {"status": SessionStatus.ACCEPTED.value}


def _tell(conn: Connection, row: Any, *, to_partner: bool, subject: str) -> None:
    session = _session(conn, row)
    fields = {"runner": session.runner, "partner": session.partner, "day": session.day,
              "proposed": session.proposed_day}  # fmt: skip
    body = f"{session.description} on {session.day}"
    body += f" at {session.start_time}." if session.start_time else "."
    if session.note:
        body += f"\n\n{session.note}"
    invite = session_invite(_invite_fields(session), cancelled=session.status == "declined")
    method = "CANCEL" if session.status == "declined" else "REQUEST"
    attachment = Attachment("invite.ics", f"text/calendar; method={method}", invite)
    told = row.partner_id if to_partner else row.runner_id
    notify_on(conn, told, "partner_session", subject.format(**fields), body,
              "/partners#sessions", attachment=attachment)  # fmt: skip


def _invite_fields(session: PartnerSession) -> dict[str, Any]:
    return {
        "uid": f"partner-session-{session.id}@runcoach", "day": session.day,
        "start_time": session.start_time, "summary": f"Run with {session.runner} and "
        f"{session.partner}: {session.description}", "description": session.description,
        "sequence": 0, "status": session.status,
    }  # fmt: skip


def session_ics(engine: Engine, session_id: int, *, athlete_id: int) -> str:
    with engine.connect() as conn:
        row = store.session(conn, session_id, athlete_id)
        _require_partner(conn, row.runner_id, row.partner_id)  # an ex-partner sees nothing
        session = _session(conn, row)
    return session_invite(_invite_fields(session), cancelled=session.status == "declined")


def list_sessions(
    engine: Engine, *, athlete_id: int, since: date | None = None
) -> list[PartnerSession]:
    with engine.connect() as conn:
        first = since or local_today(conn, athlete_id) - timedelta(days=7)
        rows = store.sessions_of(conn, athlete_id, first)
        return [
            _session(conn, r)
            for r in rows
            if store.active_between(conn, r.runner_id, r.partner_id) is not None
        ]


def _session(conn: Connection, row: Any) -> PartnerSession:
    names = store.names(conn, {row.runner_id, row.partner_id})
    return PartnerSession(
        row.id, row.runner_id, names.get(row.runner_id, ""), row.partner_id,
        names.get(row.partner_id, ""), row.day, row.start_time, row.workout_kind,
        row.description, row.status, row.proposed_day, row.proposed_time, row.note,
    )  # fmt: skip


# --- a partner's week --------------------------------------------------------------------------


class PartnerWeek(Calendar):
    """A partner's week as the reader may see it: ``services.calendar``'s days without the
    sessions' notes, and only the runs the reader may see."""

    athlete_id: int  # the partner's
    name: str


def partner_week(
    engine: Engine, settings: Settings, partner_id: int, first: date | None = None, *,
    athlete_id: int,
) -> PartnerWeek:  # fmt: skip
    """A partner's week (Monday to Sunday) as ``athlete_id`` may see it: planned vs done when
    the partner shares their runs with partners, and only the runs they may see."""
    with engine.connect() as conn:
        _require_partner(conn, athlete_id, partner_id)
        parts = parts_on(conn, viewer_athlete_id=athlete_id, athlete_id=partner_id)
        name = sharing_store.athlete_name(conn, partner_id)
        today = local_today(conn, partner_id)
    if SharedPart.SUMMARY not in parts:
        raise PermissionDenied(f"{name} does not share their runs with partners (yet)")
    start = first or today
    start -= timedelta(days=start.weekday())
    week = calendar_service.calendar(
        engine, settings, start, start + timedelta(days=6), athlete_id=partner_id
    )
    with engine.connect() as conn:
        for day in week["days"]:
            day["runs"] = [r for r in day["runs"] if _sees(conn, athlete_id, partner_id, r["id"])]
            for session in day["sessions"]:
                session.pop("notes", None)
    return {"athlete_id": partner_id, "name": name, **week}


def _sees(conn: Connection, viewer: int, owner: int, run_id: int) -> bool:
    parts = parts_on(conn, viewer_athlete_id=viewer, athlete_id=owner, run_id=run_id)
    return SharedPart.SUMMARY in parts
