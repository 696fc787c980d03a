"""Weeks the runner's days hold down: a week of night shifts, a rota's two free days.

A week whose days cannot hold what the plan asks of it (each run day at most its time limit
and the 10 % single-run rule, the runner's run days at most) is the rota's, not a drop in the
runner's fitness. When it falls to a lighter week's volume it is the block's lighter week:
marked so, the growth rules measure past it, as they measure past a planned recovery week
(``safety.growth_check``: "a lighter week does not reset the level"), and the weeks after it
come back to the runner's level instead of growing from the week the job held down.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from runcoach.domain.plans.building import FORCED_DIP, goal_distance_m
from runcoach.domain.plans.model import Phase, Week
from runcoach.domain.plans.shape import WeekShape

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout

# A week the runner's days hold at this share of the level or less is a lighter week by its
# volume: Pfitzinger & Douglas 2009 cut a recovery week to 60-80 % of the weeks around it.
HELD_LIGHTER = 0.8
HELD_MIN_RUNS = 3  # ... read where the week before held this many runs (see held_under_level)
HELD_NOTE = "Your days this week hold little running: it is the block's lighter week."


def days_hold_m(lay: WeekLayout) -> float:
    """The most the week's days could hold before it is laid out: each day that can hold a
    run its cap (its time limit at easy pace, 10 % over the longest run of the 30 days
    before), the runner's best run days of them (m). A high reading: a week under it is held
    by its days, never by the layout's choices."""
    caps = sorted((lay.cap(i) for i, t in enumerate(lay.wk.types) if t.can_run), reverse=True)
    return sum(caps[: lay.wk.max_days])


def mark_held_week(
    done: list[Week], baseline_m: float, goal_days: tuple[date, ...], holds_m: float, period: int
) -> None:
    """The last week of ``done`` is the block's lighter week (marked so) when the runner's
    days held it under half the volume before it (a block of night shifts), or when its days
    (``holds_m``, ``days_hold_m``) cannot hold the level, the last normal week before it, and
    it falls to a lighter week's volume (``held_under_level``)."""
    week = done[-1]
    if week.phase is Phase.TAPER or week.recovery:
        return
    vols = [w.distance_m - goal_distance_m(w, goal_days) for w in done]
    forced = vols[-1] < FORCED_DIP * max([baseline_m, *vols[:-1]])
    if forced or (period == 1 and held_under_level(done, vols, holds_m)):
        week.recovery = True
        week.notes.append(HELD_NOTE)


def held_under_level(done: list[Week], vols: list[float], holds_m: float) -> bool:
    """The last week, whose days hold ``holds_m`` at most, is held under the level: the last
    normal week before it (not a lighter one), from which the growth rules would otherwise
    measure the weeks after it. Read only where that level week held 3 runs or more: on 1-2
    runs a week each run is most of its week and grows by the single-run rule (the coach's
    reading of lives under 4 run days), and a week of one run after a week of two is the
    rhythm of the runner's days, not a lighter week. Not in a life of blocks either (the
    caller): its growth rules already measure a week from the same week of the cycle before
    (``safety.cycle_back``), never from the work week between."""
    level = next((i for i in range(len(done) - 2, -1, -1) if not done[i].recovery), None)
    if level is None or done[level].run_days < HELD_MIN_RUNS:
        return False
    return holds_m < vols[level] and vols[-1] <= HELD_LIGHTER * vols[level]


def after_a_held_week(shape: WeekShape, done: list[Week], race_week: bool) -> WeekShape:
    """A planned recovery week right after a week the runner's days held to a lighter week
    (``mark_held_week``), itself after a normal week, is a normal week: the runner has just
    had the block's lighter week, and a coach never lays two lighter weeks back to back
    (Pfitzinger & Douglas 2009: one lighter week in every 3-4, the weeks around it at the
    level). The next planned recovery week comes as planned, within 5 weeks of the held one.
    A tune-up race's week (``race_week``) stays the lighter week around its race."""
    if not shape.recovery or race_week or shape.phase is Phase.TAPER or len(done) < 2:
        return shape
    held, before = done[-1], done[-2]
    if not held.recovery or HELD_NOTE not in held.notes or before.recovery:
        return shape  # a planned recovery week before it, or weeks of lighter weeks
    return replace(shape, recovery=False, volume_m=shape.level_m, long_factor=1.0)
