"""One week laid out on its days: races, the long run, quality, easy runs, routines.

The order matters: fixed races first, then the long run on the preferred day, then quality
sessions where the rules allow them (never on consecutive days, never the day after a race
or long run, never close before the goal race), then easy runs to reach the week's volume
within each day's time limit and the 10 % single-run rule, then strength and warm-ups.

``WeekLayout`` holds the week being built and orders the passes; each pass is a module of
functions that take the layout: ``layout_long`` (the long run, an ultra's back-to-back),
``layout_quality`` (the sessions), ``layout_easy`` (the easy runs), ``layout_caps`` (the
long-run share, the 10 % rule and the hard share kept on the runs as laid out),
``layout_routines`` (warm-ups, strength, cross-training), ``top_up`` (the volume the cuts
lost) and ``layout_half`` (the long run within half its week). Their limits are named in
``layout_limits``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from runcoach.domain.plans.layout_caps import fit_long, keep_mostly_easy, keep_single_run_rule
from runcoach.domain.plans.layout_easy import place_easy
from runcoach.domain.plans.layout_half import hold_long_to_half, is_long
from runcoach.domain.plans.layout_limits import (
    AFTER_LONG_MAX_MIN,
    FEW_DAYS_SHARE_MAX,
    FOUR_DAYS,
    GOAL_QUIET_DAYS,
    LONG_KEPT,
    RACE_RECOVERY_DAYS,
    SAFETY,
    SHORTEST_RUN_MIN,
    TUNE_UP_SHARE,
    ULTRA_LONG_SHARE,
    WEEKEND_DAYS,
    single_run_cap,
)
from runcoach.domain.plans.layout_long import (
    place_back_to_back,
    place_long,
    place_pending_back_to_back,
)
from runcoach.domain.plans.layout_quality import place_quality
from runcoach.domain.plans.layout_routines import lay_out_routines
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.schedule import Allowance, DayType
from runcoach.domain.plans.sessions import Session
from runcoach.domain.plans.top_up import top_up
from runcoach.domain.plans.workouts import Workout

# the limits other modules read from here, where they were first written (``layout_limits``)
__all__ = [
    "AFTER_LONG_MAX_MIN",
    "GOAL_QUIET_DAYS",
    "RACE_RECOVERY_DAYS",
    "SAFETY",
    "SHORTEST_RUN_MIN",
    "TUNE_UP_SHARE",
    "ULTRA_LONG_SHARE",
    "Carry",
    "WeekInput",
    "WeekLayout",
    "single_run_cap",
]


@dataclass
class Carry:
    """What one week hands the next."""

    history: dict[date, float] = field(default_factory=dict)  # date -> longest run (m)
    prev_hard: bool = False
    prev_long: bool = False  # the last day of the week before held a long run or a race
    back_to_back_m: float = 0.0  # an ultra's second long run, due on this week's first day
    last_titles: frozenset[str] = frozenset()
    rotation: int = 0
    max_long_m: float = 0.0
    plan_long_m: float = 0.0  # the plan's own longest long run so far (the taper's measure)
    strength_turn: int = 0
    notes: list[str] = field(default_factory=list)
    held_to_half: list[date] = field(default_factory=list)  # weeks whose long run the rest
    # of the week could not carry: held to half the week (their first days)
    waived: list[tuple[date, str]] = field(default_factory=list)  # (day, rule) kept on request


@dataclass
class WeekInput:
    dates: list[date]
    types: list[DayType]
    volume_m: float
    long_factor: float
    recovery: bool
    quality: int
    run_days: int
    sessions: tuple[Session, ...]
    races: dict[date, Workout]  # race workouts on their days
    goal_days: set[date]  # the goal race, or each race of a goal on consecutive days
    insisted: set[date]  # tune-ups the runner keeps whatever the rules say
    protected: set[date]  # no quality on these (after a kept exception, before the goal)
    long_allowed: bool
    long_target_m: float
    long_share: float
    benchmark: Workout | None
    paces: PlanPaces
    baseline_longest_m: float
    start: date
    long_weekday: int | None
    long_day_type: str | None
    fixed: tuple[Workout, ...] = ()  # a ready program's sessions for the week, in order
    cross_training: bool = False  # after an injury: one easy cross-training session a week
    max_days: int = 7  # the most run days the runner can run this week
    back_to_back: bool = False  # an ultra's build: a second long run the day after the first
    share_rule: bool = True  # the long-run-share rule applies (ultras are excepted)
    next_type: str | None = None  # the day type of the day after the week (a rota's next day)
    next_types: tuple[str, ...] = ()  # the day types of the week after (a rota's next 7 days)
    smaller: tuple[Session, ...] = ()  # sessions for a week none of ``sessions`` fits (the
    # base phase's: a progression run or a fartlek sized to a small week)
    weekend_carries: bool = False  # a goal whose long run must grow (the half on): on a week
    # whose only whole days are the weekend's, Saturday may be a medium-long run (WEEKEND_DAYS)


def day_limit_m(t: DayType, p: PlanPaces) -> float:
    """The most a day of type ``t`` holds (m), at easy pace within its time limit."""
    limit = t.max_duration_s
    return float("inf") if limit is None else limit / p.easy.slow.seconds_per_km * 1000 * SAFETY


class WeekLayout:
    """One week being laid out: its slots, its hard days, and the carry it hands on."""

    def __init__(self, wk: WeekInput, carry: Carry) -> None:
        self.wk = wk
        self.carry = carry
        self.slots: list[list[Workout]] = [[] for _ in wk.dates]
        self.hard = [False] * len(wk.dates)
        self.longest_before = (carry.max_long_m, carry.plan_long_m)  # before this week
        # With fewer than 4 days that can hold a run no run can stay under 30 % of the week;
        # the plan declares that, and the shares below stop shrinking the week.
        possible = min(sum(1 for t in wk.types if t.can_run), wk.max_days, wk.run_days)
        self.few_days = possible < 4
        self.few_share = min(1.0 / max(possible, 1) + 0.01, FEW_DAYS_SHARE_MAX)
        self.four_days = possible <= FOUR_DAYS
        whole = sum(1 for t in wk.types if t.can_run and t.allowance is Allowance.ANY)
        self.weekend_life = 0 < whole <= WEEKEND_DAYS < possible
        self.weekend = wk.weekend_carries and self.weekend_life

    def build(self) -> list[list[Workout]]:
        saved = copy.deepcopy(self.carry)
        self._lay_out(key_first=False)
        if self.wk.benchmark is not None and not self.has_benchmark():
            # the days after the long run cannot hold the benchmark (two free days in a row
            # in a rotating week): the benchmark first, the long run the day after it
            first = (copy.deepcopy(self.carry), self.slots, self.hard)
            self.carry.__dict__.update(copy.deepcopy(saved).__dict__)
            self.slots = [[] for _ in self.wk.dates]
            self.hard = [False] * len(self.wk.dates)
            self._lay_out(key_first=True)
            if not self.has_benchmark() or self._long_m() < LONG_KEPT * self._long_m(first[1]):
                # the benchmark does not fit either way, or only by cutting the long run to a
                # short day's stub: the long run keeps its day, the benchmark moves on a week
                self.carry.__dict__.update(first[0].__dict__)
                self.slots, self.hard = first[1], first[2]
        return self.slots

    def _long_m(self, slots: list[list[Workout]] | None = None) -> float:
        slots = self.slots if slots is None else slots
        return max((w.total_distance_m() for s in slots for w in s if is_long(w)),
                   default=0.0)  # fmt: skip

    def has_benchmark(self) -> bool:
        """The week as laid out holds its benchmark session."""
        return any(w.benchmark for s in self.slots for w in s)

    def _lay_out(self, key_first: bool) -> None:
        self.longest_before = (self.carry.max_long_m, self.carry.plan_long_m)
        for i, d in enumerate(self.wk.dates):
            if d in self.wk.races:
                self._place_race(i, d, self.wk.races[d])
        place_pending_back_to_back(self)
        if key_first:
            place_quality(self)
        long_i = place_long(self)
        place_back_to_back(self, long_i)
        if not key_first:
            place_quality(self)
        place_easy(self)
        keep_mostly_easy(self)
        fit_long(self, long_i)
        keep_single_run_rule(self)
        # the long run and the easy runs cut to their caps can leave the week over the hard
        # share again (a mile plan's recovery week at 75 % easy): trade once more
        keep_mostly_easy(self)
        before_m = self.run_m()
        lay_out_routines(self)
        if self.run_m() < before_m:  # the routines shortened a short day's run: again,
            if self.wk.share_rule:  # on the week as built, the long run's share,
                fit_long(self, long_i)
            keep_single_run_rule(self)  # the 10 % caps a shorter run lowered,
            keep_mostly_easy(self)  # and the easy share
        top_up(self, long_i)  # the volume those cuts lost, back on the days with room
        hold_long_to_half(self, long_i)  # then the long run within half the week as built
        self._hand_over()

    def run_m(self) -> float:
        return sum(w.total_distance_m() for s in self.slots for w in s if w.is_run)

    def _place_race(self, i: int, day: date, race: Workout) -> None:
        dist = race.total_distance_m()
        too_long = day not in self.wk.goal_days and (
            dist > self.cap(i) or dist > self.wk.volume_m * TUNE_UP_SHARE
        )
        if too_long and day not in self.wk.insisted:
            del self.wk.races[day]
            self.carry.notes.append(
                f"Tune-up '{race.title}' on {day} is longer than your "
                "longest recent run allows (+10 %): left out."
            )
            return
        if too_long:
            self.carry.waived.append((day, "single-run-growth"))
        self.put(i, race, hard=True)

    # -- what the passes share ----------------------------------------------------------

    def put(self, i: int, workout: Workout, hard: bool = False) -> None:
        self.slots[i].append(workout)
        self.hard[i] = self.hard[i] or hard
        dist = workout.total_distance_m()
        if workout.is_run:
            d = self.wk.dates[i]
            self.carry.history[d] = max(self.carry.history.get(d, 0.0), dist)

    def free(self, i: int) -> bool:
        """Day ``i`` can take a new run: it allows one, holds none, and the week has room."""
        days = sum(1 for s in self.slots if any(w.is_run for w in s))
        empty = not any(w.is_run for w in self.slots[i])
        return self.wk.types[i].can_run and empty and days < self.wk.max_days

    def hard_before(self, i: int) -> bool:
        return self.hard[i - 1] if i > 0 else self.carry.prev_hard

    def cap(self, i: int) -> float:
        return min(
            single_run_cap(self.carry, self.wk.dates[i], self.wk),
            day_limit_m(self.wk.types[i], self.wk.paces),
        )

    def remaining_m(self) -> float:
        """The week's volume not yet given to a run."""
        return self.wk.volume_m - sum(w.total_distance_m() for s in self.slots for w in s)

    def holds_session(self) -> bool:
        return any(w.is_quality for s in self.slots for w in s)

    def session_cap(self, i: int) -> float:
        """A session's longest on day ``i``: the 10 % single-run rule; the day's time limit is
        kept by the session's duration (its fast minutes cover more than easy ones)."""
        return single_run_cap(self.carry, self.wk.dates[i], self.wk)

    def minutes_m(self, minutes: float) -> float:
        return minutes * 60 / self.wk.paces.easy.middle.seconds_per_km * 1000

    def _hand_over(self) -> None:
        for i, day in enumerate(self.wk.dates):  # the week's runs as finally laid out
            runs = [w.total_distance_m() for w in self.slots[i] if w.is_run]
            if runs:
                self.carry.history[day] = max(runs)
            else:
                self.carry.history.pop(day, None)
        self.carry.prev_hard = self.hard[-1]
        self.carry.prev_long = any(w.kind.value in ("long", "race") for w in self.slots[-1])
        self.carry.last_titles = frozenset(
            w.title for s in self.slots for w in s if w.is_quality and not w.benchmark
        )
