"""The rules that name a session from its shape: laps, fast bouts, climbs, thirds, context.

Each rule returns ``(WorkoutType, reason)`` or ``None``; ``tagging.infer_workout_type``
asks them in order. All thresholds are runcoach's rules, chosen from common coaching
practice (the session shapes of Daniels' Running Formula and Pfitzinger's Advanced
Marathoning), and explained for runners in docs/run-analysis.md.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from runcoach.domain.run.runs import FloatArray, Lap, Run, WorkoutType
from runcoach.domain.run.segments import MIN_CONTRAST, Bout, Climb, Profile, fast_bouts
from runcoach.domain.units import (
    Pace,
    distance_label,
    format_distance,
    format_duration,
    format_pace,
)

Shape = tuple[WorkoutType, str]

INTERVAL_MIN_REPS = 3  # repetitions, 2-6; fewer fast bouts are surges, not a session
INTERVAL_MAX_REPS = 30  # repetitions; more is pace noise or stop-and-go, not a session
INTERVAL_MIN_REP_S = 30.0  # s, 20-60; shorter bouts are strides or noise (200 m at 3:20/km
# is 40 s)
INTERVAL_MIN_WORK_S = 4 * 60.0  # s, 3-8 min; the least total work of a real session
INTERVAL_MAX_SPREAD = 0.5  # coefficient of variation of rep durations, 0.3-0.8; reps of a
# session are alike, the surges of an unstructured run are not
LAP_MIN_CONTRAST = 0.12  # fraction, 0.08-0.25; fast laps this much quicker than the others
AUTO_LAP_SAME = 0.02  # fraction; laps (but the last) within 2 % of one distance are auto-laps,
# not laps the runner pressed to mark the parts of a session
TEMPO_LAPS_MAX_RANGE = 1.15  # fastest / slowest work lap speed, 1.1-1.2; a tempo may speed up
# (4:40 then 4:14/km) but laps further apart are a fartlek, not one tempo
STRIDE_MAX_S = 40.0  # s, 15-45; strides are 15-30 s accelerations (~100 m)
STRIDE_MIN_S = 12.0  # s, 8-15; the typical stride bout lasts this long at least (shorter: noise)
STRIDES_IN_LAST = 0.35  # fraction of the run's time; strides come at the end of an easy run
TEMPO_MIN_S = 12 * 60.0  # s, 10-20 min; the shortest sustained tempo (Daniels: 20 min typical)
TEMPO_MAX_VARIATION = 0.08  # coefficient of variation of speed, 0.03-0.12; "steady"
WARM_UP_MIN_S = 3 * 60.0  # s; a tempo starts after some easier running
COOL_DOWN_MIN_S = 2 * 60.0  # s; and ends before the run does (else it is a fast finish)
HILL_MIN_GAIN_M = 8.0  # m, 5-30; a climb worth repeating
HILL_MIN_GRADE = 0.04  # rise over distance, 0.03-0.10; hill repeats use a real hill (4-8 %)
HILL_SAME_HILL = 0.5  # fraction; climbs within +-50 % of the typical gain are the same hill
HILL_UP_VS_DOWN = 0.85  # ratio of speeds, 0.7-1.0; hill repeats are run up hard and jogged
# down, so the ups are about as quick as the downs; in an easy hilly run they are far slower
PROGRESSION_STEP = 0.02  # fraction of pace, 0.01-0.05; each third at least 2 % faster
PROGRESSION_MAX_RANGE = 1.35  # slowest / fastest third pace, 1.2-1.5; easy to threshold is
# about 1.25; a bigger change is a walk turned into a run or stop-and-go, not a progression
PROGRESSION_MIN_S = 20 * 60.0  # s; shorter runs are too short to call progressive
LONG_VS_MEDIAN = 1.5  # x the runner's median run distance, 1.3-2.0
LONG_MIN_S = 75 * 60.0  # s, 60-90 min; a long run is long in time too
LONG_ALONE_S = 90 * 60.0  # s; long for anyone, when the runner's usual runs are unknown
RECOVERY_SLOWER = 0.05  # fraction, 0.03-0.15; slower than easy pace by this much
RECOVERY_MAX_S = 45 * 60.0  # s, 20-60 min; recovery runs are short

_WORK_LAPS = {"active", "interval", "work"}
_REST_LAPS = {"rest", "recovery"}


@dataclass(frozen=True)
class RunnerContext:
    """What runcoach knows about the runner's recent running (None: not known)."""

    median_distance_m: float | None = None  # of the recent runs (e.g. the last 6 weeks)
    longest_distance_m: float | None = None
    easy_pace: Pace | None = None


