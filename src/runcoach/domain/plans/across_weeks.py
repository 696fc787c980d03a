"""Two weeks read across their boundary: a week's last day kept easy for the next week's session.

The layout lays out one week at a time, and reads the week before only through its last day
(``Carry.prev_hard``): a session never goes the day after a session or a long run, the
hard/easy rule (Bowerman; Daniels 2014: a quality day is followed by easy days). A rota's
block of free days that the calendar splits (a session on Tuesday, the block's first day, and
the long run on Friday, its last, with Wednesday to Friday in the next week) leaves that next
week no day for its own session: Wednesday follows Tuesday's session, Thursday precedes
Friday's long run. A coach reads the two weeks together and moves the earlier week's session
off its last day (to a short day that holds a short session, or an earlier free day) so that
the week after holds its own; when the earlier week cannot do without its last day it keeps
it, and the later week goes without (``keeps``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from runcoach.domain.plans.layout import Carry, WeekInput, WeekLayout
from runcoach.domain.plans.model import Phase, Week
from runcoach.domain.plans.shape import WeekShape
from runcoach.domain.plans.workouts import Workout
from runcoach.domain.safety import SINGLE_RUN_MAX

Slots = list[list[Workout]]
Pair = tuple[Slots, Slots]  # two weeks' slots, the earlier first
KEPT_SHARE = 0.99  # the earlier week laid out again keeps its volume (ratio, the runs' 0.1 km
# rounding); its long run within one step of the single-run rule (safety.SINGLE_RUN_MAX): the
# next week's long run may grow back to it


@dataclass
class Progress:
    """What the weeks laid out so far hand the next: the carry and the benchmark's count."""

    carry: Carry
    done_bench: int = 0
    bench_m: float | None = None
    last_bench: int = 0  # the week index of the last benchmark placed

    def copy(self) -> Progress:
        return copy.deepcopy(self)


@dataclass
class Laid:
    """One week as laid out, with what it started from (to lay it out again)."""

    shape: WeekShape
    vdot: float
    before: Progress
    wk: WeekInput
    slots: list[list[Workout]] = field(default_factory=list)


LayWeek = Callable[[WeekShape, float, Progress, bool], Laid]  # (shape, vdot, progress it
# moves on, last day easy) -> the week, appended to the weeks laid out (the generator's)


def lay_weeks(
    weeks: list[tuple[WeekShape, float]], lay: LayWeek, progress: Progress, out: list[Week]
) -> Progress:
    """Every week laid out in turn by ``lay`` (onto ``out``); a week whose session the week
    before took (``blocked_by_last_week``) is laid out again with that week, whose last day
    is then kept easy, when the two weeks so are better (``keeps``). The progress after them."""
    laid: list[Laid] = []
    for shape, vdot in weeks:
        laid.append(lay(shape, vdot, progress, False))
        if len(laid) < 2 or not blocked_by_last_week(laid[-1]):
            continue
        prev, kept_weeks, trial = laid[-2], out[-2:], laid[-2].before.copy()
        del out[-2:]
        again = [lay(prev.shape, prev.vdot, trial, True), lay(shape, vdot, trial, False)]
        if keeps((prev.slots, laid[-1].slots), (again[0].slots, again[1].slots)):
            laid[-2:], progress = again, trial
        else:
            out[-2:] = kept_weeks
    return progress


def sessions(slots: list[list[Workout]]) -> int:
    return sum(1 for s in slots for w in s if w.is_quality)


def blocked_by_last_week(laid: Laid) -> bool:
    """A build or peak week wants a session and holds none only because the day before it
    was hard: laid out as if that day were easy, it would hold one."""
    training = laid.shape.phase in (Phase.BUILD, Phase.PEAK) and not laid.shape.recovery
    carry = laid.before.carry
    if not training or laid.wk.quality < 1 or sessions(laid.slots) or not carry.prev_hard:
        return False
    probe = copy.deepcopy(carry)
    probe.prev_hard = probe.prev_long = False
    return sessions(WeekLayout(copy.deepcopy(laid.wk), probe).build()) > 0


def last_day_easy(wk: WeekInput) -> None:
    """No session and no long run on the week's last day (the next week's first day is free
    for its session)."""
    wk.protected = wk.protected | {wk.dates[-1]}


def keeps(old: Pair, new: Pair) -> bool:
    """The two weeks laid out again are better: the later one holds a session, and the
    earlier keeps what it held, a session (of its two, one may go: a session in each week
    before two in one and none in the next, Daniels 2014's Q days spread over the weeks), its
    volume and its long run within a step of the 10 % rule (a coach does not take one week's
    only session to give the next one, nor cut the long run for it); its benchmark
    may pass to the later week, where the block's first free day holds it on fresh legs (a
    week that cannot hold the benchmark passes it on, docs/plans.md)."""
    (before, after), (first, second) = old, new
    return (
        sessions(second) > 0
        and sessions(first) >= min(sessions(before), 1)
        and _benchmarks(first) + _benchmarks(second) >= _benchmarks(before) + _benchmarks(after)
        and _longest_m(first) * SINGLE_RUN_MAX >= _longest_m(before)
        and _run_m(first) >= _run_m(before) * KEPT_SHARE
    )


def _benchmarks(slots: list[list[Workout]]) -> int:
    return sum(1 for s in slots for w in s if w.benchmark)


def _longest_m(slots: list[list[Workout]]) -> float:
    return max((w.total_distance_m() for s in slots for w in s if w.is_run), default=0.0)


def _run_m(slots: list[list[Workout]]) -> float:
    return sum(w.total_distance_m() for s in slots for w in s if w.is_run)
