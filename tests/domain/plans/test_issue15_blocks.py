"""Issue 15, what a coach reads in two lives the caps got wrong: the first marathon on 7-on /
7-off work blocks (its long run must reach a marathon's, carried by the free weeks), and a
runner far above the plan's caps (the plan starts from what they do, it does not cut them)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from benchmarks.plan_readings import READINGS, plan_of, profile_of
from runcoach.domain.plans.blocks import is_work_week, plan_period, week_types
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Phase, Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile, profile_from_dict
from runcoach.domain.plans.rules import LONG_SHARE_MARATHON, check, long_share_max
from runcoach.domain.safety import SINGLE_RUN_MAX, TWO_WEEK_MAX
from runcoach.domain.units import MARATHON_M
from tests.domain.plans import coach
from tests.domain.plans.test_issue15_observations import PHYSICIAN
from tests.domain.test_one_safety_model import warned_when_followed

TODAY = date(2026, 12, 3)
KM = 1000.0


def _build(doc: dict[str, Any]) -> tuple[Plan, Profile]:
    profile = profile_from_dict(doc)
    return generate(profile, TODAY, DANIELS), profile


def _undeclared(plan: Plan) -> list[str]:
    return [f"{v.day} {v.rule}: {v.seen}" for v in check(plan) if v.accepted is None]


def _long_runs(plan: Plan) -> list[float]:
    return [max(coach._long_runs(w), default=0.0) for w in plan.weeks]


# ---- the first marathon on 7-on / 7-off work blocks -------------------------------------

WORK_BLOCKS = next(r for r in READINGS if r.profile.endswith("first-marathon-work-blocks.yaml"))


def _free_weeks(plan: Plan) -> list[int]:
    """The free weeks before the taper (indices from 0)."""
    return [i for i, w in enumerate(plan.weeks)
            if not is_work_week(week_types(w)) and w.phase is not Phase.TAPER]  # fmt: skip


def test_the_physician_s_long_run_reaches_a_marathon_s_in_the_free_weeks():
    """It stopped at 22.5 km (a free week of 58 km at the 40 % marathon share); a coach puts
    29-32 km in the free week, as Higdon's Novice puts 20 mi in a 40 mi week."""
    plan = plan_of(WORK_BLOCKS)
    longs = _long_runs(plan)
    before_taper = [m for w, m in zip(plan.weeks, longs, strict=True) if w.phase is not Phase.TAPER]
    assert sum(1 for m in before_taper if m >= 29 * KM) >= 2
    assert max(before_taper) <= 32 * KM


def test_the_physician_s_long_run_grows_free_week_to_free_week_by_the_single_run_rule():
    plan = plan_of(WORK_BLOCKS)
    longs = [_long_runs(plan)[i] for i in _free_weeks(plan)]
    assert longs[0] >= 0.95 * plan.baseline.longest_run_m  # from her 16 km, not below it
    for a, b in itertools.pairwise(longs):
        assert a <= b <= a * SINGLE_RUN_MAX + 1  # it grows, 10 % at most a step
    assert not [v for v in check(plan) if v.rule == "single-run-growth"]


def test_the_physician_s_free_weeks_build_within_the_growth_rules():
    plan = plan_of(WORK_BLOCKS)
    vols = [plan.weeks[i].distance_m for i in _free_weeks(plan)]
    assert vols[-1] >= 1.5 * vols[0]  # 34 km -> 60 km and more
    for a, b in itertools.pairwise(vols):
        assert b <= a * TWO_WEEK_MAX  # free week on free week: the two-week rule
    work = [w for i, w in enumerate(plan.weeks)
            if i not in _free_weeks(plan) and w.phase is not Phase.TAPER]  # fmt: skip
    # six 45-minute days with their routines: the job's cap (32 km of easy running since
    # coach15: a strength routine goes to the work week's day without a run, so the run days
    # keep their minutes). The cap is the job's minutes: a session's fast minutes inside them
    # cover more ground (qual15: a 19-minute tempo in a 45-minute day, a 33-34 km work week),
    # so the week's running time is read as easy running
    easy_s = plan.paces["easy"].slow.seconds_per_km  # as the layout reads a day's limit
    as_easy = [sum(x.total_duration_s() for _, x in w.workouts() if x.is_run) / easy_s * KM
               for w in work]  # fmt: skip
    assert max(as_easy) <= 32 * KM
    for i, week in enumerate(plan.weeks):
        if i in _free_weeks(plan) or week.phase is Phase.TAPER:
            continue
        for day in week.days:  # every work day, routines included, within its 45 minutes
            limit = day.day_type.max_duration_s
            assert limit is None or sum(w.total_duration_s() for w in day.workouts) <= limit + 1


def test_the_physician_s_plan_passes_plan_check_and_the_coach():
    plan, profile = plan_of(WORK_BLOCKS), profile_of(WORK_BLOCKS)
    assert _undeclared(plan) == []
    assert coach.everything(plan, profile) == []
    assert coach.volume_builds(plan) == []
    assert not any("short of" in n for n in plan.notes)  # no excuse needed any more


