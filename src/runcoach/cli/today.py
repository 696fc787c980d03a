"""``runcoach today``, ``checkin``, ``warnings``, ``plan progress`` and ``plan shift``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.cli.plans import plan_group
from runcoach.domain.plans.model import Plan
from runcoach.domain.units import (
    Pace,
    UnitSystem,
    format_distance,
    format_duration,
    format_hours,
    format_pace,
    format_weight,
)
from runcoach.inputs.plans import read_plan_file
from runcoach.services import checkins
from runcoach.services import today as service
from runcoach.services.plans import export_json

FEELS = ["great", "good", "normal", "tired", "sore", "sick", "injured"]
SYMPTOMS = ["above-neck", "below-neck"]

date_option = click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="The day (YYYY-MM-DD); default today."
)
plan_option = click.option(
    "--plan",
    "plan_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A plan file (JSON, docs/plan-format.md) instead of the stored plan.",
)


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


def _plan(plan_file: Path | None) -> Plan | None:
    return None if plan_file is None else read_plan_file(plan_file)


def _checkin_options(func: Any) -> Any:
    func = click.option("--note", default="", help="Free text: where it hurts, what you have.")(
        func
    )
    func = click.option(
        "--symptoms", type=click.Choice(SYMPTOMS), help="Where a cold sits (the neck check)."
    )(func)
    return click.option("--feel", type=click.Choice(FEELS), help="How you feel today.")(func)


@click.command("today")
@_checkin_options
@date_option
@plan_option
@json_option
@pass_app
def today_command(app: AppContext, feel: str | None, symptoms: str | None, note: str,
                  day: Any, plan_file: Path | None, as_json: bool) -> None:  # fmt: skip
    """What to run today: the planned session, or a better one, and why."""
    report = checkins.CheckInReport(feel, symptoms, note)
    data = service.today(
        app.engine, app.settings, _day(day), report, _plan(plan_file), athlete_id=app.athlete_id
    )
    emit(as_json, data, lambda: render_answer(data, app.settings.units))


def _habit_options(func: Any) -> Any:
    options = [
        click.option("--strength/--no-strength", default=None,
                     help="The strength routine done (--no-strength: not done)."),
        click.option("--warm-up/--no-warm-up", default=None,
                     help="A dynamic warm-up before the run."),
        click.option("--ate-well/--no-ate-well", default=None, help="You ate well today."),
        click.option("--slept", metavar="HOURS",
                     help="Last night's sleep: 7.5h, 7h30, 7:30 (h:mm), 450min; 7 h+ is enough."),
        click.option("--weight", metavar="WEIGHT",
                     help="Body weight: 70.4kg or 155lb (a bare number in your units)."),
        click.option("--resting-hr", metavar="BPM",
                     help="This morning's resting heart rate, beats per minute: 52."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


@click.command("checkin")
@_checkin_options
@click.option("--can-run", is_flag=True, help="After an injury: you can run again.")
@_habit_options
@date_option
@json_option
@pass_app
def checkin_command(app: AppContext, feel: str | None, symptoms: str | None, note: str,
                    can_run: bool, strength: bool | None, warm_up: bool | None,
                    ate_well: bool | None, slept: str | None, weight: str | None,
                    resting_hr: str | None, day: Any, as_json: bool) -> None:  # fmt: skip
    """Say how you are today and the habits kept (kept; `today` adapts, `wins` counts)."""
    habits = checkins.HabitReport(strength, warm_up, ate_well, slept, weight, resting_hr)
    report = checkins.CheckInReport(feel, symptoms, note, can_run or None, habits,
                                    app.settings.units)  # fmt: skip
    data = checkins.checkin(app.engine, report, _day(day), athlete_id=app.athlete_id)
    emit(as_json, data, lambda: f"checked in for {data['day']}: "
         + _checkin_text(data, app.settings.units))  # fmt: skip


@click.command("warnings")
@date_option
@plan_option
@json_option
@pass_app
def warnings_command(app: AppContext, day: Any, plan_file: Path | None, as_json: bool) -> None:
    """The three too's, watched: too far, too soon, too fast."""
    data = service.warnings_for(
        app.engine, app.settings, _day(day), _plan(plan_file), athlete_id=app.athlete_id
    )
    emit(as_json, data, lambda: render_warnings(data) or "no warnings: carry on")


@plan_group.command("progress")
@date_option
@plan_option
@json_option
@pass_app
def compliance_command(app: AppContext, day: Any, plan_file: Path | None, as_json: bool) -> None:
    """Planned vs done, week by week."""
    data = service.progress_for(
        app.engine, app.settings, _day(day), _plan(plan_file), athlete_id=app.athlete_id
    )
    emit(as_json, data, lambda: render_weeks(data, app.settings.units))


# ---- text for a person ---------------------------------------------------------------------


