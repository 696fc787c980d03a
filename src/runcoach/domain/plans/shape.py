"""The shape of a plan: how many weeks, which phase each is, and how much volume.

Constants are the rules of thumb coaches use; their sources are in docs/plans.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.plans.layout import SAFETY, TUNE_UP_SHARE
from runcoach.domain.plans.model import Phase
from runcoach.domain.safety import MIN_WEEKLY_M  # the one safety model
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M

WEEKLY_GROWTH = 0.08  # normal week-on-week growth (fraction; <= 0.10), the "10 % rule"
WEEKLY_GROWTH_CAREFUL = 0.08  # for beginners and after an injury (fraction)
RECOVERY_FACTOR = 0.75  # recovery week volume vs the week before (0.6-0.8), Pfitzinger
ULTRA_M = MARATHON_M + 1  # anything longer than the marathon is an ultra

# Peak weekly volume by goal distance for a runner with 3+ years (km/week), from common
# published plans (Daniels 2014, Pfitzinger & Douglas 2009, Koop 2016 for ultras).
_PEAK_KM = (
    (1700, 40),
    (5001, 45),
    (10001, 50),
    (21100, 55),
    (42200, 70),
    (60000, 80),
    (110000, 90),
    (1e9, 100),
)
# Longest long run by goal distance (km), same sources.
_LONG_KM = (
    (1700, 14),
    (5001, 16),
    (10001, 18),
    (21100, 21),
    (42200, 32),
    (60000, 38),
    (110000, 42),
    (1e9, 48),
)
# The race each row above is written for (m): the mile, 5k, 10k, half, marathon, 50k, 100k and
# 100 miles. A goal of races on consecutive days (a double: ``also``) is trained for their
# combined distance, read between the rows of the races around it (linear in distance): a
# combined distance is rarely a race of its own (10k + half = 31.1 km is no marathon, two
# marathons 84.4 km an ultra between 50k and 100k), Koop 2016 (back-to-back weekends).
_ROW_RACE_M = (1609.344, 5000.0, 10000.0, HALF_MARATHON_M, MARATHON_M, 50000.0, 100000.0, 160934.4)


@dataclass(frozen=True)
class WeekShape:
    index: int
    start: date
    phase: Phase
    recovery: bool
    volume_m: float  # target running volume, the goal race excluded
    long_factor: float = 1.0  # long run vs the longest so far: 1 normal, less to recover/taper
    level_m: float = 0.0  # the normal week's volume at this point (a recovery week's is more)


def _lookup(table: tuple[tuple[float, float], ...], distance_m: float) -> float:
    return next(value for limit, value in table if distance_m < limit) * 1000.0


def _read(
    table: tuple[tuple[float, float], ...], goal_m: float, also_m: tuple[float, ...]
) -> float:
    """A table's value for a goal race (its row), or for a goal with other races (a double)
    at their combined distance, between the rows of the races around it (m)."""
    if not also_m:
        return _lookup(table, goal_m)
    total = goal_m + sum(also_m)
    rows = [(race_m, value) for race_m, (_, value) in zip(_ROW_RACE_M, table, strict=True)]
    if total <= rows[0][0]:
        return rows[0][1] * 1000.0
    for (a_m, a), (b_m, b) in itertools.pairwise(rows):
        if total < b_m:
            return (a + (b - a) * (total - a_m) / (b_m - a_m)) * 1000.0
    return rows[-1][1] * 1000.0


def goal_races_m(goal_m: float | None, also_m: tuple[float, ...] = ()) -> float | None:
    """What the goal asks: its race's distance, or a double's combined distance (m)."""
    return None if goal_m is None else goal_m + sum(also_m)


def experience_factor(years: float) -> float:
    """Share of a seasoned runner's peak volume (0.75 beginner ... 1.0 three years and more)."""
    return 0.75 if years < 1 else (0.85 if years < 3 else 1.0)


def peak_volume_m(
    goal_m: float | None, years: float, baseline_m: float, also_m: tuple[float, ...] = ()
) -> float:
    """The peak week for the goal race (``also_m``: the goal's other races, a double)."""
    base = _read(_PEAK_KM, goal_m or 10000.0, also_m) * experience_factor(years)
    return max(base, baseline_m)


def peak_long_m(goal_m: float | None, years: float, also_m: tuple[float, ...] = ()) -> float:
    """The longest long run for the goal race (``also_m``: the goal's other races)."""
    long_m = _read(_LONG_KM, goal_m or 10000.0, also_m)
    total = goal_races_m(goal_m, also_m) or 0.0
    if years < 1 and total <= MARATHON_M:
        long_m = min(long_m, max(HALF_MARATHON_M * 0.9, total * 0.75))
    return long_m


