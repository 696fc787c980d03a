"""``runcoach plan``: create, show, check, export, import and edit training plans."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.goals import race_plan_lines
from runcoach.cli.hints import said
from runcoach.cli.options import date_option, day_of, plan_of, plan_option
from runcoach.cli.output import emit, json_option
from runcoach.domain.errors import RulesBroken
from runcoach.domain.plans.describe import plan_text
from runcoach.domain.plans.model import Goal
from runcoach.domain.plans.race_plan import RacePlan, race_plan
from runcoach.domain.plans.rules import Violation
from runcoach.domain.units import UnitSystem, format_distance
from runcoach.inputs.plans import read_plan_file, read_profile, read_workout_file
from runcoach.inputs.rota import read_rota_file
from runcoach.services import plan_changes as changes
from runcoach.services import plans as service
from runcoach.services import today as day_by_day
from runcoach.views.plans import (
    ShiftJson,
    built_json,
    history_json,
    shift_json,
    shown_json,
    stored_json,
    undo_json,
    violations_json,
)
from runcoach.views.today import WeekJson, week_json

_today = click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Build as if today were this date (YYYY-MM-DD); default: today.",
)
_plan_id = click.option("--plan", "plan_id", type=int, help="A stored plan's id; default: active.")


@click.group("plan")
def plan_group() -> None:
    """Training plans: built from your profile, checked against the rules, exported."""


def _violations_text(violations: list[Violation]) -> str:
    if not violations:
        return "Every rule kept."
    lines = []
    for v in violations:
        tag = f"  [accepted: {v.accepted}]" if v.accepted else ""
        lines.append(f"{v.day}  {v.rule}: {v.seen} (rule: {v.source}){tag}")
    return "\n".join(lines)


@plan_group.command("create")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Your profile (YAML or JSON; see docs/profile.md).",
)
@_today
@json_option
@pass_app
def create_command(app: AppContext, profile_path: Path, today: Any, as_json: bool) -> None:
    """Build a plan from a profile and store it as your active plan."""
    profile = read_profile(profile_path)
    built = service.build_plan(app.engine, profile, _day(today), athlete_id=app.athlete_id)
    emit(as_json, built_json(built, app.settings.units), lambda: _created_text(built, app))


def _created_text(built: service.Built, app: AppContext) -> str:
    head = f"Plan {built.plan_id} stored as your active plan."
    filled = (
        f"\nFrom your log: {', '.join(built.filled_from_log)}." if built.filled_from_log else ""
    )
    return f"{head}{filled}\n\n{plan_text(built.plan, app.settings.units, say=said)}"


@plan_group.command("show")
@_plan_id
@click.option("--week", type=int, help="Only this week (1 is the first).")
@click.option("--details", is_flag=True, help="Every workout in full: steps, paces, mini, tip.")
@json_option
@pass_app
def show_command(
    app: AppContext, plan_id: int | None, week: int | None, details: bool, as_json: bool
) -> None:
    """Print the plan week by week."""
    stored = service.active_plan(app.engine, plan_id, athlete_id=app.athlete_id)
    data = shown_json(stored.id, stored.status, stored.plan, app.settings.units)
    race = data["race_plan"] = goal_race_plan(stored.plan.goal)
    emit(as_json, data, lambda: plan_text(stored.plan, app.settings.units, week, details, said) + (
        "" if race is None else "\n".join(race_plan_lines(race, app.settings.units)) + "\n"
    ))  # fmt: skip


def goal_race_plan(goal: Goal) -> RacePlan | None:
    """The race day's split targets when the plan's goal is a race with a target time."""
    if not goal.is_race or not goal.distance_m or not goal.target_time_s:
        return None
    return race_plan(goal.distance_m, goal.target_time_s)  # the plan is the program


@plan_group.command("check")
@click.argument("plan_file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@json_option
@pass_app
def check_command(app: AppContext, plan_file: Path | None, as_json: bool) -> None:
    """Check a plan file (default: your active plan) against the rules; exit 1 if a rule is
    broken undeclared."""
    if plan_file is None:
        plan = service.active_plan(app.engine, athlete_id=app.athlete_id).plan
    else:
        plan = read_plan_file(plan_file)
    violations = service.check_plan(plan)
    emit(as_json, {"violations": violations_json(violations)}, lambda: _violations_text(violations))
    broken = [v for v in violations if v.accepted is None]
    if broken:
        raise RulesBroken(f"{len(broken)} rule(s) broken and not declared")


@plan_group.command("export")
@click.option("--ical", type=click.Path(path_type=Path, dir_okay=False), help="An .ics file.")
@click.option(
    "--fit", type=click.Path(path_type=Path, file_okay=False), help="A folder of FIT workouts."
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A plan JSON file (docs/plan-format.md).",
)
@_plan_id
@click.option("--json-output", "as_json", is_flag=True, help="Print only JSON on stdout.")
@pass_app
def export_command(
    app: AppContext,
    ical: Path | None,
    fit: Path | None,
    json_file: Path | None,
    plan_id: int | None,
    as_json: bool,
) -> None:
    """Export the plan to a calendar, a watch, or JSON."""
    if not (ical or fit or json_file):
        raise click.UsageError("choose at least one of --ical FILE, --fit DIR, --json FILE")
    plan = service.active_plan(app.engine, plan_id, athlete_id=app.athlete_id).plan
    written: list[Path] = []
    if ical:
        written.append(service.export_ical(plan, ical, app.settings.units))
    if fit:
        written.extend(service.export_fit(plan, fit))
    if json_file:
        written.append(service.export_json(plan, json_file))
    emit(
        as_json,
        {"written": [str(p) for p in written]},
        lambda: (
            f"Wrote {len(written)} file(s): "
            + ", ".join(str(p) for p in written[:5])
            + (" ..." if len(written) > 5 else "")
        ),
    )


@plan_group.command("import")
@click.argument("plan_file", type=click.Path(path_type=Path, dir_okay=False))
@json_option
@pass_app
def import_command(app: AppContext, plan_file: Path, as_json: bool) -> None:
    """Store a plan JSON file (exported, or written by a coach) as your active plan."""
    plan = read_plan_file(plan_file)
    built = service.import_plan(app.engine, plan, athlete_id=app.athlete_id)
    emit(
        as_json,
        stored_json(built),
        lambda: f"Plan {built.plan_id} imported.\n" + _violations_text(built.violations),
    )


@plan_group.command("edit")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    required=True,
    help="The day to change (YYYY-MM-DD).",
)
@click.option("--workout", "spec", help='The new workout, e.g. "tempo 20min", "6x800m@5k", "rest".')
@click.option(
    "--workout-json",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The new workout as JSON (a workout of docs/plan-format.md).",
)
@_plan_id
@json_option
@pass_app
def edit_command(
    app: AppContext,
    day: Any,
    spec: str | None,
    workout_json: Path | None,
    plan_id: int | None,
    as_json: bool,
) -> None:
    """Change a day's workout by hand; the plan is checked against the rules again."""
    given = None if workout_json is None else read_workout_file(workout_json)
    built = service.edit_plan(
        app.engine, day.date(), spec, given, plan_id, athlete_id=app.athlete_id
    )
    emit(
        as_json,
        stored_json(built),
        lambda: (
            f"Plan {built.plan_id}: {day.date()} changed.\n" + _violations_text(built.violations)
        ),
    )


