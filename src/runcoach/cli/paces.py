"""``runcoach paces``: training paces (per km and per mile) and heart-rate zones."""

from __future__ import annotations

from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.fitness import old_results_note
from runcoach.cli.output import emit, json_option
from runcoach.domain.fitness.paces import TrainingPaces
from runcoach.domain.units import Pace, UnitSystem, format_pace
from runcoach.services.fitness import PacesReport, paces_for


@click.command("paces")
@click.option(
    "--result",
    "results",
    multiple=True,
    metavar="DIST=TIME",
    help="A result, e.g. 10k=41:30; default: the log.",
)
@click.option("--max-hr", type=int, help="Max heart rate (bpm), for heart-rate zones.")
@click.option(
    "--resting-hr", type=int, help="Resting heart rate (bpm): zones by heart-rate reserve."
)
@json_option
@pass_app
def paces_command(
    app: AppContext,
    results: tuple[str, ...],
    max_hr: int | None,
    resting_hr: int | None,
    as_json: bool,
) -> None:
    """Easy, marathon, threshold, interval and repetition paces from your fitness (VDOT)."""
    report = paces_for(results, max_hr, resting_hr, open_log=lambda: app.engine)
    emit(as_json, paces_json(report), lambda: render(report))


def _both(pace: Pace) -> dict[str, Any]:
    return {
        "seconds_per_km": round(pace.seconds_per_km, 1),
        "seconds_per_mile": round(pace.seconds_per_mile, 1),
        "per_km": format_pace(pace, UnitSystem.METRIC),
        "per_mile": format_pace(pace, UnitSystem.IMPERIAL),
    }


def _named(paces: TrainingPaces) -> dict[str, Any]:
    return {
        "easy": {"slow": _both(paces.easy.slow), "fast": _both(paces.easy.fast)},
        "marathon": _both(paces.marathon),
        "threshold": _both(paces.threshold),
        "interval": _both(paces.interval),
        "repetition": _both(paces.repetition),
    }


def paces_json(report: PacesReport) -> dict[str, Any]:
    return {
        "vdot": round(report.vdot, 1),
        "source": "Daniels' Running Formula (3rd ed. 2014), VDOT of Daniels & Gilbert 1979",
        "paces": _named(report.paces),
        "heart_rate_zones": report.zones,
        "age_days": report.age_days,
    }


def render(report: PacesReport) -> str:
    p = report.paces
    lines = [f"VDOT {report.vdot:.1f} (Daniels)"]
    for name, slow, fast in (
        ("easy", p.easy.slow, p.easy.fast),
        ("marathon", p.marathon, None),
        ("threshold", p.threshold, None),
        ("interval", p.interval, None),
        ("repetition", p.repetition, None),
    ):
        km = format_pace(slow) + ("" if fast is None else f" - {format_pace(fast)}")
        mi = format_pace(slow, UnitSystem.IMPERIAL) + (
            "" if fast is None else f" - {format_pace(fast, UnitSystem.IMPERIAL)}"
        )
        lines.append(f"  {name:<11} {km:<20} {mi}")
    if report.zones is not None:
        lines.append(f"heart-rate zones ({report.zones.method}, {report.zones.source}):")
        lines += [f"  {z.name:<22} {z.low_bpm}-{z.high_bpm} bpm" for z in report.zones.zones]
    note = old_results_note(report.age_days)
    if note:
        lines.append(note + "; start with the slow end of each pace")
    return "\n".join(lines)


COMMANDS = [paces_command]
