"""How runs look on a terminal and in JSON: the log's list and one run's full page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runcoach.domain.run.runs import Lap, Sport, activity_label
from runcoach.domain.units import (
    Pace,
    UnitSystem,
    distance_label,
    format_distance,
    format_duration,
    format_pace,
    format_speed,
)
from runcoach.services.run_list import RunSummary
from runcoach.views.runs import tag_value

MISSING = "–"
SPEED_SPORTS = {Sport.CYCLING.value, Sport.SKIING.value}  # shown in km/h or mph, not min/km


RUNS_ONLY_NOTE = (
    "runs only: other sports and recordings under a minute are left out (--all shows them)"
)

if TYPE_CHECKING:
    from runcoach.domain.run.efforts import Split  # the analysis: not imported to list runs
    from runcoach.services.runs import RunDetail  # its module reads with SQLAlchemy


def render_list(found: list[RunSummary], units: UnitSystem, *, runs_only: bool = False) -> str:
    if not found:
        empty = "no runs yet: runcoach import PATH, or runcoach runs add"
        return f"{empty}\n{RUNS_ONLY_NOTE}" if runs_only else empty
    lines = [f"{'id':>5}  {'date':10}  {'type':14}  {'distance':>9}  {'time':>8}  "
             f"{'pace':>9}  {'hr':>3}  name"]  # fmt: skip
    for run in found:
        kind = (run.workout_type or run.sport) if Sport(run.sport).is_run else run.sport
        lines.append(
            f"{run.id:>5}  {run.local_date.isoformat():10}  {kind:14.14}  "
            f"{_distance(run.distance_m, units):>9}  {_duration(run.duration_s):>8}  "
            f"{_pace(run.pace_s_per_km, units, run.sport):>9}  {_number(run.avg_hr):>3}  "
            f"{run.name or ''}"
        )
    if runs_only:
        lines.append(RUNS_ONLY_NOTE)
    return "\n".join(lines)


def _distance(metres: float | None, units: UnitSystem) -> str:
    return MISSING if metres is None else format_distance(metres, units)


def _duration(seconds: float | None) -> str:
    return MISSING if seconds is None else format_duration(seconds)


def _pace(seconds_per_km: float | None, units: UnitSystem, sport: str = "running") -> str:
    """Pace, or speed for the sports whose athletes read speed (cycling, skiing)."""
    if not seconds_per_km:
        return MISSING
    if sport in SPEED_SPORTS:
        return format_speed(Pace(seconds_per_km), units)
    return format_pace(Pace(seconds_per_km), units)


def _number(value: float | None, unit: str = "") -> str:
    return MISSING if value is None else f"{value:.0f}{unit}"


# --- one run ---------------------------------------------------------------------------------


def render_detail(detail: RunDetail, units: UnitSystem) -> str:
    sections = [_head(detail, units), _laps(detail.run.laps, units)]
    if detail.analysis is not None:
        sections += [
            _splits("per km", detail.analysis.splits_km, units),
            _splits("per mile", detail.analysis.splits_mile, units),
            _halves(detail, units),
        ]
        sections += [f"note: {why}" for why in detail.analysis.limitations]
        sections.append(_glitches(detail, units))
    sections.append(_efforts(detail, units))
    if detail.sources:
        sections.append("files: " + ", ".join(s["name"] for s in detail.sources))
    return "\n\n".join(s for s in sections if s)


def _head(detail: RunDetail, units: UnitSystem) -> str:
    run = detail.run
    local = run.start.strftime("%H:%M UTC")
    tags = ", ".join(
        f"{name} {tag_value(getattr(run, name))}"
        + (" (inferred)" if detail.tags_inferred[name] else "")
        for name in ("workout_type", "surface", "terrain")
        if getattr(run, name) is not None
    )
    what = activity_label(run.sport, run.workout_type)
    lines = [
        f"run {run.id}: {run.name or what}  {detail.local_date} {local}",
        f"  {what}{' / ' + run.sub_sport if run.sub_sport else ''}"
        f"{'  device ' + run.device if run.device else ''}",
        f"  distance {_distance(run.distance_m, units)}   moving {_duration(run.moving_s)}"
        f"   elapsed {_duration(run.elapsed_s)}   "
        f"{'speed' if run.sport.value in SPEED_SPORTS else 'pace'} "
        f"{_pace(None if run.pace is None else run.pace.seconds_per_km, units, run.sport.value)}",
        f"  ascent {_number(run.ascent_m, ' m')}   descent {_number(run.descent_m, ' m')}"
        f"   heart rate {_number(run.avg_hr)} avg / {_number(run.max_hr)} max"
        f"   cadence {_number(run.avg_cadence_spm)} spm   power {_number(run.avg_power_w, ' W')}"
        f"   calories {_number(run.calories)}",
    ]
    if tags:
        lines.append(f"  tags: {tags}")
    if detail.workout_type_reason and detail.tags_inferred["workout_type"]:
        lines.append(f"  why {tag_value(run.workout_type)}: {detail.workout_type_reason}")
    lines += _own_lines(detail, units)
    return "\n".join(lines)


def _own_lines(detail: RunDetail, units: UnitSystem) -> list[str]:
    run, lines = detail.run, []
    if detail.shoe_name:
        lines.append(f"  shoes: {detail.shoe_name}")
    if run.rpe is not None or run.feel is not None:
        lines.append(f"  effort {run.rpe or MISSING}/10, felt {tag_value(run.feel) or MISSING}")
    if run.race is not None:
        race = run.race
        lines.append(
            f"  race: {race.name or ''} official {_duration(race.official_time_s)} over "
            f"{_distance(race.distance_m, units)} {race.conditions or ''}".rstrip()
        )
    if run.notes:
        lines.append(f"  notes: {run.notes}")
    return lines


def _laps(laps: list[Lap], units: UnitSystem) -> str:
    if not laps:
        return ""
    lines = ["laps:"]
    for number, lap in enumerate(laps, 1):
        seconds = lap.moving_s or lap.elapsed_s
        pace = lap.distance_m and seconds and seconds / lap.distance_m * 1000
        lines.append(
            f"  {number:>3}  {_distance(lap.distance_m, units):>9}  {_duration(lap.elapsed_s):>8}"
            f"  {_pace(pace or None, units):>9}  hr {_number(lap.avg_hr)}"
            f"{'  ' + lap.intensity if lap.intensity else ''}"
        )
    return "\n".join(lines)


def _splits(title: str, splits: tuple[Split, ...], units: UnitSystem) -> str:
    if not splits:
        return ""
    lines = [f"splits {title}:"]
    for split in splits:
        pace = None if split.pace is None else split.pace.seconds_per_km
        lines.append(
            f"  {split.number:>3}  {_duration(split.moving_s):>8}  {_pace(pace, units):>9}"
            f"  elev {_number(split.elevation_change_m, ' m'):>6}  hr {_number(split.avg_hr)}"
            f"{'  (' + _distance(split.distance_m, units) + ')' if split.is_partial else ''}"
        )
    return "\n".join(lines)


def _halves(detail: RunDetail, units: UnitSystem) -> str:
    analysis = detail.analysis
    if analysis is None or analysis.halves is None:
        return ""
    halves = analysis.halves
    verdict = {
        "negative": "a negative split",
        "even": "an even split",
        "positive": "a positive split",
    }
    return (
        f"halves: first {format_pace(halves.first_pace, units)}, second "
        f"{format_pace(halves.second_pace, units)}: {verdict[halves.kind.value]}"
    )


def _glitches(detail: RunDetail, units: UnitSystem) -> str:
    analysis = detail.analysis
    if analysis is None or not analysis.glitches:
        return ""
    if analysis.samples_trusted:
        head = "glitches (you said these stretches were real: they count):"
    else:
        head = (
            "glitches, left out of the halves, best efforts and tags "
            f"(real? runcoach runs edit {detail.run.id} --trust-samples):"
        )
    lines = [head]
    for glitch in analysis.glitches:
        lines.append(
            f"  at {_distance(glitch.start_m, units)} ({_duration(glitch.start_s)}): "
            f"{glitch.reason}"
        )
    return "\n".join(lines)


def _efforts(detail: RunDetail, units: UnitSystem) -> str:
    if not detail.best_efforts:
        return ""
    lines = ["best efforts:"]
    for effort in detail.best_efforts:
        pace = effort["elapsed_s"] / effort["distance_m"] * 1000
        lines.append(
            f"  {distance_label(effort['distance_m']):>9}  {_duration(effort['elapsed_s']):>8}"
            f"  {_pace(pace, units):>9}"
        )
    return "\n".join(lines)
