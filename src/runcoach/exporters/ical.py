"""A plan as an iCalendar file (with the icalendar library): one all-day event per workout,
its description the full workout with steps, paces, the mini version and the tip."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from runcoach.domain.plans.describe import describe
from runcoach.domain.plans.model import Plan
from runcoach.domain.units import UnitSystem

PRODUCT_ID = "-//runcoach//training plan//EN"


def plan_to_ical(plan: Plan, units: UnitSystem = UnitSystem.METRIC, uid_prefix: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", plan.summary())
    stamp = datetime.combine(plan.created, datetime.min.time(), UTC)
    digest = hashlib.sha1(f"{plan.start}{plan.summary()}".encode()).hexdigest()[:10]
    prefix = uid_prefix or f"{plan.start.isoformat()}-{digest}"
    for day in plan.days():
        for k, workout in enumerate(day.workouts):
            event = Event()
            event.add("uid", f"{prefix}-{day.day.isoformat()}-{k}@runcoach")
            event.add("dtstamp", stamp)
            event.add("dtstart", day.day)
            event.add("dtend", day.day + timedelta(days=1))
            event.add("summary", workout.title)
            event.add("description", describe(workout, units))
            event.add("categories", [workout.kind.value])
            calendar.add_component(event)
    return bytes(calendar.to_ical())


SESSION_MINUTES = 60  # a partner session's length in a calendar when only its start is known
INVITE_PRODUCT_ID = "-//runcoach//partner session//EN"


def session_invite(fields: dict[str, object], *, cancelled: bool = False) -> str:
    """A partner session as an iCalendar invitation (RFC 5546 METHOD:REQUEST, or CANCEL):
    a timed event when the start is known (floating local time: both partners' own clock),
    an all-day event otherwise. ``fields``: uid, day, start_time ("HH:MM" or None), summary,
    description, sequence, status."""
    calendar = Calendar()
    calendar.add("prodid", INVITE_PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", str(fields["uid"]))
    event.add("dtstamp", datetime.now(UTC))
    day = fields["day"]
    assert isinstance(day, date)
    start = fields.get("start_time")
    if isinstance(start, str):
        begins = datetime.combine(day, time.fromisoformat(start))
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=SESSION_MINUTES))
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    event.add("summary", str(fields["summary"]))
    event.add("description", str(fields["description"]))
    event.add("sequence", int(str(fields.get("sequence") or 0)))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return bytes(calendar.to_ical()).decode()