def taper_weeks(goal_m: float | None, total_weeks: int, also_m: tuple[float, ...] = ()) -> int:
    """1 week up to 10k, 2 for the half and 50k-100k, 3 for the marathon and 100 miles; a
    double the longer of its race's taper and its combined distance's (two marathons: 3)."""
    if goal_m is None:
        return 0
    if also_m:
        return max(taper_weeks(goal_m, total_weeks), taper_weeks(sum(also_m) + goal_m, total_weeks))
    wanted = 1 if goal_m <= 10001 else 2
    if MARATHON_M - 1 <= goal_m <= MARATHON_M + 1 or goal_m > 110000:
        wanted = 3 if total_weeks >= 14 else 2
    return max(1, min(wanted, total_weeks // 4)) if total_weeks >= 2 else 1


def phases(total: int, taper: int) -> list[Phase]:
    """Base, build, peak sized to the weeks there are; the taper at the end."""
    main = total - taper
    base = round(main * 0.4)
    build = round(main * 0.35)
    peak = main - base - build
    return [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak + [Phase.TAPER] * taper


def recovery_weeks(
    phase_list: list[Phase],
    every: int,
    race_weeks: frozenset[int] = frozenset(),
    work_weeks: frozenset[int] | None = None,
) -> list[bool]:
    """Every ``every``-th week of the main block is a recovery week (never right before
    taper). A tune-up race's week whose next week would be the recovery week is the down
    week itself (a coach never follows a race week with a second lighter week: the block
    would then build five weeks with none); the count starts again from it. In a life of
    blocks (``work_weeks``: the weeks of short work days) a recovery week falls on a work
    week, a week later if need be (never more: a lighter week in every 5): the free week
    carries the cycle's long run and volume, the work week is light anyway (a free week held
    down would stop the long run's growth)."""
    flags = []
    since = 0  # weeks since the last down week

    def may_rest(i: int) -> bool:
        is_last_main = i + 1 < len(phase_list) and phase_list[i + 1] is Phase.TAPER
        return i < len(phase_list) and phase_list[i] is not Phase.TAPER and not is_last_main

    for i in range(len(phase_list)):
        since += 1
        due = since >= every or (i in race_weeks and since >= every - 1)
        work_next = work_weeks is not None and i not in work_weeks and i + 1 in work_weeks
        wait = work_next and since == every and may_rest(i + 1)  # the work week next
        flags.append(may_rest(i) and (due or _early(work_weeks, i, since, every)) and not wait)
        since = 0 if flags[-1] else since
    return flags


def _early(work_weeks: frozenset[int] | None, i: int, since: int, every: int) -> bool:
    """A work week a week before the recovery week is due, when the next work week comes
    only after the week a recovery may wait to (a 3-week cycle: 12 days on, 9 off): the work
    week rests a week early rather than a free week, which carries the cycle's volume and
    long run, resting on time (a lighter week in every 3 to 5, as before)."""
    if work_weeks is None or i not in work_weeks or since != every - 1:
        return False
    return i + 1 not in work_weeks and i + 2 not in work_weeks


def race_room_m(race_m: float) -> float:
    """The smallest week that holds a tune-up race of ``race_m`` at its share (m)."""
    return race_m / (TUNE_UP_SHARE * SAFETY)


def recovery_volume_m(level_m: float, race_m: float) -> float:
    """A lighter week's volume: ``RECOVERY_FACTOR`` of the level, or what its tune-up race
    needs to stay within its share of the week (a race no normal week holds at that share
    is left out by the week's layout: no room kept for it)."""
    room = race_room_m(race_m)
    return max(level_m * RECOVERY_FACTOR, room if room <= level_m else 0.0)


_TAPER_FACTORS = {1: (0.6,), 2: (0.75, 0.55), 3: (0.85, 0.7, 0.5)}


def shape_weeks(
    start: date,
    total: int,
    goal_m: float | None,
    years: float,
    baseline_m: float,
    careful: bool,
    tune_ups: Mapping[int, float] | None = None,
    also_m: tuple[float, ...] = (),
    least_peak_m: float = 0.0,
    work_weeks: frozenset[int] | None = None,
) -> list[WeekShape]:
    """The plan's weeks; ``tune_ups`` maps a week's index (from 0) to the tune-up race
    distance it holds (m): such a week may be the block's lighter week (``recovery_weeks``),
    lighter around its race but with room for it (a race that even the peak week would not
    hold at its share is left out by the week's layout: its week is an ordinary one);
    ``also_m``: the goal's other races (a double), trained for with the goal race;
    ``least_peak_m``: the peak week is at least this (a life of blocks' free week,
    ``building.block_peak_m``); ``work_weeks``: a life of blocks' work weeks (indices from
    0), where its recovery weeks fall (``recovery_weeks``)."""
    races = tune_ups or {}
    taper = taper_weeks(goal_m, total, also_m)
    phase_list = phases(total, taper) if goal_m is not None else [Phase.BASE] * total
    peak = max(peak_volume_m(goal_m, years, baseline_m, also_m), least_peak_m)
    held = frozenset(i for i, m in races.items() if race_room_m(m) <= peak)
    recovery = recovery_weeks(phase_list, 3 if careful else 4, held, work_weeks)
    level = max(baseline_m, MIN_WEEKLY_M)  # the last normal week's volume
    growth = _growth(phase_list, recovery, level, peak, careful)
    shapes: list[WeekShape] = []
    for i, phase in enumerate(phase_list):
        when = start + timedelta(days=7 * i)
        if phase is Phase.TAPER:
            step = i - (total - taper)
            factor = _TAPER_FACTORS[taper][step]
            shapes.append(WeekShape(i + 1, when, phase, False, level * factor, factor, level))
            continue
        if recovery[i]:
            volume = recovery_volume_m(level, races.get(i, 0.0))
            shapes.append(WeekShape(i + 1, when, phase, True, volume, RECOVERY_FACTOR, level))
            continue
        if i > 0:
            level = min(level * (1 + growth), max(peak, level))
        shapes.append(WeekShape(i + 1, when, phase, False, level, 1.0, level))
    return shapes


def _growth(
    phase_list: list[Phase], recovery: list[bool], level: float, peak: float, careful: bool
) -> float:
    """Weekly growth: 8 %, or slower so that the volume reaches its peak at the end of the
    build phase rather than in its first weeks (a long plan builds all the way, it does not
    sit at its peak for months)."""
    most = WEEKLY_GROWTH_CAREFUL if careful else WEEKLY_GROWTH
    steps = sum(
        1
        for i, (phase, rest) in enumerate(zip(phase_list, recovery, strict=True))
        if i > 0 and not rest and phase in (Phase.BASE, Phase.BUILD)
    )
    if steps <= 0 or peak <= level:
        return most
    return min(most, float((peak / level) ** (1 / steps)) - 1)