def test_followed_exactly_the_physician_s_plan_raises_no_warning_before_race_day():
    """The rules and the warnings are one model: neither the growth limits nor the spike
    rule nor the acute:chronic ratio (the free week against the cycle's 28 days) object."""
    plan = generate(profile_from_dict(PHYSICIAN), TODAY, DANIELS)
    assert warned_when_followed(plan) == []


def test_a_plan_that_starts_on_a_work_week_rests_on_work_weeks_and_builds_the_same():
    """The same physician a week later in her rota: the plan's first week is a work week.
    Its recovery weeks (every 4th) fell on the free weeks, which held the long run at
    16-18 km and the free weeks at 33-36 km for 20 weeks; they now fall on work weeks."""
    doc = {**PHYSICIAN, "availability": {"cycle": {**PHYSICIAN["availability"]["cycle"],
                                                   "start": "2026-12-07"}}}  # fmt: skip
    plan, profile = _build(doc)
    assert is_work_week(week_types(plan.weeks[0]))
    rested = [w for w in plan.weeks if w.recovery]
    assert rested and all(is_work_week(week_types(w)) for w in rested)
    longs = [m for w, m in zip(plan.weeks, _long_runs(plan), strict=True)
             if w.phase is not Phase.TAPER]  # fmt: skip
    assert sum(1 for m in longs if m >= 29 * KM) >= 2
    assert coach.everything(plan, profile) == []
    assert coach.volume_builds(plan) == []
    assert _undeclared(plan) == []


def test_a_free_week_s_long_run_share_is_read_with_its_cycle():
    """Half the free week (Higdon's Novice: 20 mi in 40 mi) when the cycle's running carries
    it; the usual 40 % when the work week holds nothing (the cycle is the free week alone),
    and outside a life of blocks; a 10k does not need the long run to grow."""
    assert long_share_max(MARATHON_M, 62 * KM, 6, cycle_m=90 * KM) == pytest.approx(0.5)
    assert long_share_max(MARATHON_M, 62 * KM, 6) == pytest.approx(LONG_SHARE_MARATHON)
    assert long_share_max(MARATHON_M, 62 * KM, 6, cycle_m=62 * KM) == pytest.approx(0.4)
    assert long_share_max(MARATHON_M, 62 * KM, 6, cycle_m=70 * KM) == pytest.approx(0.4 * 70 / 62)
    assert long_share_max(10000, 40 * KM, 6, cycle_m=60 * KM) == pytest.approx(0.3)


def test_a_life_of_blocks_is_read_from_the_plan_s_days_and_no_other_life_is():
    assert plan_period(plan_of(WORK_BLOCKS)) == 2
    for reading in READINGS:
        if reading is not WORK_BLOCKS:
            assert plan_period(plan_of(reading)) == 1, reading.profile


# ---- a runner far above the caps -------------------------------------------------------

BIG_RUNNER: dict[str, Any] = {
    "recent_results": [{"date": "2026-10-04", "distance": "half", "time": "1:25:00"}],
    "weekly_distance": "90km",
    "longest_run_30d": "30km",
    "years_running": 6,
    "run_days_per_week": 6,
}


@pytest.mark.parametrize("goal", ["base", "health"])
def test_a_90_km_runner_building_base_keeps_his_30_km_long_run_and_his_week(goal: str):
    """A goal without a race used to take a 10k's long run (18 km) for a runner who runs
    30 km every week: the plan now holds what he runs, week 1 included."""
    plan, profile = _build({**BIG_RUNNER, "goal": goal})
    longs = _long_runs(plan)
    assert longs[0] >= 0.95 * 30 * KM
    normal = [m for w, m in zip(plan.weeks, longs, strict=True) if not w.recovery]
    assert min(normal) >= 0.95 * 30 * KM  # held, not cut, in every normal week
    assert plan.weeks[0].distance_m >= 0.9 * 90 * KM
    assert coach.everything(plan, profile) == []
    assert coach.volume_builds(plan) == []
    assert _undeclared(plan) == []


@pytest.mark.parametrize(("race", "day"), [("marathon", "2027-05-16"), ("half", "2027-04-18")])
def test_a_90_km_runner_asking_for_a_race_starts_from_his_week_and_long_run(race: str, day: str):
    plan, profile = _build({**BIG_RUNNER, "goal": {"race": race, "date": day}})
    longs = _long_runs(plan)
    need = 30 * KM if race == "marathon" else 19 * KM  # what the distance needs at most
    assert longs[0] >= 0.95 * min(30 * KM, need)
    assert plan.weeks[0].distance_m >= 0.9 * 90 * KM
    assert coach.everything(plan, profile) == []
    assert coach.volume_builds(plan) == []
    assert _undeclared(plan) == []