def _day(value: Any) -> date:
    return value.date() if value is not None else date.today()


# ---- the plan day by day: planned vs done, a shift change ----------------------------------


@plan_group.command("progress")
@date_option
@plan_option
@json_option
@pass_app
def compliance_command(app: AppContext, day: Any, plan_file: Path | None, as_json: bool) -> None:
    """Planned vs done, week by week."""
    weeks = day_by_day.progress_for(
        app.engine, app.settings, day_of(day), plan_of(plan_file), athlete_id=app.athlete_id
    )
    data = [week_json(w) for w in weeks]
    emit(as_json, data, lambda: render_weeks(data, app.settings.units))


def render_weeks(weeks: list[WeekJson], units: UnitSystem) -> str:
    lines: list[str] = []
    for w in weeks:
        lines.append(_week_line(w, units))
        for s in w["sessions"]:
            mini = " (mini)" if s["mini"] else ""
            lines.append(f"  {s['day']} {s['workout']}: {s['status']}{mini}")
        for r in w["unplanned"]:
            lines.append(f"  {r['day']} unplanned run {format_distance(r['distance_m'], units, 1)}")
    return "\n".join(lines) or "the plan has not started yet"


def _week_line(w: WeekJson, units: UnitSystem) -> str:
    share = "-" if w["compliance"] is None else f"{w['compliance']:.0%}"
    done = format_distance(w["done_m"], units, 1)
    planned = format_distance(w["planned_m"], units, 1)
    minis = f", {w['minis_done']} mini version(s) done" if w["minis_done"] else ""
    return (
        f"week {w['week']} ({w['start']}): {w['done']}/{w['planned']} sessions ({share}), "
        f"{done} of {planned}{minis}"
    )


_dry_run = click.option(
    "--dry-run", is_flag=True, help="Show what would move and the rules broken; save nothing."
)
_accept = click.option(
    "--accept-breaks",
    is_flag=True,
    help="Save even though the change breaks rules the plan kept (they are listed).",
)
_from_today = click.option(
    "--today",
    "now",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Days before this stay; default today.",
)


