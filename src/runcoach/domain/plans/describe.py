"""Plans and workouts as text a runner reads: the terminal, a calendar event, a printout."""

from __future__ import annotations

from collections.abc import Callable

from runcoach.domain.plans.model import Day, Plan, Week
from runcoach.domain.plans.workouts import (
    Block,
    Effort,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)
from runcoach.domain.units import (
    UnitSystem,
    counted,
    distances_in,
    format_distance,
    format_duration,
    format_pace,
)

Say = Callable[[str], str]  # a note or a tip in a door's words (a Pointer phrased)


def pace_band(band: PaceRange, units: UnitSystem) -> str:
    fast, slow = format_pace(band.fast, units), format_pace(band.slow, units)
    return f"{fast.split('/')[0]}-{slow}"


def step_line(step: Step, units: UnitSystem) -> str:
    amount = (
        format_duration(step.duration_s)
        if step.duration_s is not None
        else _step_distance(step.distance_m or 0.0, units)
    )
    target = [pace_band(step.pace, units)] if step.pace else []
    target += [step.effort.value] if step.effort else []
    note = f" ({step.note})" if step.note else ""
    return f"{step.kind.value.capitalize()} {amount} @ {', '.join(target) or 'open'}{note}"


TRACK_DISTANCE_M = 3000.0  # reps up to this are written in metres, as on a track (m)


def _step_distance(metres: float, units: UnitSystem) -> str:
    if metres <= TRACK_DISTANCE_M and metres == round(metres):
        return f"{metres:.0f} m"
    return format_distance(metres, units, digits=2)


def block_lines(block: Block, units: UnitSystem) -> list[str]:
    if isinstance(block, Repeat):
        inner = "; ".join(step_line(s, units) for s in block.steps)
        return [f"{block.count} x [ {inner} ]"]
    return [step_line(block, units)]


def summary(w: Workout, units: UnitSystem = UnitSystem.METRIC) -> str:
    """One line: title, time and distance. A race shows the race itself (its distance and
    target time), not the warm-up and cool-down jogged around it; a long run's distance is
    written in the runner's units."""
    if not w.is_run:
        minutes = w.total_duration_s() / 60
        return f"{w.title}" + (f" ({minutes:.0f} min)" if minutes else "")
    if w.kind is WorkoutKind.RACE:
        race_m, race_s = _race_part(w)
        return (
            f"{w.title} ({format_distance(race_m, units, digits=2)} in {format_duration(race_s)})"
        )
    dist = format_distance(w.total_distance_m(), units, digits=1)
    return f"{_title(w, units)} ({format_duration(w.total_duration_s())}, ~{dist})"


def _race_part(w: Workout) -> tuple[float, float]:
    """The race's own distance (m) and target time (s): its work steps."""
    work = [s for s in w.steps() if s.kind is StepKind.WORK and s.distance_m]
    metres = sum(s.distance_m or 0.0 for s in work)
    seconds = sum(
        (s.distance_m or 0.0) / 1000 * s.pace.middle.seconds_per_km for s in work if s.pace
    )
    return metres, seconds


def _title(w: Workout, units: UnitSystem) -> str:
    """A long run's title carries its distance: written in the runner's units."""
    if w.kind is not WorkoutKind.LONG:
        return distances_in(w.title, units)
    head = "Back-to-back long run" if w.title.startswith("Back-to-back") else "Long run"
    title = f"{head} {format_distance(w.total_distance_m(), units, digits=1)}"
    pace_m = sum(s.distance_m or 0.0 for s in w.steps() if s.effort is Effort.MARATHON)
    if pace_m:  # domain/plans/long_finish.py's marathon-pace finish
        title += f", the last {format_distance(pace_m, units, digits=0)} at marathon pace"
    return title


def describe(w: Workout, units: UnitSystem = UnitSystem.METRIC, say: Say = str) -> str:
    """Everything about a workout: steps with paces, the mini version, the tip (its notes
    and tip in a door's words: ``say``)."""
    lines = [summary(w, units)]
    lines += [f"  - {line}" for b in w.blocks for line in block_lines(b, units)]
    lines += [f"  - {e.name}: {e.amount}. {e.how}" for e in w.exercises]
    extras = [x for x in (w.surface and f"surface {w.surface.value}",
                          w.terrain and f"terrain {w.terrain.value}",
                          w.shoe and f"shoes {w.shoe}") if x]  # fmt: skip
    if extras:
        lines.append("  " + ", ".join(str(x) for x in extras))
    if w.benchmark:
        lines.append(f"  Benchmark '{w.benchmark}': compare with last time.")
    if w.mini is not None:
        lines.append(f"  Tired? Mini version: {summary(w.mini, units)}")
        lines += [f"    - {line}" for b in w.mini.blocks for line in block_lines(b, units)]
    if w.tip:
        lines.append(f"  Tip: {say(w.tip)}")
    lines += [f"  Note: {distances_in(say(n), units)}" for n in w.notes]
    return "\n".join(lines)


def day_line(day: Day, units: UnitSystem) -> str:
    label = f"{day.day:%a %d %b}"
    kind = day.day_type
    if kind.allowance.value == "short":
        label += f" [{kind.name}, max {kind.max_minutes:g} min]"
    elif kind.allowance.value == "none":
        label += f" [{kind.name}, no run]"
    parts = "; ".join(summary(w, units) for w in day.workouts) or "rest"
    return f"  {label}  {parts}"


def week_text(week: Week, units: UnitSystem, details: bool = False, say: Say = str) -> str:
    flag = ", recovery week" if week.recovery else ""
    head = (
        f"Week {week.index} ({week.phase.value}{flag}) from {week.start}: "
        f"{format_distance(week.distance_m, units, digits=1)} in {week.run_days} run days"
    )
    lines = [head]
    for day in week.days:
        lines.append(day_line(day, units))
        if details:
            lines += [_indent(describe(w, units, say), "      ") for w in day.workouts]
    lines += [f"  Note: {distances_in(say(n), units)}" for n in week.notes]
    return "\n".join(lines)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def plan_text(
    plan: Plan,
    units: UnitSystem = UnitSystem.METRIC,
    only_week: int | None = None,
    details: bool = False,
    say: Say = str,
) -> str:
    """The plan for a terminal: header, notes, then week by week (or one week); its notes
    and tips in the door's words (``say`` phrases a ``domain.hints.Pointer``)."""
    count = len(plan.weeks)
    lines = [f"{plan.summary()}: {plan.start} to {plan.end}, {counted(count, 'week')}"]
    if plan.vdot:
        lines.append(f"Fitness: VDOT {plan.vdot}. Paces: " + ", ".join(
            f"{name} {pace_band(band, units)}" for name, band in plan.paces.items()))  # fmt: skip
    lines += [f"! {distances_in(say(note), units)}" for note in plan.notes]
    lines += [f"! Cannot keep '{x.rule}': {distances_in(x.why, units)}" for x in plan.limitations]
    weeks = [w for w in plan.weeks if only_week is None or w.index == only_week]
    lines += [""] + [week_text(w, units, details, say) + "\n" for w in weeks]
    return "\n".join(lines).rstrip() + "\n"
