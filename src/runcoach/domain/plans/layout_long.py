"""The week's long run: its day, its distance, and an ultra's back-to-back second long run.

The long run goes on the preferred day (or a rota's long-run day type, late in its block of
free days), never the day after a long run or race nor next to one, never the day before a
session; it grows toward the distance's long run within the week's share and the day's caps,
never below what the runner already runs (a long run that goes backwards is no long run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.layout_limits import (
    BACK_TO_BACK_SHARE,
    NEXT_BLOCK_DAYS,
    PRE_RACE_LONG,
    RACE_WEEK_DAYS,
    SHORTEST_RUN_MIN,
)
from runcoach.domain.plans.schedule import Allowance

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout


def place_long(lay: WeekLayout) -> int | None:
    if not lay.wk.long_allowed:
        return None
    options = [i for i in range(7) if long_ok(lay, i)]
    options = [i for i in options if not after_long(lay, i)]  # never two long days
    if not options:
        return None
    i = min(options, key=lambda i: long_rank(lay, i))
    distance = long_distance(lay, i)
    if distance < lay.minutes_m(SHORTEST_RUN_MIN):
        return None  # the week's volume leaves no real long run: easy runs only
    lay.put(i, lib.long_run(lay.wk.paces, distance), hard=True)
    return i


def long_ok(lay: WeekLayout, i: int) -> bool:
    near_race = any(abs((lay.wk.dates[i] - r).days) <= 1 for r in lay.wk.races)
    before_quality = i + 1 < 7 and any(w.is_quality for w in lay.slots[i + 1])
    return (
        lay.free(i)
        and not near_race
        and not before_quality
        and lay.wk.dates[i] not in lay.wk.protected
    )


def after_long(lay: WeekLayout, i: int) -> bool:
    """Day ``i`` follows a long run or a race (two long days in a row are not training)."""
    if i == 0:
        return lay.carry.prev_long
    return any(w.kind.value in ("long", "race") for w in lay.slots[i - 1])


def long_rank(lay: WeekLayout, i: int) -> tuple[int, int, int]:
    t = lay.wk.types[i]
    short = 0 if t.allowance is Allowance.ANY else 1
    # among short days, the one that holds the longest run
    room = 0 if t.max_minutes is None else -int(t.max_minutes)
    if lay.wk.long_day_type is not None:
        # the first day of the long run's type, or a later one of its block with two free
        # days before it: those hold the session and a longer easy run, not the long run's
        # 45-minute next day (a rota's block of off days)
        if t.name != lay.wk.long_day_type:
            return (short, room, 14 + (6 - i))
        late = free_before(lay, i) >= days_before_long(lay) and ends_block(lay, i)
        return (short, room, (6 - i) if late else 7 + i)
    want = lay.wk.long_weekday if lay.wk.long_weekday is not None else 6
    after, before = (lay.wk.dates[i].weekday() - want) % 7, (want - lay.wk.dates[i].weekday()) % 7
    # nearest the wanted day, and at the same distance the day before it: a Sunday long run
    # that Sunday cannot hold goes to Saturday, the weekend, not to Monday (a beginner free on
    # Monday, Wednesday, Friday and Saturday had the long run on Monday)
    return (short, room, 2 * min(after, before) + (0 if before <= after else 1))


def days_before_long(lay: WeekLayout) -> int:
    """The free days of its block a long run wants before it to go last: two (the session
    and a longer easy run), or on 4 run days or fewer one, which then holds the week's
    medium-long run (Higdon's Saturday run before the Sunday long run) instead of the
    long run's 45-minute next day: a 2-day block's 80 minutes, not 45."""
    return 1 if lay.four_days else 2


def ends_block(lay: WeekLayout, i: int) -> bool:
    """Day ``i`` is the last of its block of long-run days: the day after it is of another
    type (a long run there leaves no day after it that the next long run needs). A block
    that runs on into the next week holds two long runs, this week's and the next's: this
    week's part of it ends on the week's last day when the next week's part holds a long run
    of its own away from it (``NEXT_BLOCK_DAYS``). The free days before it then hold the
    session and a longer easy run, and the 45-minute day after the long run falls on the next
    week's first free day, not on one of this week's few (an offshore worker's 9 days off
    from a Friday: the long run on Monday and on the Saturday after, not on Friday)."""
    after = lay.wk.types[i + 1].name if i + 1 < 7 else lay.wk.next_type
    if after != lay.wk.long_day_type:
        return True
    return i == 6 and next_block_days(lay) >= next_block_needs(lay)


def next_block_needs(lay: WeekLayout) -> int:
    """The days the next week's part of a block needs to take this week's long run at its end
    (``ends_block``): ``NEXT_BLOCK_DAYS``, and on fewer than 4 planned run days one more than
    the most the runner may run, so that the day after the long run may rest: on so few days
    each run carries a third of the week and a 45-minute run takes the place of a whole one
    (12 on, 9 off on 3-4 run days: Tuesday's 7 km after Monday's long run instead of an 11 km
    run, 40 km of the runner's 48 where 43 fit)."""
    if not lay.few_days:
        return NEXT_BLOCK_DAYS
    return max(NEXT_BLOCK_DAYS, lay.wk.max_days + 1)


def next_block_days(lay: WeekLayout) -> int:
    """The days of the long run's type the next week starts with (the block running on)."""
    n = 0
    for name in lay.wk.next_types:
        if name != lay.wk.long_day_type:
            break
        n += 1
    return n


def free_before(lay: WeekLayout, i: int) -> int:
    """Free days right before day ``i`` of the long run's day type, not after a long run."""
    n, j = 0, i - 1
    while j >= 0 and lay.wk.types[j].name == lay.wk.long_day_type:
        n += lay.free(j) and not after_long(lay, j)
        j -= 1
    return n


def long_distance(lay: WeekLayout, i: int) -> float:
    """Toward the distance's long run within the week's share, never below what the runner
    already runs (a long run that goes backwards is no long run), within the day's caps."""
    return max(min(long_wanted_m(lay, i), lay.cap(i), lay.remaining_m()), 0.0)


def long_wanted_m(lay: WeekLayout, i: int) -> float:
    """The long run day ``i`` is asked for: toward its target (the distance's, or less to
    recover, taper or before the goal) within the week's share, never below what the
    runner already runs; the day's caps aside."""
    share = lay.wk.volume_m * long_share(lay)
    return max(min(long_target(lay, i), share), hold_m(lay))


def long_target(lay: WeekLayout, i: int) -> float:
    target = lay.wk.long_target_m
    if lay.wk.long_factor < 1 and lay.carry.max_long_m:
        target = min(target, lay.carry.max_long_m * lay.wk.long_factor)
    if days_to_goal(lay, i) <= RACE_WEEK_DAYS:  # the last long run before the race
        target = min(target, lay.carry.max_long_m * PRE_RACE_LONG)
    return target


def long_share_now(lay: WeekLayout) -> float:
    """The long run's share of the week as built, as ``layout_caps.fit_long`` keeps it (a week of
    fewer than 4 runs: the few days' share, as ``long_distance`` sized it)."""
    runs = sum(1 for s in lay.slots if any(w.is_run for w in s))
    return (lay.wk.long_share if runs >= 4 else long_share(lay)) * 0.995


def days_to_goal(lay: WeekLayout, i: int) -> int:
    ahead = [(g - lay.wk.dates[i]).days for g in lay.wk.goal_days]
    return min((k for k in ahead if k > 0), default=99)


def long_share(lay: WeekLayout) -> float:
    return max(lay.few_share, lay.wk.long_share) if lay.few_days else lay.wk.long_share


def hold_m(lay: WeekLayout) -> float:
    """The long run the runner already runs, kept in normal weeks (not to recover or taper)."""
    if lay.wk.long_factor < 1 or lay.wk.recovery or not lay.wk.long_allowed:
        return 0.0
    return min(lay.wk.baseline_longest_m, lay.wk.long_target_m)


def place_back_to_back(lay: WeekLayout, long_i: int | None) -> None:
    """An ultra's second long run on the day after the first: time on tired legs (the
    first day of next week when the long run closes this one)."""
    lay.carry.back_to_back_m = 0.0
    if not lay.wk.back_to_back or long_i is None:
        return
    first = max(w.total_distance_m() for w in lay.slots[long_i] if w.is_run)
    if long_i + 1 >= 7:
        lay.carry.back_to_back_m = first * BACK_TO_BACK_SHARE
        return
    back_to_back(lay, long_i + 1, first * BACK_TO_BACK_SHARE)


def place_pending_back_to_back(lay: WeekLayout) -> None:
    wanted = lay.carry.back_to_back_m
    if wanted > 0 and not lay.wk.recovery and lay.wk.long_factor >= 1:
        back_to_back(lay, 0, wanted)


def back_to_back(lay: WeekLayout, i: int, wanted_m: float) -> None:
    dist = min(wanted_m, lay.cap(i), lay.remaining_m())
    before_quality = i + 1 < 7 and any(w.is_quality for w in lay.slots[i + 1])
    if before_quality or lay.wk.dates[i] in lay.wk.protected:
        return
    if lay.free(i) and dist >= wanted_m * 0.7:
        lay.put(i, lib.back_to_back_long_run(lay.wk.paces, dist), hard=True)
