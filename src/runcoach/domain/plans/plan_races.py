"""The plan's races: the goal race(s) and the tune-ups kept (too-close ones dropped unless
insisted on), the weeks that hold them, the days protected around them, and each race's
workout (its pace from the week's fitness, a double's days paced together)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import library as lib
from runcoach.domain.plans.building import Build
from runcoach.domain.plans.double import double_target_s, race_day_of_a_double
from runcoach.domain.plans.layout import GOAL_QUIET_DAYS, RACE_RECOVERY_DAYS, day_limit_m
from runcoach.domain.plans.model import Waiver
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.profile import RaceEntry
from runcoach.domain.plans.shape import ULTRA_M, WeekShape
from runcoach.domain.plans.workouts import PaceRange, Workout
from runcoach.domain.safety import single_run_limit_m
from runcoach.domain.units import METRES_PER_MILE, Pace, distance_label

RACE_GAP_DAYS = 7  # races at least this many days apart (days), SPEC principle 7
RACE_BAND = 0.01  # a race pace band: +-1 % (fraction)


def race_name(distance_m: float) -> str:
    """A race's name by its distance (a whole number of miles for an ultra)."""
    miles = distance_m / METRES_PER_MILE
    if distance_m > ULTRA_M and abs(miles - round(miles)) < 0.01:
        return f"{round(miles)}-mile"
    return distance_label(distance_m)


def tune_up_weeks(races: dict[date, tuple[RaceEntry, bool]], start: date) -> dict[int, float]:
    """The longest tune-up race of each week that holds one, by week index (from 0), in m."""
    weeks: dict[int, float] = {}
    for day, (entry, is_goal) in races.items():
        if not is_goal:
            i = (day - start).days // 7
            weeks[i] = max(weeks.get(i, 0.0), entry.distance_m)
    return weeks


def kept_tune_up_m(
    b: Build,
    paces: PlanPaces,
    races: dict[date, tuple[RaceEntry, bool]],
    shape: WeekShape,
    longest_m: float,
) -> float:
    """The longest tune-up of the week the layout will keep (insisted on, or within 10 % of
    the longest run so far and within its day's time limit, as ``WeekLayout._place_race``
    keeps it; a longer one is left out), warm-up and cool-down included: the room a lighter
    week keeps for it. A tune-up the layout leaves out keeps no room: a 10k on a 33-minute
    day left a recovery week at 23.0 km after a 23.5 km week, no lighter."""
    end = shape.start + timedelta(days=7)
    kept = [
        (race_workout(b, paces, r, False).total_distance_m(), d)
        for d, (r, is_goal) in races.items()
        if not is_goal and shape.start <= d < end
    ]
    insisted = any(r.insist for d, (r, g) in races.items() if not g and shape.start <= d < end)

    def fits(m: float, day: date) -> bool:
        limit = day_limit_m(b.profile.availability.day_type(day), paces)
        return m <= min(single_run_limit_m(longest_m), limit)

    return max((m for m, d in kept if insisted or fits(m, d)), default=0.0)


def races_of(b: Build, start: date) -> dict[date, tuple[RaceEntry, bool]]:
    """Goal and tune-up races by date; True marks the goal. Too-close tune-ups are dropped
    unless the runner insists (then waived, warned and protected)."""
    goal = b.profile.goal
    races: dict[date, tuple[RaceEntry, bool]] = {}
    if goal.race_date and goal.distance_m:
        races[goal.race_date] = (RaceEntry(goal.race_date, goal.distance_m, goal.name), True)
    for other in b.profile.goal_races:
        races[other.day] = (other, True)
    for entry in sorted(b.profile.tune_ups, key=lambda r: r.day):
        if not start <= entry.day < (goal.race_days[0] if goal.race_days else date.max):
            b.notes.append(f"Tune-up {entry.name or entry.day} is outside the plan; left out.")
            continue
        close = [d for d in races if abs((d - entry.day).days) < RACE_GAP_DAYS]
        if close and not entry.insist:
            b.notes.append(
                f"Tune-up {entry.name or entry.day} is within {RACE_GAP_DAYS} days of "
                f"the race on {close[0]}: left out (add insist: true to keep it)."
            )
            continue
        if close:
            b.waivers.append(
                Waiver(entry.day, "races-7-days-apart", "the runner insisted on this race")
            )
            b.notes.append(
                f"WARNING: {entry.name or entry.day} is within {RACE_GAP_DAYS} days "
                f"of another race. Kept because you insisted; the {RACE_RECOVERY_DAYS} "
                "days after it are easy only."
            )
        races[entry.day] = (entry, False)
    races_fit_the_run_days(b, start, races)
    return races


def races_fit_the_run_days(
    b: Build, start: date, races: dict[date, tuple[RaceEntry, bool]]
) -> None:
    """The races kept in a week are run days: more of them than the runner can run in a week
    is a profile that contradicts itself, and no plan can keep both."""
    most = b.profile.availability.run_days_wanted
    weeks: dict[int, list[date]] = {}
    for day in races:
        weeks.setdefault((day - start).days // 7, []).append(day)
    for days in weeks.values():
        if len(days) > most:
            listed = ", ".join(str(d) for d in sorted(days))
            raise InvalidInput(
                f"{len(days)} races in one week ({listed}) but run_days_per_week allows {most}",
                hint="drop a tune-up (or its insist: true), or raise run_days_per_week",
            )


def protected_days(b: Build, races: dict[date, tuple[RaceEntry, bool]]) -> set[date]:
    """The easy days before a goal race and after a race kept by a waiver."""
    days: set[date] = set()
    for day, (_, is_goal) in races.items():
        if is_goal:
            days |= {day - timedelta(days=k) for k in range(1, GOAL_QUIET_DAYS + 1)}
    for waiver in b.waivers:
        days |= {waiver.day + timedelta(days=k) for k in range(1, RACE_RECOVERY_DAYS + 1)}
    return days


def race_workout(b: Build, paces: PlanPaces, entry: RaceEntry, is_goal: bool) -> Workout:
    """The race's workout: its pace from the week's fitness (a goal's target)."""
    goal = b.profile.goal
    if is_goal and goal.also:  # a double: day 1 paced for day 2, day 2 predicted slower
        seconds = double_target_s(b, paces.vdot, entry)
    elif is_goal and goal.target_time_s and entry.day == goal.race_date:
        # the target, unless it is beyond what the race week's fitness predicts (a target the
        # paces could not grow to in the weeks there are, ``vdot_path.vdot_path``): never a
        # race pace the plan's own paces say the runner cannot hold
        seconds = max(
            goal.target_time_s, rounded(b.model.race_time_s(paces.vdot, entry.distance_m))
        )
    else:
        seconds = b.model.race_time_s(paces.vdot, entry.distance_m)
    pace = Pace.from_distance_time(entry.distance_m, seconds)
    label = entry.name or f"{race_name(entry.distance_m)} race"
    title = f"{'Goal race' if is_goal else 'Tune-up race'}: {label}"
    race = lib.race(paces, entry.distance_m, PaceRange.around(pace, RACE_BAND), title)
    if is_goal and goal.also:
        race = race_day_of_a_double(b, paces.vdot, entry, race)
    return lib.on_a_track(race, entry.distance_m, pace, b.profile.goal_venue if is_goal else "road")


def rounded(seconds: float) -> float:
    """A predicted time to the whole second: a target reached exactly stays the target."""
    return float(math.floor(seconds))
