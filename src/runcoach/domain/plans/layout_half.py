"""The long run held to half its week: the week's other runs carry more where their days allow.

Issue 15's "the long run over half of the week" (Higdon's Novice marathon, the most a novice
programme gives): after the week is built and topped up, its easy runs grow within their
days, then the sessions' cool-downs; what they cannot carry, the long run gives up, never below
what the runner already runs, nor a long run of ``SHORT_LONG_M`` or less.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.layout_caps import keep_mostly_easy, keep_single_run_rule
from runcoach.domain.plans.layout_easy import easy_max_min, easy_most_min
from runcoach.domain.plans.layout_limits import SAFETY, SHORT_LONG_M, is_easy
from runcoach.domain.plans.layout_routines import room_s
from runcoach.domain.plans.workouts import Step, StepKind, Workout

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout


def hold_long_to_half(lay: WeekLayout, long_i: int | None) -> None:
    """No long run over half the week's running as finally laid out: the week's other
    runs carry more where their days allow (up to the volume asked), and where they
    cannot the long run is what half the week allows; never below what the runner already
    runs, nor a long run of ``SHORT_LONG_M`` or less (the week gives it no share)."""
    if long_i is None or not lay.wk.share_rule:
        return
    over = long_over_half(lay, long_i)
    if over > 0:
        others_carry(lay, long_i, min(over, lay.wk.volume_m - lay.run_m()))
    for _ in range(3):  # a session traded for easy running on the shorter week is
        if not cut_long_to_half(lay, long_i):  # shorter: the long run once more
            return


def cut_long_to_half(lay: WeekLayout, long_i: int) -> bool:
    """The long run cut to half the week, not below the runner's longest or
    ``SHORT_LONG_M``; then the week's 10 % caps and easy share again. Cut or not."""
    over = long_over_half(lay, long_i)
    if over <= 0:
        return False
    k, run = the_long_run(lay, long_i)
    floor = min(run.total_distance_m(), max(lay.wk.baseline_longest_m, SHORT_LONG_M))
    held = max(run.total_distance_m() - over, floor)
    if held >= run.total_distance_m():
        return False
    lay.slots[long_i][k] = lib.long_run(lay.wk.paces, held, run.terrain)
    lay.carry.history[lay.wk.dates[long_i]] = held
    lay.carry.max_long_m = max(lay.longest_before[0], held)  # the plan's longest so far:
    lay.carry.plan_long_m = max(lay.longest_before[1], held)  # the run as it is held
    if lay.wk.dates[0] not in lay.carry.held_to_half:
        lay.carry.held_to_half.append(lay.wk.dates[0])
    keep_single_run_rule(lay)  # the runs after it measured on the shorter one,
    keep_mostly_easy(lay)  # and less easy running: the hard share again
    return True


def the_long_run(lay: WeekLayout, i: int) -> tuple[int, Workout]:
    """The long run on day ``i`` (its index there) and the run."""
    return max(((k, w) for k, w in enumerate(lay.slots[i]) if is_long(w)),
               key=lambda x: x[1].total_distance_m())  # fmt: skip


def is_long(w: Workout) -> bool:
    """The week's long run, not an ultra's back-to-back second one."""
    return w.kind.value == "long" and not w.title.startswith("Back-to-back")


def long_over_half(lay: WeekLayout, long_i: int) -> float:
    """How much (m) the long run on day ``long_i`` must lose, or the rest of the week gain,
    for the long run to be at most half the week's running, with a margin (the goal race
    aside: race week is read on its training)."""
    if not any(is_long(w) for w in lay.slots[long_i]):
        return 0.0
    goal = {i for i, d in enumerate(lay.wk.dates) if d in lay.wk.goal_days}
    week_m = sum(w.total_distance_m() for i, s in enumerate(lay.slots) for w in s
                 if w.is_run and not (i in goal and w.kind.value == "race"))  # fmt: skip
    long_m = the_long_run(lay, long_i)[1].total_distance_m()
    return long_m - (week_m - long_m) * SAFETY