RECENT_DAYS = 42  # days of runs before a run that say what is long or easy for the runner
# (6 weeks: a training block; the context of tagging.infer_tags)


def runner_context(recent: Sequence[Run]) -> RunnerContext:
    """The context from the runner's recent runs (say the last 6 weeks; the caller picks).

    The median distance of the runs, the longest, and the median pace of those tagged easy.
    """
    distances = [r.distance_m for r in recent if r.is_run and r.distance_m]
    easy = [r.pace for r in recent if r.is_run and r.workout_type is WorkoutType.EASY]
    easy_s = [p.seconds_per_km for p in easy if p is not None]
    return RunnerContext(
        median_distance_m=statistics.median(distances) if distances else None,
        longest_distance_m=max(distances) if distances else None,
        easy_pace=Pace(statistics.median(easy_s)) if easy_s else None,
    )


# --- laps ------------------------------------------------------------------------------------


def classify_by_laps(laps: list[Lap]) -> Shape | None:
    """Intervals or a tempo from laps the device marked, else from lap paces."""
    return _marked_laps(laps) or _lap_paces(laps) or _lap_tempo(laps)


def _marked_laps(laps: list[Lap]) -> Shape | None:
    work = [lap for lap in laps if (lap.intensity or "").lower() in _WORK_LAPS]
    rests = [lap for lap in laps if (lap.intensity or "").lower() in _REST_LAPS]
    if len(work) >= INTERVAL_MIN_REPS and rests:
        return WorkoutType.INTERVALS, f"{len(work)} work laps {_lap_size(work)} with recoveries"
    marked = {(lap.intensity or "").lower() for lap in laps} - {""}
    if len(work) == 1 and work[0].elapsed_s >= TEMPO_MIN_S and marked & {"warmup", "cooldown"}:
        minutes = format_duration(work[0].elapsed_s)
        return WorkoutType.TEMPO, f"a {minutes} work lap between warm-up and cool-down"
    return None


def _lap_paces(laps: list[Lap]) -> Shape | None:
    import numpy as np

    timed = [lap for lap in laps if lap.distance_m and lap.elapsed_s > 0]
    if len(timed) < 2 * INTERVAL_MIN_REPS - 1:
        return None
    speeds = np.array([(lap.distance_m or 0.0) / lap.elapsed_s for lap in timed])
    line = (speeds.min() + speeds.max()) / 2
    fast = speeds > line
    if not fast.any():  # every lap at the same pace
        return None
    if speeds[fast].min() < np.median(speeds[~fast]) * (1 + LAP_MIN_CONTRAST):
        return None
    blocks = int(np.sum(np.diff(np.concatenate(([0], fast.astype(np.int8)))) == 1))
    if blocks < INTERVAL_MIN_REPS:
        return None
    fast_laps = [lap for lap, quick in zip(timed, fast.tolist(), strict=True) if quick]
    return WorkoutType.INTERVALS, (
        f"{len(fast_laps)} fast laps {_lap_size(fast_laps)} with slower laps between"
    )


def _lap_tempo(laps: list[Lap]) -> Shape | None:
    """A warm-up lap, clearly faster laps, a cool-down lap: a tempo the runner lapped by hand.

    GPS speed noise can hide such a session from the pace samples, but the laps the runner
    pressed say it plainly. Auto-laps (every lap the same distance) mark nothing and are left
    to the samples.
    """
    timed = [lap for lap in laps if lap.distance_m and lap.elapsed_s > 0]
    if len(timed) < 3 or len(timed) != len(laps) or _auto_laps(timed):
        return None
    speeds = [(lap.distance_m or 0.0) / lap.elapsed_s for lap in timed]
    warm_up, work, cool_down = timed[0], timed[1:-1], timed[-1]
    work_speeds = speeds[1:-1]
    if min(work_speeds) < max(speeds[0], speeds[-1]) * (1 + LAP_MIN_CONTRAST):
        return None
    if max(work_speeds) > min(work_speeds) * TEMPO_LAPS_MAX_RANGE:
        return None
    work_s = sum(lap.elapsed_s for lap in work)
    if work_s < TEMPO_MIN_S or warm_up.elapsed_s < WARM_UP_MIN_S:
        return None
    if cool_down.elapsed_s < COOL_DOWN_MIN_S:
        return None
    work_m = sum(lap.distance_m or 0.0 for lap in work)
    paces = [format_pace(Pace.from_speed(v)) for v in work_speeds]
    at = paces[0] if len(paces) == 1 else f"{', '.join(paces[:-1])} then {paces[-1]}"
    laps_said = "a lap" if len(work) == 1 else f"{len(work)} laps"
    warm_up_pace = format_pace(Pace.from_speed(speeds[0]))
    return WorkoutType.TEMPO, (
        f"{format_distance(work_m)} in {laps_said} at {at} between a {warm_up_pace} "
        "warm-up lap and a cool-down lap"
    )


