"""A week's routines: dynamic warm-ups before its sessions, two strength sessions, cross-training.

They go where they take no running; a short day's easy run is cut for one only when no day
holds it whole (the day's time limit counts everything on it).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans import routines
from runcoach.domain.plans.layout_limits import GOAL_QUIET_DAYS, SAFETY, SHORTEST_RUN_MIN
from runcoach.domain.plans.schedule import Allowance

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout


def lay_out_routines(lay: WeekLayout) -> None:
    """Warm-ups before the sessions and races (and two easy runs), strength, cross-training."""
    hard_days = [i for i in range(7) if lay.hard[i] and lay.slots[i]]
    quality = [
        i for i in hard_days if any(w.is_quality or w.kind.value == "race" for w in lay.slots[i])
    ]
    runs = [j for j in range(7) if any(w.is_run for w in lay.slots[j])]
    if lay.weekend_life:  # the warm-ups go first where they take no running: on a
        # 30-minute day before work a 10-minute warm-up cut the run to 19 minutes, and the
        # week lost a third of its weekday running while the weekend had room (issue 15)
        runs.sort(key=lambda j: room_s(lay, j) < routines.DYNAMIC_WARM_UP_S)
    warm: list[int] = []
    for i in quality + [j for j in runs if j not in quality]:
        if len(warm) >= 2 and i not in quality[:3]:
            break
        if make_room(lay, i, routines.DYNAMIC_WARM_UP_S):
            lay.slots[i].insert(0, routines.dynamic_warm_up())
            warm.append(i)
    place_strength(lay)
    if lay.wk.cross_training:
        cross_train(lay)


def room_s(lay: WeekLayout, i: int) -> float:
    """Time left on day ``i`` for a routine: a short day's limit counts everything."""
    t = lay.wk.types[i]
    if t.allowance is not Allowance.SHORT:
        return float("inf")
    return (t.max_duration_s or 0.0) * SAFETY - sum(w.total_duration_s() for w in lay.slots[i])


def make_room(lay: WeekLayout, i: int, seconds: float) -> bool:
    """Room for ``seconds`` of routine on day ``i``, shortening its easy run if need be."""
    short = seconds - room_s(lay, i)
    if short <= 0:
        return True
    for k, w in enumerate(lay.slots[i]):
        minutes = math.floor((w.total_duration_s() - short) / 60)
        if w.kind.value in ("easy", "recovery", "strides") and minutes >= SHORTEST_RUN_MIN:
            lay.slots[i][k] = (
                lib.recovery_run(lay.wk.paces, minutes)
                if w.kind.value == "recovery"
                else lib.easy_run(lay.wk.paces, minutes)
            )
            lay.carry.history[lay.wk.dates[i]] = lay.slots[i][k].total_distance_m()
            return room_s(lay, i) >= seconds
    return False


def cross_train(lay: WeekLayout) -> None:
    rest = [i for i in range(7) if lay.wk.types[i].can_run and not lay.slots[i]]
    if rest:
        lay.slots[rest[len(rest) // 2]].append(routines.cross_training())


def place_strength(lay: WeekLayout) -> None:
    race_days = {i for i, d in enumerate(lay.wk.dates) if d in lay.wk.races}
    quiet = {g - timedelta(days=k) for g in lay.wk.goal_days for k in range(1, GOAL_QUIET_DAYS + 1)}
    easy = [i for i in range(7) if lay.slots[i] and not lay.hard[i]]
    rest = [i for i in range(7) if not any(w.is_run for w in lay.slots[i])]
    # never the day after a race, nor in the quiet days before a goal race: strength tapers
    # too (a strength routine the day before a marathon was what the race week held)
    order = [i for i in easy + rest if i not in race_days and i - 1 not in race_days
             and lay.wk.dates[i] not in quiet]  # fmt: skip
    # a day that holds the routine whole first: a short day's run is cut for it only when
    # no such day is left (a week of 39-minute days lost 10 min of running a routine)
    order.sort(key=lambda i: room_s(lay, i) < routines.STRENGTH_S)
    whole = [i for i in order if room_s(lay, i) >= routines.STRENGTH_S]
    order = whole + session_days_for_strength(lay) + order[len(whole) :]
    placed = 0
    for i in order:
        if placed >= 2:
            break
        if make_room(lay, i, routines.STRENGTH_S):
            lay.slots[i].append(routines.strength(lay.carry.strength_turn))
            lay.carry.strength_turn += 1
            placed += 1


def session_days_for_strength(lay: WeekLayout) -> list[int]:
    """Before a short day's run is cut for a strength routine: a quality session's day
    without a time limit, the routine after the session ("hard days hard", as Magness
    2014 and most coaches place strength; a 39-minute day's run cut to 18 minutes for it
    cost the week what the runner runs now). Never a long run's or a race's day."""
    return [
        i
        for i in range(7)
        if any(w.is_quality for w in lay.slots[i])
        and not any(w.kind.value in ("long", "race") for w in lay.slots[i])
        and room_s(lay, i) >= routines.STRENGTH_S
        and i - 1 not in {j for j, d in enumerate(lay.wk.dates) if d in lay.wk.races}
    ]
