"""Daily habits (SPEC 5): the strength routine, a dynamic warm-up before the run, eating well,
enough sleep; and the optional body weight and resting heart rate of the morning.

Habits are told in the day's check-in. They become small wins by the week, never by the
day: a habit is kept in an ISO week when it was done on enough days of it. The first kept
week (after a week that was not) is a win, said on the day the week's target is reached,
and so is every 4th week in a row after it (4, 8, 12...). A runner who keeps all four
habits week after week sees about one habit win a week, never a win for a single day.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.days import DAYS_PER_WEEK, week_start
from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.progress.wins import Win, WinKind
from runcoach.domain.units import KG_PER_LB, counted, format_hours

ENOUGH_SLEEP_S = 7 * 3600.0  # adults need 7 h or more a night, regularly, s (Watson et al.
# 2015, AASM/SRS consensus statement, Sleep 38(6)); over 9 h may suit some (young, ill)
STRENGTH_DAYS_PER_WEEK = 2  # muscle-strengthening on 2 or more days a week (WHO 2020
# guidelines on physical activity, Bull et al. 2020, Br J Sports Med 54(24)); 2-3 for runners
MOST_DAYS_PER_WEEK = 5  # ate well / slept enough on 5 of 7 days is a kept week (coaching
# judgement: a habit, with room for a birthday and a night shift); 4-7
MIN_WARM_UP_RUN_DAYS = 3  # "a warm-up before every run" counts in weeks of 3+ run days
# (coaching judgement: one or two warm-ups are a start, three a habit); 2-4
HABIT_STEP_WEEKS = 4  # a habit kept week after week is a win again every 4th week in a row
# (coaching judgement: a month of a habit is worth telling; the same win weekly is noise)
HABIT_LOOKBACK_WEEKS = 52  # weeks read before a period to count a habit's weeks in a row

SLEEP_RANGE_S = (0.0, 16 * 3600.0)  # plausible sleep for one night, s
WEIGHT_RANGE_KG = (25.0, 300.0)  # plausible body weight of a runner, kg
RESTING_HR_RANGE_BPM = (25.0, 120.0)  # plausible resting heart rate, bpm (elite: 28-40)

SOURCE_SLEEP = (
    "Watson et al. 2015, 'Recommended amount of sleep for a healthy adult', joint consensus "
    "statement of the AASM and the Sleep Research Society, Sleep 38(6): 7 hours or more"
)
SOURCE_STRENGTH = (
    "WHO 2020 guidelines on physical activity (Bull et al. 2020, Br J Sports Med 54(24)): "
    "muscle-strengthening activities on 2 or more days a week"
)


class Habit(StrEnum):
    STRENGTH = "strength"
    WARM_UP = "warm-up"
    ATE_WELL = "ate-well"
    SLEEP = "sleep"


@dataclass(frozen=True)
class Habits:
    """What a day's check-in says about habits and body; None is "not told" (a measured
    0 h of sleep is told). Weight in kg, resting heart rate in beats per minute."""

    strength: bool | None = None
    warm_up: bool | None = None
    ate_well: bool | None = None
    sleep_s: float | None = None
    weight_kg: float | None = None
    resting_hr: float | None = None

    def __post_init__(self) -> None:
        if self.sleep_s is not None:
            _check(self.sleep_s / 3600, SLEEP_RANGE_S, 3600, "a night's sleep of {} h",
                   "h", Hint(Do.GIVE_SLEEP, "for example 7.5h or 7h30"))  # fmt: skip
        if self.weight_kg is not None:
            _check(self.weight_kg, WEIGHT_RANGE_KG, 1,
                   f"a body weight of {{}} kg ({_lb(self.weight_kg)} lb)",
                   f"kg ({_lb(WEIGHT_RANGE_KG[0])}-{_lb(WEIGHT_RANGE_KG[1])} lb)",
                   Hint(Do.GIVE_WEIGHT, "for example 70.4kg or 155lb"))  # fmt: skip
        if self.resting_hr is not None:
            _check(self.resting_hr, RESTING_HR_RANGE_BPM, 1, "a resting heart rate of {} bpm",
                   "bpm", Hint(Do.GIVE_RESTING_HR, "e.g. 52"))  # fmt: skip

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def over(self, earlier: Habits) -> Habits:
        """These habits told after ``earlier`` the same day: what is told now wins, what is
        not told now stays as it was."""
        told = {f.name: getattr(self, f.name) for f in fields(self)}
        return replace(earlier, **{k: v for k, v in told.items() if v is not None})

    def kept(self, habit: Habit) -> bool:
        """Whether this day counts for ``habit`` (sleep: 7 h or more)."""
        if habit is Habit.SLEEP:
            return self.sleep_s is not None and self.sleep_s >= ENOUGH_SLEEP_S
        return bool(_FLAGS[habit](self))


_FLAGS: dict[Habit, Callable[[Habits], bool | None]] = {
    Habit.STRENGTH: lambda h: h.strength,
    Habit.WARM_UP: lambda h: h.warm_up,
    Habit.ATE_WELL: lambda h: h.ate_well,
}


def _check(
    value: float, limits: tuple[float, float], per: float, what: str, unit: str, eg: Hint
) -> None:
    low, high = (x / per for x in limits)
    if not low <= value <= high:
        told = what.format(f"{value:.4g}")
        raise InvalidInput(
            f"{told} is not plausible: runcoach takes {low:g}-{high:g} {unit}",
            hint=eg,
        )


def _lb(kg: float) -> str:
    return f"{kg / KG_PER_LB:.0f}"


# ---- habits kept, week by week ---------------------------------------------------------------


@dataclass(frozen=True)
class HabitLog:
    """The habits told day by day, and the days with a run (for the warm-up before each)."""

    days: Mapping[date, Habits] = field(default_factory=dict)
    run_days: Collection[date] = frozenset()


@dataclass(frozen=True)
class KeptWeek:
    """A habit kept in the ISO week from ``week_start``: reached on ``day`` with ``count``
    days (of ``out_of`` run days for the warm-up), ``weeks`` weeks in a row."""

    habit: Habit
    week_start: date
    day: date
    count: int
    out_of: int | None = None
    weeks: int = 1


def kept_weeks(log: HabitLog, today: date) -> list[KeptWeek]:
    """Every week a habit was kept up to ``today``, oldest first, with its weeks in a row."""
    by_week: dict[date, list[tuple[date, Habits]]] = {}
    for day in sorted(d for d in log.days if d <= today):
        by_week.setdefault(week_start(day), []).append((day, log.days[day]))
    runs_by_week: dict[date, list[date]] = {}
    for day in sorted(log.run_days):
        runs_by_week.setdefault(week_start(day), []).append(day)
    found: list[KeptWeek] = []
    last_kept: dict[Habit, KeptWeek] = {}
    for monday, told in sorted(by_week.items()):
        for habit in Habit:
            week = _kept(habit, monday, told, runs_by_week.get(monday, []), today)
            if week is None:
                continue
            before = last_kept.get(habit)
            if before is not None and monday - before.week_start == timedelta(DAYS_PER_WEEK):
                week = replace(week, weeks=before.weeks + 1)
            last_kept[habit] = week
            found.append(week)
    return found


def _kept(
    habit: Habit,
    monday: date,
    told: list[tuple[date, Habits]],
    runs: list[date],
    today: date,
) -> KeptWeek | None:
    done = [day for day, habits in told if habits.kept(habit)]
    if habit is Habit.WARM_UP:
        return _warmed_up_week(monday, set(done), runs, today)
    need = STRENGTH_DAYS_PER_WEEK if habit is Habit.STRENGTH else MOST_DAYS_PER_WEEK
    return KeptWeek(habit, monday, done[need - 1], need) if len(done) >= need else None


def _warmed_up_week(
    monday: date, warmed_up: set[date], runs: list[date], today: date
) -> KeptWeek | None:
    """A finished week whose every run day (3 or more, sorted) had its warm-up."""
    sunday = monday + timedelta(DAYS_PER_WEEK - 1)
    if sunday > today or len(runs) < MIN_WARM_UP_RUN_DAYS or not warmed_up.issuperset(runs):
        return None
    return KeptWeek(Habit.WARM_UP, monday, runs[-1], len(runs), len(runs))


def habit_wins(log: HabitLog, first: date, last: date, today: date) -> list[Win]:
    """The habit wins of ``first`` .. ``last`` (read with ``HABIT_LOOKBACK_WEEKS`` before
    ``first`` for the weeks in a row), newest first."""
    until = min(last, today)
    told = [w for w in kept_weeks(log, until) if w.weeks == 1 or w.weeks % HABIT_STEP_WEEKS == 0]
    wins = [_win(w) for w in told if first <= w.day <= until]
    return sorted(wins, key=lambda w: w.day, reverse=True)


_WHAT = {
    Habit.STRENGTH: ("strength routine on {n} days of the week", "strength routine twice a week"),
    Habit.WARM_UP: ("a warm-up before every run of the week ({n} runs)",
                    "a warm-up before every run"),
    Habit.ATE_WELL: ("ate well on {n} days of the week", "ate well 5 days a week"),
    Habit.SLEEP: ("7 h of sleep or more on {n} nights of the week", "7 h of sleep 5 nights a week"),
}  # fmt: skip
_WHY = {
    Habit.STRENGTH: "muscle-strengthening on 2+ days a week (WHO 2020 guidelines)",
    Habit.WARM_UP: "a dynamic warm-up before each run (runcoach's system, SPEC principle 7)",
    Habit.ATE_WELL: "eating well fuels the training and the recovery",
    Habit.SLEEP: "adults need 7 h or more (Watson et al. 2015, AASM/SRS consensus)",
}


def _win(week: KeptWeek) -> Win:
    once, again = _WHAT[week.habit]
    if week.weeks == 1:
        title = "Habit kept: " + once.format(n=week.count)
    else:
        title = f"Habit kept {week.weeks} weeks in a row: {again}"
    detail = f"week of {week.week_start.isoformat()}; {_WHY[week.habit]}"
    return Win(WinKind.HABIT_KEPT, week.day, title, detail)


# ---- what a period holds ---------------------------------------------------------------------


@dataclass(frozen=True)
class HabitCounts:
    """How often each habit was told kept in a period: days (nights for sleep), and for the
    warm-up the run days it came before out of the run days."""

    days_told: int  # days with any habit told
    strength_days: int
    warm_up_runs: int
    run_days: int
    ate_well_days: int
    enough_sleep_nights: int
    sleep_nights: int  # nights with sleep told
    average_sleep_s: float | None


def habit_counts(log: HabitLog, first: date, last: date) -> HabitCounts | None:
    """The period's habit counts; None when no habit was told in it."""
    told = {d: h for d, h in log.days.items() if first <= d <= last}
    if not told:
        return None
    runs = [d for d in log.run_days if first <= d <= last]
    slept = [h.sleep_s for h in told.values() if h.sleep_s is not None]
    return HabitCounts(
        days_told=len(told),
        strength_days=sum(h.kept(Habit.STRENGTH) for h in told.values()),
        warm_up_runs=sum(told[d].kept(Habit.WARM_UP) for d in runs if d in told),
        run_days=len(runs),
        ate_well_days=sum(h.kept(Habit.ATE_WELL) for h in told.values()),
        enough_sleep_nights=sum(h.kept(Habit.SLEEP) for h in told.values()),
        sleep_nights=len(slept),
        average_sleep_s=sum(slept) / len(slept) if slept else None,
    )


def counts_words(counts: HabitCounts) -> str:
    """One line for a person: "strength 2 days, warm-up before 3 of 4 run days, ..."."""
    parts = [f"strength {counted(counts.strength_days, 'day')}"]
    if counts.run_days:
        runs = counted(counts.run_days, "run day")
        parts.append(f"warm-up before {counts.warm_up_runs} of {runs}")
    parts.append(f"ate well {counted(counts.ate_well_days, 'day')}")
    if counts.average_sleep_s is not None:
        parts.append(
            f"7 h+ sleep {counts.enough_sleep_nights} of {counted(counts.sleep_nights, 'night')} "
            f"(average {format_hours(counts.average_sleep_s)})"
        )
    return ", ".join(parts)
