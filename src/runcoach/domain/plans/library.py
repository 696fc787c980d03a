"""The workouts a plan is made of: structured, with their mini version and a coaching tip.

Every quality workout carries a mini version for a tired day: shorter and often a notch
less intense (a 20-minute tempo becomes 10 minutes; 6 x 800 m at 5k pace becomes
4 x 800 m at 10k pace).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from runcoach.domain.plans.paces import PlanPaces
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
from runcoach.domain.run.runs import Surface, Terrain
from runcoach.domain.units import Pace, distance_label, format_duration

WARM_UP_MIN = 15  # warm-up before quality (minutes; 10-20), coaching practice
COOL_DOWN_MIN = 10  # cool-down after quality (minutes; 10-15), coaching practice
MINI_MIN_TEMPO_MIN = 10  # the shortest mini tempo (minutes)
HILL_PACE_FACTOR = 1.15  # uphill pace vs interval pace on the flat, for distance estimates

Builder = Callable[[PlanPaces, int], Workout]


def _fewer(reps: int, wanted: int) -> int:
    """Reps of a mini version: ``wanted``, but always fewer than the full session's."""
    return max(1, min(reps - 1, wanted))


def _min(minutes: float) -> float:
    return minutes * 60.0


def warm_up(p: PlanPaces, minutes: float = WARM_UP_MIN) -> Step:
    return Step(StepKind.WARM_UP, duration_s=_min(minutes), pace=p.easy, effort=Effort.EASY)


def cool_down(p: PlanPaces, minutes: float = COOL_DOWN_MIN) -> Step:
    return Step(StepKind.COOL_DOWN, duration_s=_min(minutes), pace=p.easy, effort=Effort.EASY)


def _jog(seconds: float, p: PlanPaces) -> Step:
    return Step(StepKind.RECOVERY, duration_s=seconds, pace=p.easy.scaled(1.05), effort=Effort.JOG)


def easy_run(p: PlanPaces, minutes: float, title: str = "") -> Workout:
    return Workout(
        WorkoutKind.EASY,
        title or f"Easy run {minutes:.0f} min",
        (Step(StepKind.WORK, duration_s=_min(minutes), pace=p.easy, effort=Effort.EASY),),
        tip="Conversational: you could talk in full sentences. Easy days make the hard ones work.",
    )


def recovery_run(p: PlanPaces, minutes: float) -> Workout:
    slow = p.easy.scaled(1.06)
    return Workout(
        WorkoutKind.RECOVERY,
        f"Recovery run {minutes:.0f} min",
        (Step(StepKind.WORK, duration_s=_min(minutes), pace=slow, effort=Effort.EASY),),
        tip="Slower than easy, on soft ground if you can. It is there to loosen up, not to train.",
    )


def strides_run(p: PlanPaces, minutes: float) -> Workout:
    easy = max(minutes - 8, 10)
    return Workout(
        WorkoutKind.STRIDES,
        f"Easy {easy:.0f} min + 6 strides",
        (
            Step(StepKind.WORK, duration_s=_min(easy), pace=p.easy, effort=Effort.EASY),
            Repeat(
                6,
                (
                    Step(
                        StepKind.WORK,
                        duration_s=20,
                        pace=p.repetition,
                        effort=Effort.HARD,
                        note="stride: fast and relaxed, not a sprint",
                    ),
                    _jog(60, p),
                ),
            ),
        ),
        tip="Strides keep speed and form in an easy week: smooth, tall, quick feet, full recovery.",
    )


def long_run(p: PlanPaces, distance_m: float, terrain: Terrain | None = None) -> Workout:
    km = distance_m / 1000
    slow = PaceRange(p.easy.fast, p.easy.slow.scaled(1.04))
    return Workout(
        WorkoutKind.LONG,
        f"Long run {km:.1f} km",
        (Step(StepKind.WORK, distance_m=distance_m, pace=slow, effort=Effort.EASY),),
        tip=(
            "Start slower than you think, stay easy all the way; fuel and drink as you will on "
            "race day if it lasts over 75 minutes. The long run builds the engine."
        ),
        terrain=terrain,
    )


def back_to_back_long_run(p: PlanPaces, distance_m: float) -> Workout:
    """An ultra's second long run, the day after the first: easy, on tired legs."""
    first = long_run(p, distance_m)
    return first.with_changes(
        title=f"Back-to-back long run {distance_m / 1000:.1f} km",
        tip=(
            "The day after the long run, on tired legs: walk the climbs, eat and drink as in the "
            "race. It teaches the body the second half of an ultra without one huge run."
        ),
    )


