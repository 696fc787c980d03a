"""Issue 15: a shift change keeps the day after the long run easy and short, as the
generator lays it out (coach.no_long_recovery_after_long: 45 minutes at most the day after a
long run or race).

Found by random lives (coach15): an easy run a change moved could land the day after the long
run and last 63 or 105 minutes; and a week's long run could move to the day after the week
before's, itself moved there by the same change, because each week's moves read the days
around it in the plan as it was before the change.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.schedule import Allowance, DayType
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.today.shift import change_days, insert_day, swap_days
from tests.domain.plans import coach
from tests.domain.plans.strategies import TODAY, examples, shift_lives

OFF = DayType("off", Allowance.ANY)
NIGHT = DayType("night", Allowance.NONE)
TYPES = (OFF, NIGHT, DayType("day", Allowance.SHORT, 30))


def _plan(doc: dict[str, Any]) -> Plan:
    return generate(profile_from_dict(doc), TODAY, DANIELS)


def _rota(days: list[str], types: dict[str, str], start: str) -> dict[str, Any]:
    return {"cycle": {"start": start, "days": days, "types": types}}


# a 10k on a 16-day rota of 4 days, 4 off, 4 nights, a recovery day and 3 off, "4-5" days:
# an extra day off in week 18 moved a 63-minute recovery run to the day after a long run
TEN_K = {
    "goal": {"race": "10k", "date": "2027-06-07"}, "weekly_distance": "19.1km",
    "longest_run_30d": "6.4km", "years_running": 3, "run_days_per_week": "4-5",
    "availability": _rota(["day"] * 4 + ["off"] * 4 + ["night"] * 4 + ["recover"] + ["off"] * 3,
                          {"day": "short 27", "night": "short 27", "recover": "short 24",
                           "off": "any"}, "2026-11-16"),
    "long_run_day": "off",
}  # fmt: skip
# a first marathon on the nurse's 14-day rota at 12 km a week: an extra day off in week 4 put
# a week's long run the day after the week before's (moved to that week's last day)
MARATHON = {
    "goal": {"race": "marathon", "date": "2027-01-31"}, "weekly_distance": "12.0km",
    "longest_run_30d": "5.2km", "years_running": 0.5, "run_days_per_week": 4,
    "availability": _rota(["day", "day", "day", "off", "off", "night", "night", "night",
                           "recover", "off", "off", "day", "day", "off"],
                          {"day": "short 28", "night": "none", "recover": "short 28",
                           "off": "any"}, "2026-11-12"),
    "long_run_day": "off",
}  # fmt: skip


def test_an_extra_day_off_moves_no_long_easy_run_to_the_day_after_the_long_run() -> None:
    plan = _plan(TEN_K)
    assert coach.no_long_recovery_after_long(plan) == []
    shifted = insert_day(plan, OFF, plan.start + timedelta(days=125), plan.start)
    assert coach.no_long_recovery_after_long(shifted.plan) == []


def test_a_long_run_moved_in_its_week_never_lands_the_day_after_the_week_before_s() -> None:
    plan = _plan(MARATHON)
    shifted = insert_day(plan, OFF, plan.start + timedelta(days=26), plan.start)
    assert coach.no_long_recovery_after_long(shifted.plan) == []
    days = list(shifted.plan.days())
    longs = [d.day for d in days if d.has(WorkoutKind.LONG)]
    assert all(b - a > timedelta(days=1) for a, b in itertools.pairwise(longs))


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(shift_lives(), st.data())
def test_any_shift_change_keeps_the_day_after_the_long_run_short(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    try:
        plan = _plan(doc)
    except InvalidInput:
        return
    first = plan.start + timedelta(days=data.draw(st.integers(0, len(plan.weeks) * 7 - 4)))
    kind = data.draw(st.sampled_from(TYPES))
    change = data.draw(st.sampled_from(["swap", "insert", "change"]))
    if change == "swap":
        second = first + timedelta(days=data.draw(st.integers(1, 3)))
        shifted = swap_days(plan, first, second, plan.start)
    elif change == "insert":
        shifted = insert_day(plan, kind, first, plan.start)
    else:
        shifted = change_days(plan, {first: kind}, plan.start)
    assert coach.no_long_recovery_after_long(shifted.plan) == []


def test_the_day_after_a_long_run_is_the_only_day_capped() -> None:
    """A change that moves nothing next to a long run leaves the easy runs as they were."""
    plan = _plan(TEN_K)
    day: date = plan.start + timedelta(days=3)
    shifted = change_days(plan, {day: plan.day(day).day_type}, plan.start)  # type: ignore[union-attr]
    assert [w.title for d in shifted.plan.days() for w in d.workouts] == [
        w.title for d in plan.days() for w in d.workouts
    ]
