"""``runcoach goal check``: an honest verdict on a race goal, with the numbers behind it."""

from __future__ import annotations

from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.fitness.goals import Verdict
from runcoach.domain.plans.race_plan import RacePlan, SplitTarget
from runcoach.domain.units import (
    METRES_PER_KM,
    METRES_PER_MILE,
    UnitSystem,
    distance_label,
    format_distance,
    format_duration,
    signed,
)
from runcoach.inputs.fitness import ConditionsText, RunnerText, parse_goal_request
from runcoach.services.fitness import judge_goal
from runcoach.views.fitness import verdict_json


@click.group("goal")
def goal_group() -> None:
    """Goals: judge a race goal against your fitness, time left and race-day conditions."""


@goal_group.command("check")
@click.option("--goal", required=True, metavar="DIST=TIME", help="The goal, e.g. marathon=2:59:59.")
@click.option("--date", "race_date", required=True, metavar="YYYY-MM-DD", help="Race day.")
@click.option(
    "--result",
    "results",
    multiple=True,
    metavar="DIST=TIME",
    help="A result, e.g. half=1:25:00; default: the log.",
)
@click.option("--weekly-distance", metavar="DIST", help="Current weekly volume, e.g. 35mi.")
@click.option("--longest-run", metavar="DIST", help="Longest run of the last weeks, e.g. 24km.")
@click.option("--dream", metavar="TIME", help="A long-term dream time over the same distance.")
@click.option("--temperature", metavar="TEMP", help="Race-time temperature, e.g. 24C or 75F.")
@click.option("--dew-point", metavar="TEMP", help="Race-time dew point, e.g. 18C.")
@click.option("--humidity", metavar="PCT", help="Relative humidity, e.g. 70% (if no dew point).")
@click.option("--start", metavar="HH:MM", help="Start time of day, e.g. 09:00 or 9pm.")
@click.option("--elevation-gain", metavar="DIST", help="Total climb on the course, e.g. 250m.")
@click.option("--altitude", metavar="DIST", help="Altitude above sea level, e.g. 1600m.")
@click.option(
    "--years-running", metavar="YEARS", help="Years of regular running; default: the log."
)
@click.option("--age", metavar="YEARS", help="Your age (above 35 the expected gain is smaller).")
@json_option
@pass_app
def check_command(app: AppContext, /, **options: Any) -> None:
    """Within reach, a stretch, or not realistic this time: and what would make it realistic."""
    as_json = options.pop("as_json")
    conditions = ConditionsText(
        **{k: options.pop(k) for k in ("temperature", "dew_point", "humidity", "start")},
        elevation_gain=options.pop("elevation_gain"),
        altitude=options.pop("altitude"),
    )
    asked = parse_goal_request(
        options["goal"],
        options["race_date"],
        conditions,
        options["results"],
        options["weekly_distance"],
        options["longest_run"],
        options["dream"],
        RunnerText(options["years_running"], options["age"]),
    )
    verdict = judge_goal(**vars(asked), open_log=app.athlete_log)
    emit(as_json, verdict_json(verdict), lambda: render(verdict, app.settings.units))


def render(v: Verdict, units: UnitSystem) -> str:
    goal = v.goal
    lines = [
        f"{distance_label(goal.distance_m)} in {format_duration(goal.time_s)} on "
        f"{goal.race_date.isoformat()} ({v.weeks_left:.0f} weeks): {v.kind.value.upper()}",
        f"  today's prediction   {format_duration(v.today.time_s)} "
        f"(80 %: {format_duration(v.today.low_s)}-{format_duration(v.today.high_s)}, "
        f"{v.today.model})",
        f"  on race day          {format_duration(v.race_day_s)} "
        f"(expected gain {signed(v.improvement_pct)} %, 80 %: {signed(v.improvement_low_pct)} to "
        f"{signed(v.improvement_high_pct)} %{_volume(v, units)})",
        f"  race day range       {format_duration(v.race_day_fast_s)}-"
        f"{format_duration(v.race_day_slow_s)} (the 80 % interval of the gain)",
    ]
    lines += [f"  - gain: {reason}" for reason in v.gain_reasons]
    if v.conditions.adjustments:
        lines.append(
            f"  with the conditions  {format_duration(v.race_day_with_conditions_s)} "
            f"(+{format_duration(v.conditions_cost_s)})"
        )
    lines += [f"  - {reason}" for reason in v.reasons]
    lines.append(f"realistic this time: {format_duration(v.realistic_s)}")
    lines += _what_would_help(v, units)
    lines += [f"assumed: {a}" for a in v.assumptions]
    if v.ladder:
        lines.append("ladder of intermediate goals:")
        lines += [f"  {r.date.isoformat()}  {format_duration(r.time_s)}" for r in v.ladder]
    if v.race_plan is not None:
        lines += race_plan_lines(v.race_plan, units)
    return "\n".join(lines)


def race_plan_lines(plan: RacePlan, units: UnitSystem) -> list[str]:
    """The race plan: the targets per km and per mile, how to run them, a ready program."""
    lines = [
        f"race plan for {format_duration(plan.target_s)}: {plan.strategy}",
        f"  {'km':>4} {'split':>8} {'clock':>8}   {'mile':>4} {'split':>8} {'clock':>8}",
    ]
    kms, miles = plan.splits_km, plan.splits_mile
    for i in range(max(len(kms), len(miles))):
        left = _split_cells(kms[i] if i < len(kms) else None, METRES_PER_KM)
        right = _split_cells(miles[i] if i < len(miles) else None, METRES_PER_MILE)
        lines.append(f"  {left}   {right}")
    if plan.program is not None:
        lines.append(
            f"a ready program for this goal: {plan.program.why} "
            f"(profile: program: {plan.program.name}; runcoach plan create --profile FILE, "
            "docs/plans.md)"
        )
    return lines


def _split_cells(split: SplitTarget | None, unit_m: float) -> str:
    if split is None:
        return " " * 22
    number = (
        f"{split.number}" if split.distance_m >= unit_m - 1e-6 else f"{split.at_m / unit_m:.2f}"
    )
    return f"{number:>4} {format_duration(split.split_s):>8} {format_duration(split.clock_s):>8}"


def _volume(v: Verdict, units: UnitSystem) -> str:
    if v.race_day_weekly_distance_m is None:
        return ""
    return f", volume built to {format_distance(v.race_day_weekly_distance_m, units, 0)}/week"


def _what_would_help(v: Verdict, units: UnitSystem) -> list[str]:
    if v.needed_pct <= 0:
        return []
    lines = []
    if v.weeks_needed is None:
        lines.append("  more weeks: more than a year of one build-up; aim at the ladder below")
    else:
        lines.append(f"  more weeks: about {v.weeks_needed:.0f} weeks of training from today")
    if v.weekly_distance_needed_m is not None:
        lines.append(
            f"  more volume: about {format_distance(v.weekly_distance_needed_m, units, 0)}/week"
        )
    return lines


COMMANDS = [goal_group]