def tempo(p: PlanPaces, minutes: float) -> Workout:
    def build(work_min: float) -> Workout:
        return Workout(
            WorkoutKind.TEMPO,
            f"Tempo {work_min:.0f} min",
            (
                warm_up(p),
                Step(
                    StepKind.WORK,
                    duration_s=_min(work_min),
                    pace=p.threshold,
                    effort=Effort.THRESHOLD,
                ),
                cool_down(p),
            ),
            tip="Comfortably hard: a pace you could race for about an hour. Even, never faster.",
        )

    return build(minutes).with_changes(mini=build(max(MINI_MIN_TEMPO_MIN, round(minutes / 2))))


def cruise_intervals(p: PlanPaces, reps: int, minutes: float) -> Workout:
    def build(n: int) -> Workout:
        return Workout(
            WorkoutKind.TEMPO,
            f"Cruise intervals {n} x {minutes:.0f} min",
            (
                warm_up(p),
                Repeat(
                    n,
                    (
                        Step(
                            StepKind.WORK,
                            duration_s=_min(minutes),
                            pace=p.threshold,
                            effort=Effort.THRESHOLD,
                        ),
                        _jog(60, p),
                    ),
                ),
                cool_down(p),
            ),
            tip="Threshold pace broken by short jogs: more time at the pace that lifts endurance.",
        )

    return build(reps).with_changes(mini=build(_fewer(reps, max(2, reps - 2))))


# Pace one notch easier for a mini version (5k -> 10k, interval -> threshold ...).
_EASIER = {
    "mile": "5k",
    "repetition": "interval",
    "interval": "threshold",
    "5k": "10k",
    "10k": "half",
    "half": "marathon",
    "threshold": "marathon",
}


def intervals(
    p: PlanPaces, reps: int, distance_m: float, pace_name: str, recovery_s: float
) -> Workout:
    def build(n: int, name: str, mini: Workout | None) -> Workout:
        pace = p.named()[name]
        return Workout(
            WorkoutKind.INTERVALS,
            f"{n} x {distance_label(distance_m)} at {name} pace",
            (
                warm_up(p),
                Repeat(
                    n,
                    (
                        Step(StepKind.WORK, distance_m=distance_m, pace=pace, effort=Effort.HARD),
                        _jog(recovery_s, p),
                    ),
                ),
                cool_down(p),
            ),
            tip="Run every rep at the same pace; the last should feel hard but still in control.",
            mini=mini,
        )

    easier = _EASIER.get(pace_name, pace_name)
    return build(reps, pace_name, build(_fewer(reps, math.ceil(reps * 2 / 3)), easier, None))


SHORT_DAY_WARM_UP_MIN = 10  # a short day's session: its warm-up jog, drills inside (minutes)
SHORT_DAY_COOL_DOWN_MIN = 3  # ... and its cool-down (minutes)
SHORT_DAY_REP_S, SHORT_DAY_JOG_S = 180.0, 90.0  # 3 min at interval pace, 90 s jog (Daniels'
# I-pace reps of 3-5 min with shorter jogs; 2-minute reps the week after, for variety)
SHORT_DAY_MIN_REPS = 3  # fewer reps than this is no session (reps)


