"""A plan as an iCalendar file (with the icalendar library): one all-day event per workout,
its description the full workout with steps, paces, the mini version and the tip."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

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