def render_answer(data: dict[str, Any], units: UnitSystem) -> str:
    lines = [f"{data['day']}: " + (", ".join(w["title"] for w in data["workouts"]) or "rest")]
    for workout in data["workouts"]:
        lines += [f"  {line}" for line in _steps(workout, units)]
    lines += [f"why: {r['text']} [{r['rule']}; {r['source']}]" for r in data["reasons"]]
    if data["win"]:
        lines.append(f"small win: {data['win']}")
    if data.get("goal"):
        lines.append(f"goal: {data['goal']['told']}")
    elif data["refresh_goal"]:
        lines.append("your fitness changed: no timed race goal or no race in the log to judge it")
    if data["warnings"]:
        lines += ["", render_warnings(data["warnings"])]
    return "\n".join(lines)


def _steps(workout: dict[str, Any], units: UnitSystem) -> list[str]:
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


def _step(step: dict[str, Any], units: UnitSystem) -> str:
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


def render_warnings(warnings: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{w['severity']}: {w['seen']}\n  instead: {w['instead']}\n  source: {w['source']}"
        for w in warnings
    )


def render_weeks(weeks: list[dict[str, Any]], units: UnitSystem) -> str:
    lines: list[str] = []
    for w in weeks:
        lines.append(_week_line(w, units))
        for s in w["sessions"]:
            mini = " (mini)" if s["mini"] else ""
            lines.append(f"  {s['day']} {s['workout']}: {s['status']}{mini}")
        for r in w["unplanned"]:
            lines.append(f"  {r['day']} unplanned run {format_distance(r['distance_m'], units, 1)}")
    return "\n".join(lines) or "the plan has not started yet"


def _week_line(w: dict[str, Any], units: UnitSystem) -> str:
    share = "-" if w["compliance"] is None else f"{w['compliance']:.0%}"
    done = format_distance(w["done_m"], units, 1)
    planned = format_distance(w["planned_m"], units, 1)
    minis = f", {w['minis_done']} mini version(s) done" if w["minis_done"] else ""
    return (
        f"week {w['week']} ({w['start']}): {w['done']}/{w['planned']} sessions ({share}), "
        f"{done} of {planned}{minis}"
    )


def _checkin_text(data: dict[str, Any], units: UnitSystem) -> str:
    parts = [data["feel"] or "", data["symptoms"] or "", data["note"] or ""]
    if data["can_run"]:
        parts.append("can run again")
    return ", ".join(p for p in parts + _habits_text(data["habits"], units) if p)


_HABIT_WORDS = {
    "strength": ("strength routine done", "no strength routine"),
    "warm_up": ("warmed up", "no warm-up"),
    "ate_well": ("ate well", "did not eat well"),
}


def _habits_text(habits: dict[str, Any], units: UnitSystem) -> list[str]:
    parts = [_HABIT_WORDS[k][0 if habits[k] else 1] for k in _HABIT_WORDS if habits[k] is not None]
    if habits["sleep_s"] is not None:
        enough = "enough" if habits["enough_sleep"] else "under 7 h"
        parts.append(f"slept {format_hours(habits['sleep_s'])} ({enough})")
    if habits["weight_kg"] is not None:
        parts.append(f"weight {format_weight(habits['weight_kg'], units)}")
    if habits["resting_hr"] is not None:
        parts.append(f"resting heart rate {habits['resting_hr']:g} bpm")
    return parts


@plan_group.command("shift")
@click.option("--swap", nargs=2, type=click.DateTime(["%Y-%m-%d"]), help="Swap two days' types.")
@click.option("--insert-day", "day_type", help="Put this day type (e.g. 'night shift') on --date.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="The day of --insert-day.")
@click.option(
    "--today",
    "now",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Days before this stay; default today.",
)
@plan_option
@json_option
@pass_app
def shift_command(app: AppContext, swap: Any, day_type: str | None, day: Any, now: Any,
                  plan_file: Path | None, as_json: bool) -> None:  # fmt: skip
    """A swapped shift or an extra day: the coming weeks re-flow around it."""
    swapped = (swap[0].date(), swap[1].date()) if swap else None
    if day_type is not None and day is None:
        raise click.UsageError("--insert-day needs --date: the day the extra day falls on")
    insert = (day_type, day.date()) if day_type is not None else None
    done = service.shift(
        app.engine, _plan(plan_file), swapped, insert, _day(now), athlete_id=app.athlete_id
    )
    if plan_file is not None:  # a plan file given is the plan: it is saved shifted
        export_json(done.plan, plan_file)
    emit(as_json, done.detail, lambda: render_shift(done.detail))


def render_shift(data: dict[str, Any]) -> str:
    lines = data["changes"] or ["nothing had to move"]
    lines += [f"rule now broken on {v['day']}: {v['seen']} [{v['rule']}]"
              for v in data["new_violations"]]  # fmt: skip
    return "\n".join(lines)


# ``plan progress`` and ``plan shift`` join the plan group of runcoach.cli.plans.
COMMANDS = [today_command, checkin_command, warnings_command]