def short_day_intervals(p: PlanPaces, minutes: float, rep_min: int = 3) -> Workout | None:
    """A quality session that fits a short day of ``minutes``, everything included: a 10
    minute warm-up jog, as many reps of ``rep_min`` minutes at interval pace (half as long a
    jog after each) as fit, a 3-minute cool-down; ``None`` when fewer than 3 reps fit."""
    rep_s = _min(rep_min)
    room_s = _min(minutes - SHORT_DAY_WARM_UP_MIN - SHORT_DAY_COOL_DOWN_MIN)
    reps = int(room_s // (rep_s * (1 + SHORT_DAY_JOG_S / SHORT_DAY_REP_S)))
    if reps < SHORT_DAY_MIN_REPS:
        return None

    def build(n: int, name: str, mini: Workout | None) -> Workout:
        work = Step(StepKind.WORK, duration_s=rep_s, pace=p.named()[name], effort=Effort.HARD)
        jog = _jog(rep_s * SHORT_DAY_JOG_S / SHORT_DAY_REP_S, p)
        return Workout(
            WorkoutKind.INTERVALS,
            f"{n} x {rep_min} min at {name} pace (short day)",
            (
                warm_up(p, SHORT_DAY_WARM_UP_MIN),
                Repeat(n, (work, jog)),
                cool_down(p, SHORT_DAY_COOL_DOWN_MIN),
            ),
            tip="A whole session in half an hour: a few drills in the warm-up jog, then every "
            "rep at the same controlled pace. Short days can still hold quality.",
            mini=mini,
        )

    return build(reps, "interval", build(_fewer(reps, reps - 1), "10k", None))


def progression(p: PlanPaces, minutes: float) -> Workout:
    def build(total: float) -> Workout:
        return Workout(
            WorkoutKind.PROGRESSION,
            f"Progression run {total:.0f} min",
            (
                Step(
                    StepKind.WARM_UP, duration_s=_min(total * 0.5), pace=p.easy, effort=Effort.EASY
                ),
                Step(
                    StepKind.WORK,
                    duration_s=_min(total * 0.3),
                    pace=p.marathon,
                    effort=Effort.MARATHON,
                ),
                Step(
                    StepKind.WORK,
                    duration_s=_min(total * 0.2),
                    pace=p.threshold,
                    effort=Effort.THRESHOLD,
                ),
            ),
            tip="Start easy and let the pace come to you; finish strong but never sprinting.",
        )

    return build(minutes).with_changes(mini=build(max(20, round(minutes * 0.6))))


def hills(p: PlanPaces, reps: int, seconds: float, treadmill: bool) -> Workout:
    where = "treadmill at 6-8 % incline" if treadmill else "a steady hill"

    def build(n: int) -> Workout:
        up = Step(
            StepKind.WORK,
            duration_s=seconds,
            pace=p.interval.scaled(HILL_PACE_FACTOR),
            effort=Effort.HARD,
            note=f"uphill on {where}",
        )
        down = Step(
            StepKind.RECOVERY,
            duration_s=seconds * 2,
            pace=p.easy.scaled(1.1),
            effort=Effort.JOG,
            note="jog back down" if not treadmill else "walk/jog flat",
        )
        return Workout(
            WorkoutKind.HILLS,
            f"Hill repeats {n} x {seconds:.0f} s" + (" (treadmill)" if treadmill else ""),
            (warm_up(p), Repeat(n, (up, down)), cool_down(p)),
            tip="Drive the arms, short quick steps, eyes up the hill. Strength in disguise.",
        )

    return build(reps).with_changes(mini=build(_fewer(reps, max(3, reps // 2))))


def fartlek(p: PlanPaces, reps: int) -> Workout:
    def build(n: int) -> Workout:
        return Workout(
            WorkoutKind.INTERVALS,
            f"Fartlek {n} x 1 min on / 1 min off",
            (
                warm_up(p),
                Repeat(
                    n,
                    (
                        Step(StepKind.WORK, duration_s=60, pace=p.ten_k, effort=Effort.HARD),
                        _jog(60, p),
                    ),
                ),
                cool_down(p),
            ),
            tip="Play with speed: on at about 10k effort, off at an easy jog. No watch-staring.",
        )

    return build(reps).with_changes(mini=build(_fewer(reps, max(4, reps // 2))))


def marathon_pace(p: PlanPaces, km: float) -> Workout:
    def build(k: float) -> Workout:
        return Workout(
            WorkoutKind.TEMPO,
            f"{k:.0f} km at marathon pace",
            (
                warm_up(p),
                Step(StepKind.WORK, distance_m=k * 1000, pace=p.marathon, effort=Effort.MARATHON),
                cool_down(p),
            ),
            tip="Rehearse race day: the pace, the shoes, the drinks. It should feel controlled.",
        )

    return build(km).with_changes(mini=build(max(3.0, round(km / 2))))


def race(p: PlanPaces, distance_m: float, pace: PaceRange, name: str) -> Workout:
    return Workout(
        WorkoutKind.RACE,
        name or f"Race: {distance_label(distance_m)}",
        (
            warm_up(p, 10 if distance_m < 10000 else 5),
            Step(StepKind.WORK, distance_m=distance_m, pace=pace, effort=Effort.HARD),
            cool_down(p, 10 if distance_m < 10000 else 5),
        ),
        tip="Start a little slower than goal pace for the first kilometre; race the second half.",
    )


SMALL_BENCHMARK_WEEK_M = 30000.0  # below this weekly volume (m) the benchmark is smaller
TINY_BENCHMARK_WEEK_M = 20000.0  # below this (m) it is 3 x 800 m
SMALL_WARM_UP_MIN = 10  # warm-up and cool-down of a small runner's benchmark (minutes)
SMALL_COOL_DOWN_MIN = 5
# (reps, distance m, jog s) from the biggest to the smallest, by goal family
_BENCHMARKS = {
    "mile": ((4, 400.0, 90.0), (3, 400.0, 90.0)),
    "10k": ((5, 1000.0, 120.0), (3, 1000.0, 120.0), (3, 800.0, 120.0), (3, 600.0, 120.0)),
    "long": ((3, 2000.0, 120.0), (3, 1000.0, 120.0), (3, 800.0, 120.0), (3, 600.0, 120.0)),
}


def benchmark(
    p: PlanPaces,
    goal_m: float,
    pace: PaceRange,
    name: str,
    week_m: float = float("inf"),
    longest_m: float = float("inf"),
) -> Workout:
    """The key session repeated through the plan, at a target pace that tightens. Its size
    follows the runner now (a 15 km week gets 3 x 800 m, never a session longer than the
    longest run allows) and stays the same in every edition, so the editions compare."""
    small, tiny = week_m < SMALL_BENCHMARK_WEEK_M, week_m < TINY_BENCHMARK_WEEK_M
    family = "mile" if goal_m < 3000 else ("10k" if goal_m <= 10000 else "long")
    specs = _BENCHMARKS[family][(2 if tiny else 1) if small else 0 :] or _BENCHMARKS[family][-1:]
    before, after = (
        (SMALL_WARM_UP_MIN, SMALL_COOL_DOWN_MIN) if small else (WARM_UP_MIN, COOL_DOWN_MIN)
    )

    def build(reps: int, distance: float, rest: float, title: str) -> Workout:
        work = Step(StepKind.WORK, distance_m=distance, pace=pace, effort=Effort.HARD)
        steps = (warm_up(p, before), Repeat(reps, (work, _jog(rest, p))), cool_down(p, after))
        return Workout(WorkoutKind.INTERVALS, f"{title}{reps} x {distance_label(distance)}", steps)

    for reps, distance, rest in specs:
        full = build(reps, distance, rest, "Benchmark: ")
        if full.total_distance_m() <= longest_m or (reps, distance, rest) == specs[-1]:
            break
    mini = build(max(1, reps - 2), distance, rest, "")
    return full.with_changes(
        mini=mini.with_changes(title=f"{mini.title} (mini benchmark)"),
        tip="The same session every few weeks at a slightly faster target: your progress, seen.",
        benchmark=name,
    )


def benchmark_on_a_short_day(p: PlanPaces, full: Workout) -> Workout | None:
    """The benchmark with a small runner's 10-minute warm-up and 5-minute cool-down, the reps
    the series' own (so the edition still compares): for a week whose only days that hold the
    whole session are next to its long run, a 60-minute weekday holds it instead of the
    Saturday before a Sunday long run (a hard day the day before the long run is what every
    coach avoids: Daniels' hard/easy rule). ``None`` when its ends are short already."""
    short = _short_ends(p, full)
    if short == full.blocks:
        return None
    note = (f"A {SMALL_WARM_UP_MIN}-minute warm-up and {SMALL_COOL_DOWN_MIN}-minute cool-down "
            "to fit the day; the reps are the series' own.")  # fmt: skip
    mini = full.mini and full.mini.with_changes(blocks=_short_ends(p, full.mini))
    return full.with_changes(blocks=short, notes=(*full.notes, note), mini=mini)


def _short_ends(p: PlanPaces, workout: Workout) -> tuple[Block, ...]:
    """The workout's blocks with a 10-minute warm-up and a 5-minute cool-down (its mini
    version too: never longer than the session it stands in for)."""
    _, *middle, _ = workout.blocks
    return (warm_up(p, SMALL_WARM_UP_MIN), *middle, cool_down(p, SMALL_COOL_DOWN_MIN))


TRACK_LAP_M = {"track": 400.0, "indoor": 200.0}  # a lap of an outdoor and an indoor track (m)


def on_a_track(race: Workout, distance_m: float, pace: Pace, venue: str) -> Workout:
    """A track or indoor race: on the track, with its laps and the target lap time."""
    lap_m = TRACK_LAP_M.get(venue)
    if lap_m is None:
        return race
    where = "an indoor 200 m track" if venue == "indoor" else "a 400 m track"
    bends = ", tight banked bends: stay in lane 1, pass on the straights" if lap_m < 400 else ""
    note = (
        f"On {where}: {distance_m / lap_m:g} laps{bends}; run it lap by lap at "
        f"{format_duration(pace.seconds_per_km * lap_m / 1000)} a lap."
    )
    return race.with_changes(surface=Surface.TRACK, terrain=Terrain.FLAT, notes=(*race.notes, note))
