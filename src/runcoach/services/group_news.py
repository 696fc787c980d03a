"""The news a group sends on its own (notification kind ``group``): a challenge starting,
told to every member on its first day, and its result, told the day after its last.
Store-wide, a job of every notification round (web/jobs.py); once per member and challenge
(a dedupe key), each on the member's own calendar (their time zone).

The news a runner's act makes (a member joined, removed, made admin) is told by that act
(``services.groups``); a comment or kudos on a run is told as ``comment`` or ``kudos``,
wherever it was given (the board, the run's page).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.accountability.groups import Measure
from runcoach.domain.units import UnitSystem, format_distance
from runcoach.services.groups import GROUP_NEWS, challenge_standings
from runcoach.services.notifications import notify_on
from runcoach.store import groups as store
from runcoach.store import notifications as notification_store
from runcoach.store.runs import athlete_timezone, local_date_of

RESULT_DAYS = 7  # a challenge's result is told up to a week after its last day, not later
ZONE_SLACK_DAYS = 1  # local days are at most a day from UTC's


def send_challenge_news(engine: Engine, settings: Settings, now: datetime | None = None) -> int:
    """Tell every member of a group a challenge that starts and one that has ended."""
    moment = now or datetime.now(UTC)
    first = moment.date() - timedelta(days=RESULT_DAYS + ZONE_SLACK_DAYS)
    with engine.connect() as conn:
        found = store.challenges_ending_since(conn, first)
    sent = 0
    for row in found:
        with engine.begin() as conn:
            sent += _tell_members(conn, row, moment, settings.units)
    return sent


def _tell_members(conn: Connection, row: Any, moment: datetime, units: UnitSystem) -> int:
    group = store.group(conn, row.group_id)
    members = [m.athlete_id for m in store.members(conn, row.group_id)]
    sent = 0
    for member in members:
        today = local_date_of(moment, athlete_timezone(conn, member))
        news = _news(conn, row, group.name, members, today, units)
        if news is None:
            continue
        key, subject, body = news
        if notification_store.has_key(conn, member, key):
            continue
        notify_on(conn, member, GROUP_NEWS, subject, body, f"/groups/{row.group_id}", key)
        sent += 1
    return sent


def _news(
    conn: Connection, row: Any, group: str, members: list[int], today: date, units: UnitSystem
) -> tuple[str, str, str] | None:
    """(dedupe key, subject, body) of what this challenge has to tell on ``today``, if any."""
    measure = Measure(row.measure)
    if row.starts_on <= today <= row.ends_on:
        target = "" if row.target is None else f", target {_value(measure, row.target, units)}"
        body = (f"{group}'s challenge {row.name} is on: {measure.value.replace('_', ' ')} "
                f"from {row.starts_on} to {row.ends_on}{target}. Only runs you share with "
                "the group count.")  # fmt: skip
        return f"challenge:{row.id}:start", f"{group}: {row.name} has started", body
    if row.ends_on < today <= row.ends_on + timedelta(days=RESULT_DAYS):
        standings = challenge_standings(row, members, conn, row.ends_on)["standings"]
        lines = [
            f"  {place}. {s['name']}: {_value(measure, s['value'], units)}"
            + (" (target reached)" if s["reached"] else "")
            for place, s in enumerate(standings, start=1)
        ]
        body = "\n".join([f"{group}'s challenge {row.name} ended on {row.ends_on}:", *lines])
        return f"challenge:{row.id}:end", f"{group}: {row.name} has ended", body
    return None


def _value(measure: Measure, value: float, units: UnitSystem) -> str:
    if measure is Measure.DISTANCE:
        return format_distance(value, units)
    return f"{value:g} " + ("run days" if measure is Measure.RUN_DAYS else "weeks")
