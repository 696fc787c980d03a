"""Marathon pace in the long run: a marathon plan rehearses its race pace.

Daniels (2014, phases III-IV) puts M-pace running into the long run, Pfitzinger & Douglas
(2009) prescribe "marathon-pace long runs", Higdon's Intermediate plans a weekly pace run:
the runner learns the pace, the shoes and the drinks on tired legs before race day. A
marathon plan whose build and peak weeks hold no marathon-pace running in their sessions
(the most common life: 30-minute workdays whose only sessions are short intervals, and a
weekend that carries the long run) gets it here, after the layout, in the last kilometres
of every other long run: the week's volume, its long run's distance and its days do not
change, only how the long run ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from runcoach.domain.plans.layout_limits import HARD_SHARE  # the week's hard share, as laid out
from runcoach.domain.plans.library import long_run
from runcoach.domain.plans.model import Phase, Week
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.workouts import Effort, Step, StepKind, Workout, WorkoutKind
from runcoach.domain.units import MARATHON_M

FIRST_KM = 5.0  # the first marathon-pace finish (km), Higdon Intermediate 1's first pace run
STEP_KM = 1.5  # each edition this much longer (km)
MOST_KM = 13.0  # the longest finish at marathon pace (km), Pfitzinger's MP long runs' 8 mi
LONG_SHARE = 0.35  # the most of the long run at marathon pace (ratio), Daniels' M in L runs
LEAST_LONG_M = 18000.0  # a long run shorter than this stays easy: it is still building
EVERY = 2  # every other eligible long run (the others stay easy: time on feet)


def is_marathon_pace_long_run(w: Workout) -> bool:
    """A long run with marathon-pace running in it (this module's)."""
    return w.kind is WorkoutKind.LONG and any(s.effort is Effort.MARATHON for s in w.steps())


def add_marathon_pace_finishes(
    weeks: list[Week], paces: Sequence[PlanPaces], goal_m: float | None, ultra: bool
) -> None:
    """Every other long run of the build and peak weeks of a marathon plan ends at marathon
    pace (``paces``: each week's, from the plan's fitness path), when the week's sessions hold
    no marathon-pace running of their own, the long run is long enough to carry it, and the
    week stays mostly easy. Nothing for a shorter goal or an ultra."""
    if ultra or goal_m is None or goal_m < MARATHON_M * 0.99:
        return
    eligible = 0
    edition = 0
    for week, week_paces in zip(weeks, paces, strict=True):
        if week.phase not in (Phase.BUILD, Phase.PEAK) or week.recovery:
            continue
        found = _the_long_run(week)
        if found is None or _has_marathon_pace(week):
            continue
        day_i, k, w = found
        if w.total_distance_m() < LEAST_LONG_M:
            continue
        eligible += 1
        if eligible % EVERY:
            continue
        km = min(FIRST_KM + STEP_KM * edition, MOST_KM, LONG_SHARE * w.total_distance_m() / 1000)
        finished = _with_finish(w, week_paces, float(int(km)))
        if _hard_share(week, w, finished) > HARD_SHARE:
            continue
        week.days[day_i].workouts[k] = finished
        edition += 1


def _the_long_run(week: Week) -> tuple[int, int, Workout] | None:
    """The week's one plain long run (not an ultra's back-to-back, not a race week's)."""
    if any(w.kind is WorkoutKind.RACE for _, w in week.workouts()):
        return None
    found = [
        (i, k, w)
        for i, day in enumerate(week.days)
        for k, w in enumerate(day.workouts)
        if w.kind is WorkoutKind.LONG and w.title.startswith("Long run")
    ]
    return found[0] if len(found) == 1 else None


def _has_marathon_pace(week: Week) -> bool:
    return any(s.effort is Effort.MARATHON for _, w in week.workouts() for s in w.steps())


def _with_finish(w: Workout, p: PlanPaces, km: float) -> Workout:
    """The same distance: easy, then ``km`` at marathon pace to the end."""
    total = w.total_distance_m()
    easy = long_run(p, total - km * 1000, w.terrain).blocks[0]
    assert isinstance(easy, Step)
    return w.with_changes(
        title=f"Long run {total / 1000:.1f} km, the last {km:.0f} km at marathon pace",
        blocks=(
            easy,
            Step(StepKind.WORK, distance_m=km * 1000, pace=p.marathon, effort=Effort.MARATHON),
        ),
        tip=(
            "Easy for the first part, then settle into marathon pace to the end: controlled, "
            "not a race. Rehearse race day here: the shoes, the breakfast, the drinks and gels "
            "at the pace you will take them. If the pace feels hard today, finish easy."
        ),
        mini=w,  # on a tired day: the same long run, all easy (today.answer shortens it)
    )


def _hard_share(week: Week, old: Workout, new: Workout) -> float:
    """The week's share of running time that is not easy, with ``new`` in place of ``old``."""
    runs = [w for _, w in week.workouts() if w.is_run]
    total = sum(w.total_duration_s() for w in runs) - old.total_duration_s()
    easy = sum(w.easy_duration_s() for w in runs) - old.easy_duration_s()
    total += new.total_duration_s()
    easy += new.easy_duration_s()
    return 1.0 - easy / total if total > 0 else 0.0
