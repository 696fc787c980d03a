"""The jobs that notify on their own: each partner's weekly digest of a runner's week, and
the reminder of today's session at the time the runner chose. Store-wide (a job on the
queue, web/jobs.py, every minute); each is sent once (a dedupe key per week or per day).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from runcoach.config import Settings
from runcoach.domain.accountability.privacy import SharedPart
from runcoach.domain.units import format_distance
from runcoach.services import calendar as calendar_service
from runcoach.services.notifications import already_told, notify
from runcoach.services.reports import recent_wins
from runcoach.services.sharing import visible_parts
from runcoach.store import sharing as sharing_store
from runcoach.store.tables import athletes, partnerships, sharing_settings

log = logging.getLogger("runcoach.jobs")
QUALITY = frozenset({"intervals", "tempo", "long", "hills", "progression", "race"})


def send_weekly_digests(engine: Engine, settings: Settings, now: datetime | None = None) -> int:
    """To each partner of each runner who shares their runs with partners: last week,
    planned vs done, the wins and the coming key session. Once per runner, partner and week."""
    moment = now or datetime.now(UTC)
    with engine.connect() as conn:
        pairs = [(r.inviter_id, r.invitee_id) for r in conn.execute(
            select(partnerships).where(partnerships.c.status == "active"))]  # fmt: skip
    sent = 0
    for one, other in pairs:
        for runner, partner in ((one, other), (other, one)):
            sent += _digest(engine, settings, runner, partner, moment)
    return sent


def _digest(engine: Engine, settings: Settings, runner: int, partner: int, now: datetime) -> int:
    parts = visible_parts(engine, viewer_athlete_id=partner, athlete_id=runner)
    if SharedPart.SUMMARY not in parts:
        return 0
    today = calendar_service.today_of(engine, athlete_id=runner)
    monday = today - timedelta(days=today.weekday() + 7)
    year, number, _ = monday.isocalendar()
    key = f"digest:{runner}:{year}-W{number:02d}"
    if already_told(engine, athlete_id=partner, dedupe_key=key):
        return 0
    week = calendar_service.calendar(engine, settings, monday, monday + timedelta(days=6),
                                     athlete_id=runner)["days"]  # fmt: skip
    coming = calendar_service.calendar(engine, settings, today, today + timedelta(days=7),
                                       athlete_id=runner)["days"]  # fmt: skip
    wins = recent_wins(engine, settings, monday, now, athlete_id=runner)
    with engine.connect() as conn:
        name = sharing_store.athlete_name(conn, runner)
    notify(engine, athlete_id=partner, kind="weekly_digest",
           subject=f"{name}'s week {number}: {_tally(week)}",
           body=_digest_body(name, week, coming, wins, settings),
           link=f"/partners/{runner}/week?start={monday.isoformat()}",
           dedupe_key=key)  # fmt: skip
    return 1


def _tally(days: list[calendar_service.CalendarDay]) -> str:
    sessions = [s for d in days for s in d["sessions"] if s.get("is_run")]
    done = sum(1 for s in sessions if s["status"] in ("done", "short", "different"))
    runs = sum(len(d["runs"]) for d in days)
    return (
        f"{done} of {len(sessions)} planned sessions, {runs} runs" if sessions else f"{runs} runs"
    )


def _digest_body(
    name: str, week: list[calendar_service.CalendarDay],
    coming: list[calendar_service.CalendarDay], wins: list[Any],
    settings: Settings,
) -> str:  # fmt: skip
    lines = [f"{name}'s week, planned vs done:"]
    for day in week:
        planned = ", ".join(f"{s['title']} ({s['status']})" for s in day["sessions"]) or "rest"
        done = ", ".join(format_distance(r["distance_m"] or 0, settings.units) for r in day["runs"])
        lines.append(f"  {day['date']}: {planned}" + (f"; ran {done}" if done else ""))
    if wins:
        lines += ["", "Small wins:"] + [f"  {w.title}" for w in wins[:5]]
    key = next((s for d in coming for s in d["sessions"] if s.get("kind") in QUALITY), None)
    if key is not None:
        when = next(d["date"] for d in coming if key in d["sessions"])
        lines += ["", f"Coming key session: {key['title']} on {when}. A word before it helps."]
    return "\n".join(lines)


def send_session_reminders(engine: Engine, settings: Settings, now: datetime | None = None) -> int:
    """Today's session to each runner whose reminder time has come (once a day)."""
    moment = now or datetime.now(UTC)
    with engine.connect() as conn:
        rows = list(conn.execute(
            select(sharing_settings.c.athlete_id, sharing_settings.c.reminder_time,
                   athletes.c.timezone)
            .join(athletes, athletes.c.id == sharing_settings.c.athlete_id)
            .where(sharing_settings.c.reminder_time.is_not(None))))  # fmt: skip
    sent = 0
    for athlete_id, at, zone in rows:
        local = moment.astimezone(_zone(zone))
        if local.time() < time.fromisoformat(at):
            continue
        sent += _remind(engine, settings, athlete_id, local.date())
    return sent


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def _remind(engine: Engine, settings: Settings, athlete_id: int, day: date) -> int:
    key = f"reminder:{day.isoformat()}"
    if already_told(engine, athlete_id=athlete_id, dedupe_key=key):
        return 0
    days = calendar_service.calendar(engine, settings, day, day, athlete_id=athlete_id)["days"]
    sessions = [s for s in days[0]["sessions"] if s.get("is_run")] if days else []
    if not sessions:
        return 0
    titles = " and ".join(s["title"] for s in sessions)
    body = f"Today's session: {titles}. Tired? Today's page has the mini version."
    notify(engine, athlete_id=athlete_id, kind="session_reminder", subject=f"Today: {titles}",
           body=body, link="/", dedupe_key=key)  # fmt: skip
    return 1
