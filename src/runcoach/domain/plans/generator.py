"""The plan generator: a profile and today's date in, a plan that keeps the rules out.

Pure: ``today`` and the fitness model are passed in. The weeks are aligned so that the goal
race is the last day of the last week; an open-ended plan starts today.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.plans.across_weeks import Laid, Progress, last_day_easy, lay_weeks
from runcoach.domain.plans.benchmark_series import (
    BENCHMARK_GAP_WEEKS,
    benchmark_edition,
    benchmark_weeks,
    edition_due,
)
from runcoach.domain.plans.building import (
    Build,
    allowed_volume_m,
    block_peak_m,
    cycle_weeks,
    growth_weeks,
    races_m,
    say_routines,
    say_run_days,
    steady_volume_m,
    work_weeks,
)
from runcoach.domain.plans.held import after_a_held_week, days_hold_m, mark_held_week
from runcoach.domain.plans.layout import Carry, WeekLayout
from runcoach.domain.plans.long_finish import add_marathon_pace_finishes
from runcoach.domain.plans.long_peak import long_run_peak_m, say_long_peak
from runcoach.domain.plans.model import Baseline, Phase, Plan, Week
from runcoach.domain.plans.paces import FitnessModel
from runcoach.domain.plans.plan_frame import baseline_of, frame, plan_title, rotation_from_today
from runcoach.domain.plans.plan_notes import say_after_weeks, say_careful, say_long_efforts
from runcoach.domain.plans.plan_races import kept_tune_up_m, protected_days, races_of, tune_up_weeks
from runcoach.domain.plans.profile import Profile, RaceEntry
from runcoach.domain.plans.programs import apply_program
from runcoach.domain.plans.sessions import catalogue
from runcoach.domain.plans.shape import ULTRA_M, WeekShape, recovery_volume_m, shape_weeks
from runcoach.domain.plans.variety import assign_variety
from runcoach.domain.plans.vdot_path import current_vdot, vdot_path
from runcoach.domain.plans.verdict import realistic_goal
from runcoach.domain.plans.week_input import (
    LONG_SHARE_MARGIN,
    as_after_a_usual_week,
    block_long_share,
    program_week,
    week_from_slots,
    week_input,
)

HELD_MIN_WEEKS = 7  # a plan this long after week 1 that cannot build starts at its level (weeks)


def generate(profile: Profile, today: date, model: FitnessModel) -> Plan:
    """Build the plan for ``profile`` starting on or after ``today``."""
    profile = apply_program(rotation_from_today(profile, today), today)
    b = Build(profile, today, model)
    start, weeks = frame(b)
    baseline = baseline_of(b)
    vdot_now = current_vdot(b)
    careful = profile.is_beginner or profile.recent_injury is not None or profile.is_masters
    say_careful(b)
    races = races_of(b, start)
    starts = [start + timedelta(days=7 * k) for k in range(weeks)]
    period = cycle_weeks(profile.availability, starts)
    shapes = shape_weeks(
        start,
        weeks,
        profile.goal.distance_m,
        profile.years_running,
        baseline.weekly_distance_m,
        careful,
        tune_up_weeks(races, start),
        profile.also_m,
        max(
            block_peak_m(profile, period),
            long_run_peak_m(profile, baseline.longest_run_m, LONG_SHARE_MARGIN),
        ),
        work_weeks(profile.availability, starts),
    )
    planned_peak_m = max((s.volume_m for s in shapes if s.phase is not Phase.TAPER), default=None)
    b.profile = profile = realistic_goal(b, planned_peak_m)  # judged on the volume planned
    vdots = vdot_path(b, vdot_now, shapes)
    plan_weeks = _held_from_week_one(b, shapes, vdots, races, baseline)
    say_long_peak(b.notes, profile, baseline, plan_weeks, LONG_SHARE_MARGIN)
    say_run_days(b, plan_weeks)
    say_routines(b, plan_weeks)
    return Plan(
        goal=profile.goal,
        created=today,
        baseline=baseline,
        weeks=plan_weeks,
        title=plan_title(profile),
        program=profile.program,
        vdot=round(vdot_now, 1),
        paces=b.model.paces(vdot_now).named(),
        notes=b.notes,
        limitations=b.limitations,
        waivers=b.waivers,
        max_run_days=profile.availability.run_days_wanted,
        min_run_days=profile.availability.run_days_least,
    )


def _weeks(
    b: Build,
    shapes: list[WeekShape],
    vdots: list[float],
    races: dict[date, tuple[RaceEntry, bool]],
    baseline: Baseline,
) -> list[Week]:
    p, goal = b.profile, b.profile.goal
    cat = catalogue(goal.distance_m, p.availability.facilities, p.dislikes)
    bench = [] if p.program == "sub-5-mile" else benchmark_weeks(b, shapes)
    protected = protected_days(b, races)
    ultra = (p.goal_races_m or 0) > ULTRA_M
    say_long_efforts(b, ultra)
    out: list[Week] = []
    period = cycle_weeks(p.availability, [s.start for s in shapes])
    growth = growth_weeks(p.availability, [s.start for s in shapes])  # the rules' reading

    def lay(shape: WeekShape, vdot: float, prog: Progress, easy_last: bool) -> Laid:
        """One week laid out after ``out``, from ``prog`` (which it moves on)."""
        before, given = prog.copy(), shape
        ceiling = allowed_volume_m(
            out, baseline.weekly_distance_m, b.profile.goal.race_days, growth
        )
        ceiling = min(
            ceiling,
            steady_volume_m(out, b.profile.goal.race_days, baseline.weekly_distance_m, period),
        )
        ran = [w for w in out if w.distance_m > 0]  # a week without a run day sets no level
        race_week = any(shape.start <= d < shape.start + timedelta(days=7) for d in races)
        shape = after_a_held_week(shape, out, race_week)  # never two lighter weeks in a row
        paces = b.model.paces(vdot)
        if shape.recovery and ran:  # lighter than the week before, with room for a tune-up
            race_m = kept_tune_up_m(b, paces, races, shape, prog.carry.max_long_m)
            light = recovery_volume_m(ran[-1].distance_m, race_m)
            ceiling = min(ceiling, light)
            # lighter than the week the runner really ran, not than the shape's level: where
            # the shortest runs make the weeks bigger than the shape (a start from 1 km a
            # week), 75 % of the shape's level left a week of one 2 km run
            shape = replace(shape, volume_m=max(shape.volume_m, light))
        if shape.phase is Phase.TAPER and out:
            peak = max(w.distance_m - races_m(w) for w in out)  # training, races aside
            ceiling = min(ceiling, peak * shape.long_factor)
        shape = replace(shape, volume_m=min(shape.volume_m, ceiling))
        wk = week_input(
            b, shape, paces, cat.for_phase(shape.phase), races, protected, baseline, shapes[0].start
        )
        wk.smaller = cat.base if shape.phase in (Phase.BUILD, Phase.PEAK) else ()
        wk.long_share = block_long_share(b, wk, out, period) or wk.long_share
        done = prog.done_bench
        if edition_due(bench, done, prog.last_bench, shape):
            if prog.bench_m is None:  # sized once, on the first edition: every edition the same
                prog.bench_m = min(out[0].distance_m if out else shape.volume_m, shape.volume_m)
            wk.benchmark = benchmark_edition(b, paces, vdots[0], done, prog.bench_m)
        program_week(b, wk, shape, paces)
        if easy_last:
            last_day_easy(wk)
        if not out:
            as_after_a_usual_week(wk, prog.carry)
        layout = WeekLayout(wk, prog.carry)
        holds_m = days_hold_m(layout)  # the most the week's days hold, before it is laid out
        slots = layout.build()
        out.append(week_from_slots(shape, wk, slots))
        mark_held_week(out, baseline.weekly_distance_m, b.profile.goal.race_days, holds_m, period)
        # a benchmark the week could not hold (a short-day week) moves to the next week
        if wk.benchmark is not None and any(w.benchmark for s in slots for w in s):
            prog.done_bench, prog.last_bench = prog.done_bench + 1, shape.index
        return Laid(given, vdot, before, wk, slots)

    start = Progress(Carry(max_long_m=baseline.longest_run_m), last_bench=-BENCHMARK_GAP_WEEKS)
    progress = lay_weeks(list(zip(shapes, vdots, strict=True)), lay, start, out)
    assign_variety(out, p)
    add_marathon_pace_finishes(out, [b.model.paces(v) for v in vdots], p.goal_races_m, ultra)
    bench_count = 5 if p.program == "sub-5-mile" else len(bench)
    say_after_weeks(b, out, bench_count, ultra, baseline.longest_run_m, progress.carry)
    return out


def _held_from_week_one(
    b: Build,
    shapes: list[WeekShape],
    vdots: list[float],
    races: dict[date, tuple[RaceEntry, bool]],
    baseline: Baseline,
) -> list[Week]:
    """The weeks; when no later week holds what week 1 does (a runner whose volume now is
    over what the plan's days and caps hold: the plan holds, it cannot build), week 1 is
    built again at the most a later week holds, so the plan never starts at its biggest."""
    said = len(b.notes), len(b.limitations), len(b.waivers)
    weeks = _weeks(b, shapes, vdots, races, baseline)
    later = [w.distance_m - races_m(w) for w in weeks[1:] if w.phase is not Phase.TAPER]
    first = weeks[0].distance_m - races_m(weeks[0])
    if len(later) < HELD_MIN_WEEKS or max(later) >= first or shapes[0].phase is Phase.TAPER:
        return weeks
    del b.notes[said[0] :], b.limitations[said[1] :], b.waivers[said[2] :]
    lower = replace(shapes[0], volume_m=min(shapes[0].volume_m, max(later)))
    return _weeks(b, [lower, *shapes[1:]], vdots, races, baseline)
