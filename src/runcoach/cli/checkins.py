"""``runcoach checkin``: how the runner is today and the habits kept."""

from __future__ import annotations

from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.options import checkin_options, date_option, day_of
from runcoach.cli.output import emit, json_option
from runcoach.domain.units import UnitSystem, format_hours, format_weight
from runcoach.services import checkins
from runcoach.views.checkins import CheckInJson, HabitsJson, checked_in_json


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
@checkin_options
@click.option(
    "--can-run",
    is_flag=True,
    help="You can run again: after an injury the return-to-run progression starts; after an "
    "illness the way back from illness (never straight back to normal).",
)
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
    data = checked_in_json(
        checkins.checkin(app.engine, report, day_of(day), athlete_id=app.athlete_id)
    )
    emit(as_json, data, lambda: f"checked in for {data['day']}: "
         + _checkin_text(data, app.settings.units)
         + (f"\n{data['can_run_means']}" if data.get("can_run_means") else ""))  # fmt: skip


def _checkin_text(data: CheckInJson, units: UnitSystem) -> str:
    parts = [data["feel"] or "", data["symptoms"] or "", data["note"] or ""]
    if data["can_run"]:
        parts.append("can run again")
    return ", ".join(p for p in parts + _habits_text(data["habits"], units) if p)


_HABIT_WORDS = {
    "strength": ("strength routine done", "no strength routine"),
    "warm_up": ("warmed up", "no warm-up"),
    "ate_well": ("ate well", "did not eat well"),
}


def _habits_text(habits: HabitsJson, units: UnitSystem) -> list[str]:
    kept = {"strength": habits["strength"], "warm_up": habits["warm_up"],
            "ate_well": habits["ate_well"]}  # fmt: skip
    parts = [_HABIT_WORDS[k][0 if said else 1] for k, said in kept.items() if said is not None]
    if habits["sleep_s"] is not None:
        enough = "enough" if habits["enough_sleep"] else "under 7 h"
        parts.append(f"slept {format_hours(habits['sleep_s'])} ({enough})")
    if habits["weight_kg"] is not None:
        parts.append(f"weight {format_weight(habits['weight_kg'], units)}")
    if habits["resting_hr"] is not None:
        parts.append(f"resting heart rate {habits['resting_hr']:g} bpm")
    return parts


COMMANDS = [checkin_command]