def others_carry(lay: WeekLayout, long_i: int, wanted_m: float) -> None:
    """The week's easy runs take ``wanted_m`` more between them, each within its day (the
    day's time limit with its routines, the 10 % rule, the easy run's longest, the day
    after the long run's 45 minutes) and no longer than the long run; what they cannot
    take, the quality sessions' cool-downs (``grow_session``)."""
    long_m = the_long_run(lay, long_i)[1].total_distance_m()
    for grow, sessions in ((grow_easy, False), (grow_session, True)):
        for _ in range(3):
            runs = [(i, k) for i, s in enumerate(lay.slots) for k, w in enumerate(s)
                    if i != long_i and (w.is_quality if sessions else is_easy(w))]  # fmt: skip
            if wanted_m < lay.minutes_m(1) or not runs:
                break
            each = wanted_m / len(runs)
            for i, k in runs:
                wanted_m -= grow(lay, i, k, each, long_m)


def grow_session(lay: WeekLayout, i: int, k: int, add_m: float, long_m: float) -> float:
    """A quality session's cool-down longer by whole minutes, up to ``add_m`` (easy
    running after the work, as Pfitzinger's sessions carry their miles: "10 mi with
    5 x 1000 m"); never a benchmark (every edition the same session), the session within
    the week's longest easy run in time (80 minutes, 105 on few days), the 10 % rule and
    the day's time limit, and no longer than the long run. Returns the metres added."""
    w = lay.slots[i][k]
    last = w.blocks[-1] if w.blocks else None
    if not w.is_quality or w.benchmark or not isinstance(last, Step):
        return 0.0
    if last.kind is not StepKind.COOL_DOWN or last.duration_s is None:
        return 0.0
    most_m = min(lay.session_cap(i), long_m)
    most_s = min(easy_most_min(lay) * 60 - w.total_duration_s(), room_s(lay, i))
    minutes = math.floor(min(add_m, most_m - w.total_distance_m()) / lay.minutes_m(1))
    minutes = min(minutes, math.floor(most_s / 60))
    if minutes < 1:
        return 0.0
    longer = replace(last, duration_s=last.duration_s + minutes * 60)
    grown = replace(w, blocks=(*w.blocks[:-1], longer))
    lay.slots[i][k] = grown
    lay.carry.history[lay.wk.dates[i]] = max(x.total_distance_m() for x in lay.slots[i] if x.is_run)
    return grown.total_distance_m() - w.total_distance_m()


def grow_easy(lay: WeekLayout, i: int, k: int, add_m: float, long_m: float) -> float:
    """The easy run ``k`` of day ``i`` longer by whole minutes, up to ``add_m``, within
    its day and no longer than ``long_m``; returns the metres added."""
    w = lay.slots[i][k]
    most_m = min(lay.cap(i), lay.minutes_m(easy_max_min(lay, i)), long_m)
    make = {"recovery": lib.recovery_run, "strides": lib.strides_run}
    grow_m = min(add_m, most_m - w.total_distance_m())
    minutes = math.floor(w.total_duration_s() / 60 + grow_m / lay.minutes_m(1))
    if room_s(lay, i) < float("inf"):
        minutes = min(minutes, math.floor((w.total_duration_s() + room_s(lay, i)) / 60))
    while minutes * 60 > w.total_duration_s():
        grown = make.get(w.kind.value, lib.easy_run)(lay.wk.paces, minutes)
        if grown.total_distance_m() <= w.total_distance_m():
            return 0.0  # (strides keep 10 easy minutes: no longer at these minutes)
        added_s = grown.total_duration_s() - w.total_duration_s()
        within = grown.total_duration_s() <= easy_max_min(lay, i) * 60
        if within and grown.total_distance_m() <= most_m and added_s <= room_s(lay, i):
            lay.slots[i][k] = grown
            lay.carry.history[lay.wk.dates[i]] = max(
                x.total_distance_m() for x in lay.slots[i] if x.is_run
            )
            return grown.total_distance_m() - w.total_distance_m()
        minutes -= 1
    return 0.0
