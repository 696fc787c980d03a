"""``runcoach fitness``: current fitness from the log, what it rests on, how it changed."""

from __future__ import annotations

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.fitness.current import Fitness
from runcoach.domain.units import distance_label, format_duration, signed
from runcoach.inputs.fitness import parse_date
from runcoach.services.fitness import FitnessOverTime, fitness_over_time
from runcoach.views.fitness import FITNESS_SOURCE, fitness_json


@click.command("fitness")
@click.option("--since", metavar="YYYY-MM-DD", help="Start of the history; default two years ago.")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="Fitness as of this day; default today.")
@json_option
@pass_app
def fitness_command(app: AppContext, since: str | None, on: str | None, as_json: bool) -> None:
    """Your current fitness (VDOT) from races and hard efforts in the log, and its history."""
    today = None if on is None else parse_date(on)
    start = None if since is None else parse_date(since)
    report = fitness_over_time(app.reads, today, start, athlete_id=app.athlete_id)
    emit(as_json, fitness_json(report), lambda: render(report))


def old_results_note(age_days: int) -> str:
    """What a runner must know when the log's results are older than a year ("" otherwise)."""
    if age_days <= 0:
        return ""
    years = age_days / 365.25
    age = f"{years:.1f} years" if years >= 1 else f"{age_days} days"
    return (
        f"note: the log's newest race or hard effort is {age} old: this is your fitness then, "
        "not now, and intervals are wider for what may have changed since; a race or a time "
        "trial now (runcoach runs edit ID --race) would tell today's"
    )


def render(report: FitnessOverTime) -> str:
    now = report.now
    lines = [f"fitness on {now.on}: VDOT {now.vdot:.1f}, from {len(now.used)} performances:"]
    for w in sorted(now.used, key=lambda w: -w.weight):
        p = w.performance
        run = f"run {p.run_id}" if p.run_id is not None else ""
        lines.append(
            f"  {p.date}  {p.kind.value:<10} {distance_label(p.distance_m):<9} "
            f"{format_duration(p.time_s):>8}  VDOT {w.vdot:4.1f}  weight {w.weight:.2f}  {run}"
        )
    note = old_results_note(report.age_days)
    if note:
        lines.append(note)
    if report.history:
        lines.append("how it changed (first of each month):")
        lines += [f"  {f.on}  VDOT {f.vdot:4.1f}" + _arrow(f, now) for f in report.history]
    lines.append(FITNESS_SOURCE.format(half_life=now.half_life_days) + " (docs/fitness.md)")
    return "\n".join(lines)


def _arrow(then: Fitness, now: Fitness) -> str:
    return "  (now)" if then.on == now.on else f"  ({signed(then.vdot - now.vdot)} vs now)"


COMMANDS = [fitness_command]
