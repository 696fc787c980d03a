""" "Did it": today's prescribed run logged by hand in one tap, as it was prescribed."""

from __future__ import annotations

from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.errors import InvalidInput
from runcoach.services.runs import ManualRun, add_manual_run
from runcoach.services.today import today

DONE_NOTE = "done as prescribed (logged with 'did it')"


def session_done(engine: Engine, settings: Settings, *, athlete_id: int) -> int:
    """A run for today's first prescribed run (the mini version when that was the answer)."""
    answer = today(engine, settings, athlete_id=athlete_id).answer
    runs = [w for w in answer.workouts if w.is_run]
    if not runs:
        raise InvalidInput("today holds no run to log", hint="log another run on the Log page")
    workout = runs[0]
    entry = ManualRun(
        day=answer.day,
        distance_m=workout.total_distance_m() or None,
        duration_s=workout.total_duration_s() or None,
        workout_type=workout.kind.logged_as,
        name=workout.title,
        notes=DONE_NOTE,
    )
    return add_manual_run(engine, entry, athlete_id=athlete_id, settings=settings).run_id
