"""The week's caps kept on the runs as laid out: the long run's share, 10 % per run, mostly easy.

Each pass runs on the week as built so far (a session moved by the layout can land after a
shorter week than the one it was sized for; a cut run leaves the week harder): the longest
runs are capped to the long-run share, each run to 10 % over the longest of the 30 days
before it, and quality is traded for easy running until at most HARD_SHARE_MAX of the
running time is hard.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.layout_easy import easy_max_min
from runcoach.domain.plans.layout_limits import HARD_SHARE_MAX
from runcoach.domain.plans.layout_long import hold_m
from runcoach.domain.plans.layout_quality import OTHER_SIZES, day_holds
from runcoach.domain.plans.workouts import Workout

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout


def fit_long(lay: WeekLayout, long_i: int | None) -> None:
    """Cap the longest runs so none is over the long-run share of the week as built."""
    if sum(1 for s in lay.slots if any(w.is_run for w in s)) >= 4:
        cap_runs(lay, lay.wk.long_share * 0.995)
    if long_i is not None:
        longest = max(w.total_distance_m() for w in lay.slots[long_i])
        lay.carry.max_long_m = max(lay.carry.max_long_m, longest)
        lay.carry.plan_long_m = max(lay.carry.plan_long_m, longest)


def cap_runs(lay: WeekLayout, share: float) -> None:
    items = [(i, k, w) for i, s in enumerate(lay.slots) for k, w in enumerate(s)]
    runs = sorted((x for x in items if x[2].is_run), key=lambda x: -x[2].total_distance_m())
    total = sum(x[2].total_distance_m() for x in runs)
    movable = [x for x in runs if x[2].kind.value != "race" and not x[2].is_quality]
    for n in range(1, len(movable) + 1):
        rest = total - sum(x[2].total_distance_m() for x in movable[:n])
        if share * n >= 1:
            return
        x_m = share * rest / (1 - share * n)
        nxt = movable[n][2].total_distance_m() if n < len(movable) else 0.0
        if movable[n - 1][2].total_distance_m() > x_m >= nxt:
            for i, k, w in movable[:n]:
                lay.slots[i][k] = smaller(lay, w, x_m, lay.cap(i))
                lay.carry.history[lay.wk.dates[i]] = lay.slots[i][k].total_distance_m()
            return
        if movable[0][2].total_distance_m() <= x_m:
            return


def keep_single_run_rule(lay: WeekLayout) -> None:
    """Last pass, day by day in order: no run over 10 % beyond the longest of the 30 days
    before it, measured on the runs as finally laid out (a session moved by the layout
    can land after a shorter week than the one it was sized for)."""
    for i, day in enumerate(lay.wk.dates):
        lay.carry.history.pop(day, None)
        cap = lay.cap(i)
        for k, w in enumerate(lay.slots[i]):
            fits = w.total_distance_m() <= (lay.session_cap(i) if w.is_quality else cap)
            if not w.is_run or w.kind.value == "race" or fits:
                continue
            if w.is_quality:
                # the easy run's distance is counted at the middle of the easy band: minutes
                # from the slow end would land over the cap (a mile plan's 91-minute run)
                minutes = cap / 1000 * lay.wk.paces.easy.middle.seconds_per_km / 60
                lay.slots[i][k] = lib.easy_run(lay.wk.paces, max(1.0, math.floor(minutes)))
            else:
                lay.slots[i][k] = smaller(lay, w, cap, cap)
        runs = [w.total_distance_m() for w in lay.slots[i] if w.is_run]
        if runs:
            lay.carry.history[day] = max(runs)


def smaller(lay: WeekLayout, w: Workout, limit: float, cap: float) -> Workout:
    if w.kind.value == "long" and w.title.startswith("Back-to-back"):
        return lib.back_to_back_long_run(lay.wk.paces, limit)
    if w.kind.value == "long":
        floor = min(hold_m(lay), cap)
        return w if w.total_distance_m() <= floor else lib.long_run(lay.wk.paces, max(limit, floor))
    minutes = limit / 1000 * lay.wk.paces.easy.middle.seconds_per_km / 60
    return lib.easy_run(lay.wk.paces, max(1.0, math.floor(minutes)))


def keep_mostly_easy(lay: WeekLayout) -> None:
    """If the week came out smaller than planned, trade quality for easy running until
    at most HARD_SHARE_MAX of the running time is hard."""
    while hard_share(lay) > HARD_SHARE_MAX:
        found = [(i, k) for i, s in enumerate(lay.slots) for k, w in enumerate(s) if w.is_quality]
        if not found:
            return
        i, k = found[-1]
        if lighter_session(lay, i, k):
            continue
        # the session's time as easy running, within the day's easy cap
        minutes = math.floor(min(lay.slots[i][k].total_duration_s() / 60,
                                 easy_max_min(lay, i)))  # fmt: skip
        lay.slots[i][k] = lib.easy_run(lay.wk.paces, minutes)
        runs = [w.total_distance_m() for w in lay.slots[i] if w.is_run]
        lay.carry.history[lay.wk.dates[i]] = max(runs, default=0.0)
        lay.hard[i] = any(w.is_quality or w.kind.value in ("race", "long") for w in lay.slots[i])


def lighter_session(lay: WeekLayout, i: int, k: int) -> bool:
    """The session ``lay.slots[i][k]`` made smaller, not easy, when the week came out too
    small for it: the largest of the week's sessions (at the sizes ``next_session`` tries)
    with less hard running and no longer, that keeps the week mostly easy and that the day
    holds. A coach
    sizes the session to the week rather than drop it (a 2-day week of 30 km keeps a 12-minute
    tempo, not 8 km at marathon pace turned easy: Pfitzinger & Douglas 2009's tempo runs of
    4-7 miles by the week). The benchmark and a program's fixed sessions keep their size."""
    old = lay.slots[i][k]
    if old.benchmark or lay.wk.fixed:
        return False
    taken = {w.title for s in lay.slots for w in s} | lay.carry.last_titles
    best: Workout | None = None
    for session in (*lay.wk.sessions, *lay.wk.smaller):
        for scale in OTHER_SIZES:
            w = session(lay.wk.paces, lay.wk.volume_m / 1000 * scale)
            smaller = _hard_s(w) < _hard_s(old) and w.total_duration_s() <= old.total_duration_s()
            if w.title in taken or not smaller or not day_holds(lay, i, w):
                continue  # no longer either: the day's routines fit beside the old one
            lay.slots[i][k] = w
            if hard_share(lay) <= HARD_SHARE_MAX and (best is None or _hard_s(w) > _hard_s(best)):
                best = w
            lay.slots[i][k] = old
    if best is not None:
        lay.slots[i][k] = best
        lay.carry.history[lay.wk.dates[i]] = max(
            x.total_distance_m() for x in lay.slots[i] if x.is_run
        )
    return best is not None


def _hard_s(w: Workout) -> float:
    return w.total_duration_s() - w.easy_duration_s()


def hard_share(lay: WeekLayout) -> float:
    runs = [w for s in lay.slots for w in s if w.is_run and w.kind.value != "race"]
    total = sum(w.total_duration_s() for w in runs)
    hard = sum(w.total_duration_s() - w.easy_duration_s() for w in runs)
    return hard / total if total else 0.0