def _auto_laps(laps: list[Lap]) -> bool:
    first = laps[0].distance_m or 0.0
    return all(abs((lap.distance_m or 0.0) - first) <= AUTO_LAP_SAME * first for lap in laps[:-1])


def _lap_size(laps: list[Lap]) -> str:
    distances = [lap.distance_m for lap in laps if lap.distance_m]
    if distances:
        return f"of ~{about(statistics.median(distances))}"
    return f"of ~{format_duration(statistics.median(lap.elapsed_s for lap in laps))}"


def about(distance_m: float) -> str:
    """A rounded distance for a reason: "800 m", "1k", "mile", "2.5k"."""
    step = 50.0 if distance_m < 1_000 else 100.0
    rounded = max(step, round(distance_m / step) * step)
    if abs(distance_m - 1609.344) < 30:
        return "1 mile"
    return distance_label(rounded) if rounded % 1000 else f"{rounded / 1000:g} km"


# --- the pace and altitude streams -----------------------------------------------------------


def classify_structured(profile: Profile, run_climbs: list[Climb]) -> Shape | None:
    """Hill repeats, intervals or a tempo, from climbs and fast bouts."""
    bouts = fast_bouts(profile)
    return _hill_repeats(run_climbs) or _intervals(bouts, profile) or _tempo(bouts, profile)


def classify_relaxed(profile: Profile) -> Shape | None:
    """Strides at the end, or a progression: shapes of an otherwise easy run."""
    return _strides(fast_bouts(profile), profile) or _progression(profile)


def _hill_repeats(run_climbs: list[Climb]) -> Shape | None:
    real = [
        c
        for c in run_climbs
        if c.gain_m >= HILL_MIN_GAIN_M and c.up_s > 0 and c.gain_m >= HILL_MIN_GRADE * c.up_m
    ]
    if len(real) < INTERVAL_MIN_REPS:
        return None
    typical = statistics.median(c.gain_m for c in real)
    same = [c for c in real if abs(c.gain_m - typical) <= HILL_SAME_HILL * typical]
    with_descent = [c for c in same if c.down_s > 0 and c.down_m > 0]
    if len(same) < INTERVAL_MIN_REPS or not with_descent:
        return None
    up = statistics.median(c.up_m / c.up_s for c in same)
    down = statistics.median(c.down_m / c.down_s for c in with_descent)
    if up < HILL_UP_VS_DOWN * down:
        return None
    return WorkoutType.HILLS, f"{len(same)} climbs of ~{typical:.0f} m, run up hard"


def _is_strides(bouts: list[Bout], profile: Profile) -> bool:
    if len(bouts) < INTERVAL_MIN_REPS:
        return False
    begin = profile.time_s[0] + (1 - STRIDES_IN_LAST) * (profile.time_s[-1] - profile.time_s[0])
    typical_s = statistics.median(b.duration_s for b in bouts)
    return typical_s >= STRIDE_MIN_S and all(
        b.duration_s <= STRIDE_MAX_S and b.start_s >= begin for b in bouts
    )


def _strides(bouts: list[Bout], profile: Profile) -> Shape | None:
    if not _is_strides(bouts, profile):
        return None
    seconds = statistics.median(b.duration_s for b in bouts)
    return WorkoutType.STRIDES, f"{len(bouts)} short bursts (~{seconds:.0f} s) at the end"


def _intervals(bouts: list[Bout], profile: Profile) -> Shape | None:
    import numpy as np

    if _is_strides(bouts, profile):
        return None
    reps = [b for b in bouts if b.duration_s >= INTERVAL_MIN_REP_S]
    if not INTERVAL_MIN_REPS <= len(reps) <= INTERVAL_MAX_REPS:
        return None
    durations = np.array([b.duration_s for b in reps])
    if durations.sum() < INTERVAL_MIN_WORK_S or _spread(durations) > INTERVAL_MAX_SPREAD:
        return None
    if not _recovered_between(reps, profile):
        return None
    size = about(statistics.median(b.distance_m for b in reps))
    seconds = format_duration(float(np.median(durations)))
    return WorkoutType.INTERVALS, f"{len(reps)} fast bouts of ~{size} ({seconds}) with recoveries"


