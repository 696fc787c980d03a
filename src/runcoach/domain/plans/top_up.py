"""A week laid out under the volume it was asked to hold, topped up where its days have room.

The layout sizes each run against the week as planned, then cuts: the long run to its share
of the week as built, a short day's run for a strength routine or a warm-up, a recovery run
after a session. Each cut is right on its own; together they can leave a week well under
what the runner already runs while its days still have room (a rota's 36-minute days cut to
33, a free day left without a run, the long run cut to its share of a week the cuts made
smaller). A coach puts the volume back on the days that can take it: the easy runs grow to
their caps, an idle day the runner may run takes an easy run, on fewer than 4 run days the
sessions' cool-downs carry the rest (up to a third of the week each), and the long run regains
its share of the week as finally built. Nothing grows past a rule the layout keeps: the day's
time limit (routines included), the 10 % single-run rule, the easy run's longest (45 minutes
the day after a long run, a shake-out before the goal), the easy runs' share of the week, the
long run's share, and never past the week's asked volume.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.layout_easy import (
    easy_ceiling,
    easy_max_min,
    easy_rank,
    easy_workout,
    recovery_run_most_min,
)
from runcoach.domain.plans.layout_half import grow_session, is_long
from runcoach.domain.plans.layout_limits import SAFETY
from runcoach.domain.plans.layout_long import long_share_now, long_wanted_m
from runcoach.domain.plans.layout_routines import room_s
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import Workout, WorkoutKind

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout

GROWN = (WorkoutKind.EASY, WorkoutKind.RECOVERY, WorkoutKind.STRIDES)  # the runs topped up
TOP_UP_ROUNDS = 2  # passes: a longer long run raises the easy runs' ceiling (95 % of it)
SLACK_MIN = 1.0  # a week this close to its volume (minutes of easy running) is left alone
ADDED_RUN_MIN = 20.0  # a run added to top up a week: a real run (minutes), the layout's
# MIN_EASY_MIN + 5 (``layout_quality.leaves_easy_runs``)


def top_up(lay: WeekLayout, long_i: int | None) -> None:
    """Grow the week's runs back toward its asked volume where its days have room."""
    for _ in range(TOP_UP_ROUNDS):
        if _short_m(lay) < lay.minutes_m(SLACK_MIN):
            return
        _grow_easy(lay)
        _add_easy_day(lay)
        _grow_sessions(lay, long_i)
        _grow_long(lay, long_i)


def _short_m(lay: WeekLayout) -> float:
    return lay.wk.volume_m - lay.run_m()


def _most_m(lay: WeekLayout, i: int, per_s: float, own_s: float = 0.0) -> float:
    """The longest easy run on day ``i`` (``per_s``: its pace in m/s; ``own_s``: the run there
    now): the day's time left (its routines counted), the easy run's longest on that day, the
    10 % rule and the easy runs' ceiling."""
    most_s = easy_max_min(lay, i) * 60
    t = lay.wk.types[i]
    if t.allowance is Allowance.SHORT and t.max_duration_s is not None:
        most_s = min(most_s, own_s + room_s(lay, i))
    return min(most_s * per_s, lay.cap(i), easy_ceiling(lay))


def _pace_m_s(w: Workout) -> float:
    return w.total_distance_m() / max(w.total_duration_s(), 1.0)


def _rebuilt(lay: WeekLayout, w: Workout, metres: float) -> Workout:
    """``w`` at ``metres``, rounded down to whole minutes at its pace: never over. A recovery
    run that grows past its longest is an easy run (a 93-minute "recovery run" the day after
    a session is the week's medium-long run), its minutes at easy pace: the same minutes at
    the faster pace ran 11.9 km where the 10 % rule allowed 11.5."""
    paces = lay.wk.paces
    if w.kind is WorkoutKind.RECOVERY:
        minutes = math.floor(metres / _pace_m_s(w) / 60)
        if minutes <= recovery_run_most_min(lay):
            return lib.recovery_run(paces, minutes)
        return lib.easy_run(paces, math.floor(metres / _pace_m_s(lib.easy_run(paces, 60)) / 60))
    minutes = math.floor(metres / _pace_m_s(w) / 60)
    if w.kind is WorkoutKind.STRIDES:
        return lib.strides_run(paces, minutes)
    return lib.easy_run(paces, minutes)


