"""``runcoach today``: what to run today, or a better choice, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.options import checkin_options, date_option, day_of, plan_of, plan_option
from runcoach.cli.output import emit, json_option
from runcoach.cli.warnings import render_warnings
from runcoach.domain.plans.document import StepDocJson, WorkoutDocJson
from runcoach.domain.units import (
    Pace,
    UnitSystem,
    distances_in,
    format_distance,
    format_duration,
    format_pace,
)
from runcoach.services import checkins
from runcoach.services import today as service
from runcoach.views.today import AnswerJson, answer_json


@click.command("today")
@checkin_options
@date_option
@plan_option
@json_option
@pass_app
def today_command(app: AppContext, feel: str | None, symptoms: str | None, note: str,
                  day: Any, plan_file: Path | None, as_json: bool) -> None:  # fmt: skip
    """What to run today: the planned session, or a better one, and why."""
    report = checkins.CheckInReport(feel, symptoms, note)
    # a check-in is written through the engine; a look at today reads through sqlite3 on a
    # ready SQLite store (no SQLAlchemy) and keeps a new answer with BEGIN IMMEDIATE
    source = app.reads if report.empty else app.engine
    told = service.today(
        source, app.settings, day_of(day), report, plan_of(plan_file), athlete_id=app.athlete_id
    )
    data = answer_json(told)
    emit(as_json, data, lambda: render_answer(data, app.settings.units))


def render_answer(data: AnswerJson, units: UnitSystem) -> str:
    titles = ", ".join(distances_in(w["title"], units) for w in data["workouts"])
    lines = [f"{data['day']}: " + (titles or "rest")]
    for workout in data["workouts"]:
        lines += [f"  {line}" for line in _steps(workout, units)]
    lines += [
        f"why: {distances_in(r['text'], units)} [{r['rule']}; {r['source']}]"
        for r in data["reasons"]
    ]
    if data["win"]:
        lines.append(f"small win: {data['win']}")
    goal = data.get("goal")
    if goal:
        lines.append(f"goal: {goal['told']}")
    elif data["refresh_goal"]:
        lines.append("your fitness changed: no timed race goal or no race in the log to judge it")
    if data["warnings"]:
        lines += ["", render_warnings(data["warnings"], units)]
    return "\n".join(lines)


def _steps(workout: WorkoutDocJson, units: UnitSystem) -> list[str]:
    lines = []
    for block in workout.get("blocks", []):
        if "repeat" in block:
            inner = ", ".join(_step(s, units) for s in block["steps"])
            lines.append(f"{block['repeat']} x ({inner})")
        else:
            lines.append(_step(block, units))
    if workout.get("tip"):
        lines.append(f"tip: {workout['tip']}")
    return lines


def _step(step: StepDocJson, units: UnitSystem) -> str:
    size = (
        format_duration(step["duration_s"])
        if "duration_s" in step
        else format_distance(step["distance_m"], units, digits=1)
    )
    target = step.get("effort", "")
    if "pace" in step:
        fast = format_pace(Pace(step["pace"]["fast_s_per_km"]), units)
        slow = format_pace(Pace(step["pace"]["slow_s_per_km"]), units)
        target = f"{fast.split('/')[0]}-{slow}"
    note = f" {step['note']}" if step.get("note") else ""
    return f"{step['step']} {size} {target}{note}".strip()


COMMANDS = [today_command]
