"""``runcoach paces``: training paces (per km and per mile) and heart-rate zones."""

from __future__ import annotations

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.fitness import old_results_note
from runcoach.cli.output import emit, json_option
from runcoach.domain.units import UnitSystem, format_pace
from runcoach.inputs.fitness import parse_results
from runcoach.services.fitness import PacesReport, paces_for
from runcoach.views.fitness import paces_json


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
    report = paces_for(parse_results(results), max_hr, resting_hr, open_log=app.athlete_log)
    emit(as_json, paces_json(report), lambda: render(report))


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