def _grow_easy(lay: WeekLayout) -> None:
    """The easy runs take the week's shortfall, shared out evenly up to each one's cap."""
    found = [(i, k) for i, s in enumerate(lay.slots) for k, w in enumerate(s) if w.kind in GROWN]
    open_ = list(found)
    for _ in range(3):
        left = _short_m(lay)
        if not open_ or left < lay.minutes_m(SLACK_MIN):
            return
        each = left / len(open_)
        for i, k in list(open_):
            w = lay.slots[i][k]
            most = _most_m(lay, i, _pace_m_s(w), w.total_duration_s())
            room = most - w.total_distance_m()
            if room < lay.minutes_m(SLACK_MIN):
                open_.remove((i, k))
                continue
            grown = _rebuilt(lay, w, w.total_distance_m() + min(each, room))
            if grown.total_distance_m() > w.total_distance_m():
                lay.slots[i][k] = grown
                lay.carry.history[lay.wk.dates[i]] = grown.total_distance_m()


def _add_easy_day(lay: WeekLayout) -> None:
    """A day the runner may run holds no run yet and the week is still short of a real run's
    worth (20 minutes): an easy run there, on the day the layout's easy runs would choose."""
    short = _short_m(lay)
    options = [i for i in range(7) if lay.free(i)]
    if short < lay.minutes_m(ADDED_RUN_MIN) or not options:
        return
    i = max(options, key=lambda j: easy_rank(lay, j, []))
    probe = lib.easy_run(lay.wk.paces, 60)
    most = min(_most_m(lay, i, _pace_m_s(probe)), short)
    minutes = math.floor(most / probe.total_distance_m() * 60)
    if minutes >= ADDED_RUN_MIN:
        lay.put(i, easy_workout(lay, i, minutes))


def _grow_sessions(lay: WeekLayout, long_i: int | None) -> None:
    """On fewer than 4 run days, what the easy runs could not take the sessions' cool-downs
    carry, each up to a third of the week (FIRST's three runs a week, Pierce, Murr & Moss
    2007, each a third of it; a session carries its miles, Pfitzinger & Douglas 2009's "10 mi
    with 5 x 1000 m") within ``layout_half.grow_session``'s limits (the 10 % rule, the day's
    time, the easy run's longest, no longer than the long run): on 3 run days held by the
    10 % rule, a 9.6 km long run and 32- and 37-minute sessions left 22 km of the runner's
    28."""
    if long_i is None or not lay.few_days or _short_m(lay) < lay.minutes_m(SLACK_MIN):
        return
    long_m = max((w.total_distance_m() for w in lay.slots[long_i] if is_long(w)), default=0.0)
    found = [(i, k) for i, s in enumerate(lay.slots) for k, w in enumerate(s)
             if w.is_quality and not w.benchmark]  # fmt: skip
    share = lay.few_share * SAFETY
    for n, (i, k) in enumerate(found):  # the shortfall shared between them
        now = lay.slots[i][k].total_distance_m()
        third = share * (lay.run_m() - now) / (1 - share) - now  # of the week as grown
        grow_session(lay, i, k, min(_short_m(lay) / (len(found) - n), third), long_m)


def _grow_long(lay: WeekLayout, long_i: int | None) -> None:
    """The long run cut to its share of a smaller week regains it in the week as topped up:
    up to what its day was asked to hold, within its caps and its share of the week."""
    if long_i is None:
        return
    found = [(k, w) for k, w in enumerate(lay.slots[long_i]) if w.kind is WorkoutKind.LONG]
    found = [(k, w) for k, w in found if not w.title.startswith("Back-to-back")]
    if not found:
        return
    k, w = found[0]
    now = w.total_distance_m()
    most = min(long_wanted_m(lay, long_i), lay.cap(long_i), now + _short_m(lay))
    if lay.wk.share_rule:
        share = long_share_now(lay)
        rest = lay.run_m() - now
        most = min(most, share * rest / (1 - share)) if share < 1 else most
    t = lay.wk.types[long_i]
    if t.allowance is Allowance.SHORT and t.max_duration_s is not None:
        most = min(most, now + room_s(lay, long_i) * _pace_m_s(w))
    if most > now + lay.minutes_m(SLACK_MIN):
        lay.slots[long_i][k] = lib.long_run(lay.wk.paces, most)
        lay.carry.history[lay.wk.dates[long_i]] = most
        lay.carry.max_long_m = max(lay.carry.max_long_m, most)
        lay.carry.plan_long_m = max(lay.carry.plan_long_m, most)