def _spread(values: FloatArray) -> float:
    import numpy as np

    return float(np.std(values) / np.mean(values))


def _recovered_between(reps: list[Bout], profile: Profile) -> bool:
    """Most gaps between reps were run (or walked, or stood) clearly slower than the reps."""
    rep_speed = statistics.median(b.speed_m_s for b in reps)
    slow = 0
    for before, after in itertools.pairwise(reps):
        gap = (profile.time_s > before.end_s) & (profile.time_s < after.start_s)
        if gap.any() and profile.speed_m_s[gap].mean() * (1 + MIN_CONTRAST) <= rep_speed:
            slow += 1
    return slow * 3 >= (len(reps) - 1) * 2


def _tempo(bouts: list[Bout], profile: Profile) -> Shape | None:
    import numpy as np

    if not bouts:
        return None
    main = max(bouts, key=lambda b: b.duration_s)
    warm_up_s = main.start_s - profile.time_s[0]
    cool_down_s = profile.time_s[-1] - main.end_s
    if main.duration_s < TEMPO_MIN_S or warm_up_s < WARM_UP_MIN_S:
        return None
    if cool_down_s < COOL_DOWN_MIN_S:
        return None
    inside = (profile.time_s >= main.start_s) & (profile.time_s <= main.end_s)
    speed = profile.speed_m_s[inside]
    if float(np.std(speed) / np.mean(speed)) > TEMPO_MAX_VARIATION:
        return None
    pace = format_pace(Pace.from_speed(main.speed_m_s))
    return WorkoutType.TEMPO, f"{format_duration(main.duration_s)} steady at {pace} mid-run"


def _progression(profile: Profile) -> Shape | None:
    import numpy as np

    track = profile.track
    if track.end_s - track.start_s < PROGRESSION_MIN_S:
        return None
    marks = track.start_m + track.distance_covered_m * np.array([0, 1 / 3, 2 / 3, 1])
    times = track.first_reached(track.times, marks)
    times[-1] = track.end_s
    paces = np.diff(times) / (track.distance_covered_m / 3) * 1000
    if not all(paces[i + 1] <= paces[i] * (1 - PROGRESSION_STEP) for i in range(2)):
        return None
    if paces[0] > paces[2] * PROGRESSION_MAX_RANGE:
        return None
    shown = ", ".join(format_pace(Pace(float(p))) for p in paces)
    return WorkoutType.PROGRESSION, f"each third faster: {shown}"


# --- the runner's usual running --------------------------------------------------------------


def classify_by_context(run: Run, context: RunnerContext, pace: Pace | None) -> Shape:
    """Long, recovery or (by default) easy, against the runner's usual runs."""
    return _long(run, context) or _recovery(run, context, pace) or _easy()


def _long(run: Run, context: RunnerContext) -> Shape | None:
    duration_s, distance_m = run.duration_s, run.distance_m
    if duration_s is None:
        return None
    median = context.median_distance_m
    long_enough = duration_s >= LONG_MIN_S
    if median and distance_m and long_enough and distance_m >= LONG_VS_MEDIAN * median:
        times = distance_m / median
        return WorkoutType.LONG, f"{times:.1f}x your usual run ({about(median)})"
    if not median and duration_s >= LONG_ALONE_S:
        return WorkoutType.LONG, f"{format_duration(duration_s)} of running"
    return None


def _recovery(run: Run, context: RunnerContext, pace: Pace | None) -> Shape | None:
    easy, duration_s = context.easy_pace, run.duration_s
    if easy is None or pace is None or duration_s is None or duration_s > RECOVERY_MAX_S:
        return None
    if pace.seconds_per_km < easy.seconds_per_km * (1 + RECOVERY_SLOWER):
        return None
    return WorkoutType.RECOVERY, (
        f"short ({format_duration(duration_s)}) and slower than your easy pace "
        f"({format_pace(pace)} vs {format_pace(easy)})"
    )


def _easy() -> Shape:
    return WorkoutType.EASY, EASY_REASON


EASY_REASON = "steady running with no faster parts"
NO_SAMPLES_REASON = "too few pace samples to read: easy unless you say otherwise"
