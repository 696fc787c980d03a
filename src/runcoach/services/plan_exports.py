"""The active plan as files for a door to send: iCalendar (file and the private feed), JSON,
and a zip of FIT workout files for a watch."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import Engine

from runcoach.domain.plans.model import Plan
from runcoach.domain.units import UnitSystem
from runcoach.exporters.fit_workout import workout_fit_bytes
from runcoach.exporters.ical import plan_to_ical
from runcoach.exporters.plan_json import plan_to_json
from runcoach.services.athletes import athlete_settings
from runcoach.services.plans import active_plan

FEED_UID_PREFIX = "runcoach-plan"  # stable event ids: a subscribed calendar sees changes


def _plan(engine: Engine, athlete_id: int) -> tuple[int, Plan]:
    stored = active_plan(engine, athlete_id=athlete_id)
    return stored.id, stored.plan


def plan_ical(engine: Engine, *, athlete_id: int) -> bytes:
    """The active plan as iCalendar in the athlete's units, with event ids that stay the same
    for the same plan and day, so a subscribed calendar updates in place."""
    plan_id, plan = _plan(engine, athlete_id)
    units = athlete_settings(engine, athlete_id=athlete_id).units
    return plan_to_ical(plan, units, uid_prefix=f"{FEED_UID_PREFIX}-{athlete_id}-{plan_id}")


def plan_json(engine: Engine, *, athlete_id: int) -> str:
    return plan_to_json(_plan(engine, athlete_id)[1])


def plan_fit_zip(engine: Engine, *, athlete_id: int) -> bytes:
    """Every structured run of the plan as a FIT workout file, in one zip."""
    plan = _plan(engine, athlete_id)[1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for day in plan.days():
            for k, workout in enumerate(w for w in day.workouts if w.is_run and w.blocks):
                archive.writestr(
                    f"{day.day.isoformat()}-{k + 1}.fit", workout_fit_bytes(workout, day.day)
                )
    return out.getvalue()


__all__ = ["UnitSystem", "plan_fit_zip", "plan_ical", "plan_json"]