@plan_group.command("shift")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="The day that changes.")
@click.option(
    "--day-type",
    help="That day's new type: one of the plan's ('night', 'off') or none, any, 'short 30'. "
    "Only that day changes; the rotation stays.",
)
@click.option(
    "--insert-day",
    "inserted",
    help="Put this day type on --date and move every later day of the rotation one day later.",
)
@click.option("--swap", nargs=2, type=click.DateTime(["%Y-%m-%d"]), help="Swap two days' types.")
@_dry_run
@_accept
@_from_today
@plan_option
@json_option
@pass_app
def shift_command(app: AppContext, day: Any, day_type: str | None, inserted: str | None,
                  swap: Any, dry_run: bool, accept_breaks: bool, now: Any,
                  plan_file: Path | None, as_json: bool) -> None:  # fmt: skip
    """A changed shift: that day's plan re-fits (or two days swap, or the rotation moves);
    the rules it breaks are shown, and it is saved only when they are accepted."""
    if (day_type or inserted) and day is None:
        raise click.UsageError("--day-type and --insert-day need --date: the day that changes")
    if day_type and inserted:
        raise click.UsageError("choose --day-type (that day only) or --insert-day (all move)")
    request = changes.ShiftRequest(
        swap=(swap[0].date(), swap[1].date()) if swap else None,
        day=day.date() if day is not None else None,
        day_type=day_type or inserted,
        insert=inserted is not None,
    )
    args = (app.engine, plan_of(plan_file), request, day_of(now))
    if dry_run:
        done = changes.preview_shift(*args, athlete_id=app.athlete_id)
    else:
        done = changes.save_shift(*args, accept_breaks, athlete_id=app.athlete_id)
    if plan_file is not None and done.saved:  # a plan file given is the plan: saved shifted
        service.export_json(done.plan, plan_file)
    data = shift_json(done)
    emit(as_json, data, lambda: render_shift(data))


def render_shift(data: ShiftJson) -> str:
    lines = [data["change"] + ":"] + (data["changes"] or ["nothing had to move"])
    lines += [f"rule now broken on {v['day']}: {v['seen']} [{v['rule']}]"
              for v in data["new_violations"]]  # fmt: skip
    if not data["saved"]:
        lines.append("Not saved (--dry-run).")
    elif data["new_violations"]:
        lines.append("Saved with the broken rules accepted (runcoach plan undo takes it back).")
    else:
        lines.append("Saved (runcoach plan undo takes it back).")
    return "\n".join(lines)


@plan_group.command("rota")
@click.argument("rota_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--map",
    "told",
    multiple=True,
    metavar="KIND=TYPE",
    help="What a kind of shift (day, short, night, after-night, off) is in your plan: one of "
    "its day types, or none, any, 'short 30'. Repeatable.",
)
@_dry_run
@_accept
@_from_today
@plan_option
@json_option
@pass_app
def rota_command(app: AppContext, rota_file: Path, told: tuple[str, ...], dry_run: bool,
                 accept_breaks: bool, now: Any, plan_file: Path | None,
                 as_json: bool) -> None:  # fmt: skip
    """Your shifts from the iCalendar (.ics) rota your employer gives: the plan's days take
    them (day, short, night, after-night, off) and re-fit."""
    request = changes.RotaRequest(read_rota_file(rota_file), rota_mapping(told))
    args = (app.engine, plan_of(plan_file), request, day_of(now))
    if dry_run:
        done = changes.preview_rota(*args, athlete_id=app.athlete_id)
    else:
        done = changes.save_rota(*args, accept_breaks, athlete_id=app.athlete_id)
    if plan_file is not None and done.saved:
        service.export_json(done.plan, plan_file)
    data = shift_json(done)
    emit(as_json, data, lambda: render_shift(data))


def rota_mapping(told: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for item in told:
        kind, sep, value = item.partition("=")
        if not sep or not kind.strip() or not value.strip():
            raise click.UsageError(f"--map '{item}': write KIND=TYPE, e.g. --map night=none")
        pairs[kind.strip().lower()] = value.strip()
    return pairs


@plan_group.command("history")
@_plan_id
@json_option
@pass_app
def history_command(app: AppContext, plan_id: int | None, as_json: bool) -> None:
    """The changes made to your plan, the newest first (each can be undone in turn)."""
    data = history_json(changes.history(app.engine, plan_id, athlete_id=app.athlete_id))
    emit(as_json, data, lambda: "\n".join(
        [f"Plan {data['plan_id']}: {len(data['changes'])} change(s) kept."]
        + [f"  {c['at']}  {c['change']}" for c in data["changes"]]
    ))  # fmt: skip


@plan_group.command("undo")
@_plan_id
@json_option
@pass_app
def undo_command(app: AppContext, plan_id: int | None, as_json: bool) -> None:
    """Undo the last change to your plan (a shift, a rota, a move, a hand edit)."""
    data = undo_json(changes.undo(app.engine, plan_id, athlete_id=app.athlete_id))
    emit(as_json, data, lambda: (
        f"Plan {data['plan_id']}: undone: {data['undone']}. "
        f"{data['changes_left']} earlier change(s) can still be undone."
    ))  # fmt: skip


COMMANDS = [plan_group]
