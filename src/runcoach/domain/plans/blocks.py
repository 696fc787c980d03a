"""A life of blocks (7 days on at work with every run day short, 7 off): how a coach reads it.

Such a life is read over its cycle, not week by week: the work week holds what its short days
hold, and the free week carries the volume and the long run. The generator (``building``), the
rules (``rules``: the long-run share of a free week) and the plan's edits read it from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from runcoach.domain.plans.model import Plan, Week
from runcoach.domain.plans.schedule import Allowance, DayType

BLOCK_PERIODS = (2, 3, 4)  # a life of blocks repeats its weeks' day types every 2-4 weeks
LIGHT_WHOLE_DAYS = 1  # a week of work days but this many whole days at most is the job's light
ROOMY_WHOLE_DAYS = 3  # ... week when another week of its cycle has this many whole days


def is_work_week(types: Sequence[DayType]) -> bool:
    """Every day of the week that can hold a run has a time limit (a week on at work)."""
    return all(t.max_minutes is not None for t in types if t.can_run)


def block_period(weeks: Sequence[Sequence[DayType]]) -> int:
    """A life of blocks, read from its weeks' day types: they repeat every 2, 3 or 4 weeks
    and one week of the cycle has a time limit on every day that can hold a run (7 days on at
    work, 7 off): the cycle in weeks. 1 for every other life (a rota with a free day each
    week, the same week every week). A coach reads such a life in blocks: the work week holds
    what its short days hold, the free week carries the volume and the long run. A life whose
    every week is short days (33-minute days every other day, 3 run days one week and 4 the
    next) has no free week to carry the volume: 1, its weeks one after the other, as the
    coach reads it (a week of 13.3 km after one of 9.7 was judged against the 13.2 two weeks
    before it)."""
    kinds = [tuple(t.name for t in week) for week in weeks]
    work = [is_work_week(week) for week in weeks]
    if len(set(kinds)) < 2 or not any(work) or all(work):
        return 1
    for period in BLOCK_PERIODS:
        if all(kinds[i] == kinds[i + period] for i in range(len(kinds) - period)):
            return period
    return 1


def growth_period(weeks: Sequence[Sequence[DayType]]) -> int:
    """The cycle in weeks over which volume growth is read (the safety model's two-week and
    four-week levels, ``safety.cycle_back``): ``block_period``, or for a life of blocks whose
    cycle starts mid-week (``light_weeks``: 12 on, 9 off from a Wednesday, a week of seven
    free days then two weeks of one) the period its weeks repeat with. Its free week is
    measured from the free week before it, not from the week of one free day that its job
    held to 14 km (Nielsen's 30 % read week by week held a marathoner of 28 km to 18).
    1 for every other life."""
    period = block_period(weeks)
    if period > 1 or not light_weeks(weeks):
        return period
    return _repeat_period(weeks)


def _repeat_period(weeks: Sequence[Sequence[DayType]]) -> int:
    kinds = [tuple(t.name for t in week) for week in weeks]
    for period in BLOCK_PERIODS:
        if all(kinds[i] == kinds[i + period] for i in range(len(kinds) - period)):
            return period
    return 1


def light_weeks(weeks: Sequence[Sequence[DayType]]) -> frozenset[int]:
    """The weeks (indices from 0) the job holds light in a life of blocks whose cycle starts
    mid-week: the weeks' day types repeat every 2-4 weeks, and a week holds one whole day at
    most while another week of the cycle holds three or more (7 on, 7 off starting on a
    Tuesday: a week of six work days and one free day, then a week of six free days). No
    week of it is all short days (``block_period`` reads such a life week by week), but a
    coach rests the runner in the week the job holds down anyway, not in the free week that
    carries the cycle's volume and long run (``shape.recovery_weeks``). Empty otherwise."""
    kinds = {tuple(t.name for t in week) for week in weeks}
    whole = [sum(t.allowance is Allowance.ANY for t in week) for week in weeks]
    repeats = _repeat_period(weeks) > 1
    if len(kinds) < 2 or not repeats or max(whole, default=0) < ROOMY_WHOLE_DAYS:
        return frozenset()
    return frozenset(k for k, n in enumerate(whole) if n <= LIGHT_WHOLE_DAYS)


def block_cycle_m(weeks: Sequence[Week], i: int, period: int) -> float | None:
    """The running of week ``i``'s cycle (it and the weeks of its cycle before it) when week
    ``i`` is a free week of a life of blocks (``block_period``); ``None`` otherwise."""
    if period < 2 or i < period - 1 or is_work_week(week_types(weeks[i])):
        return None
    return sum(w.distance_m for w in weeks[i - period + 1 : i + 1])


def week_types(week: Week) -> list[DayType]:
    return [d.day_type for d in week.days]


def plan_period(plan: Plan) -> int:
    """The plan's life in blocks (``block_period``), read from its days."""
    return block_period([week_types(w) for w in plan.weeks])


def plan_growth_period(plan: Plan) -> int:
    """The cycle the plan's volume growth is read over (``growth_period``), from its days."""
    return growth_period([week_types(w) for w in plan.weeks])
