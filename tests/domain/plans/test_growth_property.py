"""Issue 15's growth questions over random lives: the runner's week held, the peak block over
it, the long run growing, a session in every build week (``coach.growth``, part of
``coach.everything``).

The six readings of docs/plans.md and the situations of issue 15 answer them
(test_issue15_docs.py, test_issue15_observations.py). Over random lives the generator does
not yet: on the search of coach15 (seeds 1-41, 300-600 lives each) about one random life in
six and one rotating life in four still drew a complaint, nearly all "week N under the km
the runner runs now". vol15 closed the causes it found in the layout (test_issue15_week_held:
the cuts' shortfall topped up, strength after a free day's session, on few days the long run
ending a 2-day off block, the session on a short day, an easy run on the day that holds more);
on 120 rotating lives of seeds 11-13, 7-10 lives a seed still fell under the runner's week
(mostly lives of blocks whose 4-week average growth rule held the free week down after a
work week, and 15-minute days that hold under the 10 % rule's run). The growth rules now read
a life of blocks by its cycle and rest its work week (the two 12-on-9-off lives below); what
remains under the runner's week is mostly free days the layout does not fill, and "no quality
session" and "the long run does not grow" are as common (counted by `python -m
benchmarks.plan_survey`: docs/plans.md, "Over random lives"). The evening of 2026-12-05
(blocks16, rota16, long16, qual16) closed more: 120 rotating lives of seeds 11-13 complain
2 / 4 / 8 times (4 / 14 / 9 before), the any-life seeds 2 / 1 (3 / 2). The two properties are
strict xfails naming that gap: they turn red the day it is closed, and the lives below are
the cases to start from.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import Phase, given, settings

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import blocks, rules
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Phase as PlanPhase
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.safety import TWO_WEEK_MAX
from tests.domain.plans import coach
from tests.domain.plans.strategies import TODAY, examples, profiles, shift_lives

GAP = (
    "issue 15 growth over random lives: weeks under the runner's volume now on rotas and "
    "few-day lives (see the module docstring and the coach15 report)"
)
FIND = [Phase.explicit, Phase.reuse, Phase.generate]  # a known gap: no time spent shrinking


def _plan(doc: dict[str, Any]) -> Plan | None:
    try:
        return generate(profile_from_dict(doc), TODAY, DANIELS)
    except InvalidInput:
        return None


def _growth(doc: dict[str, Any]) -> list[str]:
    plan = _plan(doc)
    return [] if plan is None else coach.growth(plan)


@pytest.mark.xfail(strict=True, reason=GAP)
@settings(max_examples=examples(150), deadline=None, phases=FIND)
@given(shift_lives())
def test_every_plan_for_a_rotating_life_builds_as_a_coach_asks(doc: dict[str, Any]) -> None:
    assert _growth(doc) == []


@pytest.mark.xfail(strict=True, reason=GAP)
@settings(max_examples=examples(200), deadline=None, phases=FIND)
@given(profiles())
def test_every_plan_for_any_life_builds_as_a_coach_asks(doc: dict[str, Any]) -> None:
    assert _growth(doc) == []


def _rota(days: list[str], types: dict[str, str], start: str) -> dict[str, Any]:
    return {"cycle": {"start": start, "days": days, "types": types}}


EIGHT_DAY_ROTA = ["day", "day", "night", "night", "recover", "off", "off", "off"]
SIXTEEN_DAY_ROTA = ["day"] * 4 + ["off"] * 4 + ["night"] * 4 + ["recover"] + ["off"] * 3
FOURTEEN_DAY_ROTA = ["day"] * 3 + ["off"] * 2 + ["night"] * 3 + ["recover", "off", "off"] + [
    "day", "day", "off"]  # fmt: skip

# Lives whose growth the generator answers (regression cases of coach15's fixes)
BUILDS: dict[str, dict[str, Any]] = {
    # the benchmark series found no week on this rota before (test_coach_property.py)
    "12-on-9-off-half": {
        "goal": {"race": "half", "date": "2027-05-29"}, "weekly_distance": "65.8km",
        "longest_run_30d": "19.7km", "years_running": 0.5, "run_days_per_week": "4-5",
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 30", "off": "any"},
                              "2026-11-02"),
        "long_run_day": "off",
    },
    # a runner at 13 km a week on the 8-day rota: weeks of 11-22 km are easy running and
    # strides (coach.SESSION_WEEK_M), the sessions come once a week holds 25 km
    "8-day-rota-marathon-from-13-km": {
        "goal": {"race": "marathon", "date": "2027-02-13"}, "weekly_distance": "13.2km",
        "longest_run_30d": "3.1km", "years_running": 8, "run_days_per_week": "3-4",
        "availability": _rota(EIGHT_DAY_ROTA, {"day": "short 50", "night": "none",
                                               "recover": "short 21", "off": "any"},
                              "2026-11-09"),
        "long_run_day": "off",
    },
    # a 14-day block that starts mid-week, 37 km on "4-5" days (blocks15b's work blocks)
    "7-on-7-off-half-off-the-weekday": {
        "goal": {"race": "half", "date": "2027-03-14"}, "weekly_distance": "36.8km",
        "longest_run_30d": "10.9km", "years_running": 3, "run_days_per_week": "4-5",
        "availability": _rota(["on"] * 7 + ["off"] * 7, {"on": "short 43", "off": "any"},
                              "2026-11-14"),
        "long_run_day": "off",
    },
    # week 7 held 22.6 km of the runner's 26.7: its session went to the last day of the week,
    # before the next week's free day, and the free day's easy run was cut short beside it; a
    # session now keeps off a week's last day when the next day is a free day of the rota
    # (qual15, layout_quality.spacing), and on 4 run days or fewer a short day that holds it
    # takes it before a free day, which holds the week's medium-long run (vol15,
    # layout_quality.session_rank)
    "8-day-rota-10k-held": {
        "goal": {"race": "10k", "date": "2027-06-17"}, "weekly_distance": "26.7km",
        "longest_run_30d": "10.4km", "years_running": 0.5, "run_days_per_week": "3-4",
        "availability": _rota(EIGHT_DAY_ROTA, {"day": "short 36", "night": "none",
                                               "recover": "none", "off": "any"},
                              "2026-11-22"),
        "long_run_day": "off",
    },
    # the free days hold the long run and the session and the strength routines cut a
    # 39-minute day's run to 18 minutes (43 km of 49): the week's shortfall now goes back on
    # the runs with room (plans/top_up.py)
    "base-on-39-minute-days": {
        "weekly_distance": "48.8km", "longest_run_30d": "17.2km", "years_running": 2,
        "run_days_per_week": 7,
        "availability": _rota(["t0", "t1", "t1"], {"t0": "any", "t1": "short 39"},
                              "2026-11-20"),
        "goal": "base", "weeks": 30,
    },
    # 12 x 20-minute work days then 9 off (a 3-week cycle): the free week (weeks 5, 8, ...)
    # held 39.7 km of the runner's 50, the 10 % rule's 4-week level read from week 1, a week of
    # work days; the growth rules now read a life of blocks by its cycle, a free week from a
    # free week (safety.cycle_back: the two weeks and the four rounded up to whole cycles)
    "12-on-9-off-10k-from-50-km": {
        "goal": {"race": "10k", "date": "2027-06-16"}, "weekly_distance": "49.9km",
        "longest_run_30d": "21.2km", "years_running": 0.5, "run_days_per_week": "4-5",
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 20", "off": "any"},
                              "2026-11-19"),
        "long_run_day": "off",
    },
    # the same 3-week cycle at 12 km a week on 3 days: the recovery week fell on a week of
    # free days every fourth week, and the cycle around the work week averaged 9.8 km; the
    # work week now rests a week early when the next work week is further than the recovery
    # may wait (shape._early): every third week, the light one anyway
    "12-on-9-off-10k-from-12-km": {
        "goal": {"race": "10k", "date": "2027-06-14"}, "weekly_distance": "12.0km",
        "longest_run_30d": "2.4km", "years_running": 1, "run_days_per_week": 3,
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 28", "off": "any"},
                              "2026-11-15"),
        "long_run_day": "off",
    },
    # a 4-day block of free days split by the calendar: week 11 put its benchmark on Tuesday,
    # the block's first day, and week 12 (Wednesday to Friday free, the long run on Friday) had
    # no day for a session; the week before is now laid out again with its last day easy when
    # that gives the next week a session and keeps its own (across_weeks): week 11's session
    # goes on a 48-minute day, and the benchmark on week 12's Wednesday (qual16)
    "16-day-rota-10k-block-split": {
        "goal": {"race": "10k", "date": "2027-02-23"}, "weekly_distance": "78.6km",
        "longest_run_30d": "31.3km", "years_running": 1, "run_days_per_week": "3-4",
        "availability": _rota(SIXTEEN_DAY_ROTA, {"day": "short 48", "night": "none",
                                                 "recover": "short 48", "off": "any"},
                              "2026-11-17"),
        "long_run_day": "off",
    },
    # 31-minute work days and a Sunday-Monday pair of free days: Sunday's session left Monday
    # none, every other week; the week before now gives its second session (a progression run on
    # a 31-minute day) to the next week, a session in each week (across_weeks.keeps, qual16)
    "14-day-rota-marathon-on-31-minute-days": {
        "goal": {"race": "marathon", "date": "2027-06-20"}, "weekly_distance": "42.1km",
        "longest_run_30d": "10.6km", "years_running": 1, "run_days_per_week": "3-4",
        "availability": _rota(FOURTEEN_DAY_ROTA, {"day": "short 31", "night": "short 20",
                                                  "recover": "none", "off": "any"},
                              "2026-11-19"),
        "long_run_day": "off",
    },
    # a 50k runner who dislikes hills, intervals and tempo has progression runs alone, and each
    # at its smallest was 30 minutes: the variety rule left every other week without one; the
    # week's one session now varies longer when every smaller size is last week's
    # (layout_quality.OTHER_SIZES: 30 minutes, then 37, qual16)
    "50k-on-progression-runs-alone": {
        "weekly_distance": "0.4km", "longest_run_30d": "0.1km", "years_running": 2,
        "run_days_per_week": 4,
        "availability": _rota(["t3", "t1", "t0", "t3", "t3", "t3", "t2", "t1", "t1", "t0", "t1",
                               "t1", "t2", "t0", "t0", "t2", "t0"],
                              {"t0": "any", "t1": "short 49", "t2": "short 49", "t3": "any"},
                              "2026-11-12"),
        "facilities": [], "shoes": ["C", "B"], "dislikes": ["hills", "intervals", "tempo"],
        "recent_injury": "calf strain",
        "goal": {"race": "50k", "date": "2027-08-30", "target": "19:30"},
        "tune_up_races": [], "long_run_day": "t2",
    },
    # 2 run days a week: the 30 km peak week's 8 km at marathon pace was sized for the week's
    # 39 km, and the two runs that hold 30 km left it over the hard share: it was turned into
    # an easy run; the session is now made smaller before it is made easy
    # (layout_caps.lighter_session, qual16)
    "30k-on-2-days": {
        "weekly_distance": "45.8km", "longest_run_30d": "5.6km", "years_running": 5,
        "run_days_per_week": 2,
        "availability": _rota(["t1", "t2", "t2", "t1", "t0", "t1", "t1", "t1", "t0", "t1", "t2",
                               "t2", "t2"], {"t0": "none", "t1": "short 78", "t2": "short 78"},
                              "2026-11-14"),
        "facilities": ["hills", "trails", "track", "treadmill"], "shoes": ["C", "B", "A"],
        "dislikes": [], "recent_injury": "calf strain",
        "goal": {"race": "30k", "date": "2027-07-15"},
        "tune_up_races": [{"date": "2027-05-21", "distance": "10k", "insist": True},
                          {"date": "2027-07-04", "distance": "10k", "insist": False}],
        "recent_results": [{"date": "2026-10-01", "distance": "10k", "time": "35:00"}],
    },
    # a free day every 4 days and 19-minute days between: the benchmark (3 x 2 km) left the
    # 19-minute days under 20 minutes of easy running, fitted no day, and the week went without
    # any session though a progression run fitted its free Wednesday; the week's own session
    # now takes the benchmark's place when the benchmark passes on (layout_quality._own_session)
    "4-day-cycle-marathon-benchmark-passes": {
        "weekly_distance": "45.0km", "longest_run_30d": "31.8km", "years_running": 1,
        "run_days_per_week": 5,
        "availability": _rota(["t2", "t3", "t1", "t3"], {"t0": "any", "t1": "short 19",
                                                         "t2": "any", "t3": "none"},
                              "2026-11-15"),
        "facilities": [], "shoes": [], "dislikes": ["intervals", "hills", "tempo"],
        "goal": {"race": "marathon", "date": "2027-04-07"}, "tune_up_races": [],
    },
    # a 16-day rota (4 days of 32 minutes, 4 off, 4 nights, a day to recover, 3 off), 29 km a
    # week: week 3 (2 free days among the nights) held 20.3 km, and the 30 % two-week rule
    # measured weeks 5 and 6 from it (25.7 km), while the planned recovery week 4 followed it
    # at 15.2; a week the runner's days hold under the level, to a lighter week's volume, is
    # now the block's lighter week (plans.held): the growth rules measure past it, and the
    # planned recovery week after it is a normal week (never two lighter weeks in a row)
    "16-day-rota-marathon-from-29-km": {
        "goal": {"race": "marathon", "date": "2027-04-02"}, "weekly_distance": "29.4km",
        "longest_run_30d": "7.9km", "years_running": 8, "run_days_per_week": "3-4",
        "availability": _rota(["day"] * 4 + ["off"] * 4 + ["night"] * 4 + ["recover"]
                              + ["off"] * 3, {"day": "short 32", "night": "none",
                                              "recover": "none", "off": "any"}, "2026-11-19"),
        "long_run_day": "off",
    },
    # the same rota with 56-minute day shifts, 17 km a week: week 6 (2 free days) held 10.3 km
    # and week 7 was held to 30 % over it (12.8 km), the peak weeks 15.5 km; week 6 is now the
    # block's lighter week and the weeks after it build from the runner's level (25-30 km)
    "16-day-rota-marathon-from-17-km": {
        "goal": {"race": "marathon", "date": "2027-02-18"}, "weekly_distance": "17.3km",
        "longest_run_30d": "3.5km", "years_running": 1, "run_days_per_week": "4-5",
        "availability": _rota(["day"] * 4 + ["off"] * 4 + ["night"] * 4 + ["recover"]
                              + ["off"] * 3, {"day": "short 56", "night": "none",
                                              "recover": "none", "off": "any"}, "2026-11-07"),
        "long_run_day": "off",
    },
    # 7 days on (26-minute days) and 7 off from a Tuesday: no week is all work days, each
    # keeps a free day, so the weeks were read one by one: the recovery week fell on a week
    # of six free days and the free week was held to 1.3 x the week of one free day before it
    # (31.5 -> 40 km of the runner's 51); the week the job holds light now rests
    # (blocks.light_weeks) and a week back at the runner's own volume is no rise
    # (building.steady_volume_m): the free weeks hold 51 km and more, the long run grows
    "7-on-7-off-marathon-from-a-tuesday": {
        "goal": {"race": "marathon", "date": "2027-02-07"}, "weekly_distance": "50.9km",
        "longest_run_30d": "20.4km", "years_running": 3, "run_days_per_week": "3-4",
        "availability": _rota(["on"] * 7 + ["off"] * 7, {"on": "short 26", "off": "any"},
                              "2026-10-27"),
        "long_run_day": "off",
    },
    # 12 x 28-minute days then 9 off from a Friday: the free block runs from Friday into the
    # next week's Saturday and the long run went on its first day, Friday, so Saturday held the
    # 45-minute day after it and the week 51 km of the runner's 61.5; the week's part of a
    # block that runs on holds the long run on its last day (layout_long.ends_block): Friday
    # to Sunday hold the session and two 80-minute runs, the Tuesday after the 45 minutes
    "12-on-9-off-10k-long-run-late-in-the-week": {
        "goal": {"race": "10k", "date": "2027-06-14"}, "weekly_distance": "61.5km",
        "longest_run_30d": "12.3km", "years_running": 1, "run_days_per_week": 7,
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 28", "off": "any"},
                              "2026-11-15"),
        "long_run_day": "off",
    },
    # the same on 7-on-7-off with 20-minute days and 6 run days: Friday to Sunday free, Monday
    # to Thursday after them too; the long run on Friday left 39 km of 46 (Saturday 45
    # minutes, three 20-minute days); now Friday's session, Saturday's 76 minutes, Sunday's
    # long run, and the 45 minutes on Monday
    "7-on-7-off-half-from-a-friday": {
        "goal": {"race": "half", "date": "2027-02-28"}, "weekly_distance": "46.4km",
        "longest_run_30d": "9.9km", "years_running": 8, "run_days_per_week": 6,
        "availability": _rota(["on"] * 7 + ["off"] * 7, {"on": "short 20", "off": "any"},
                              "2026-10-30"),
        "long_run_day": "off",
    },
    # 12 x 30-minute days then 9 off on 3-4 run days, held by the 10 % rule to ~12 km a run:
    # week 4's four runs (a 47-minute session, two 11.3 km runs, the 12 km long run) held 43.0
    # km of the runner's 48 (43.2 asked); on fewer than 4 planned run days the session's
    # cool-down now carries what the easy runs cannot, up to a third of the week (FIRST; a
    # session carries its miles, Pfitzinger): top_up._grow_sessions
    "12-on-9-off-half-on-3-4-days": {
        "goal": {"race": "half", "date": "2027-05-10"}, "weekly_distance": "48.0km",
        "longest_run_30d": "9.6km", "years_running": 3, "run_days_per_week": "3-4",
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 30", "off": "any"},
                              "2026-11-07"),
        "long_run_day": "off",
    },
}  # fmt: skip

# Lives the growth questions found that the generator does not answer yet (strict xfails)
GAPS: dict[str, tuple[dict[str, Any], str]] = {}  # none open: a life found goes here


def _rota_marathon_on_20_minute_days() -> dict[str, Any]:
    types = {"day": "short 20", "night": "short 20", "recover": "none", "off": "any"}
    return {
        "goal": {"race": "marathon", "date": "2027-06-20"}, "weekly_distance": "42.1km",
        "longest_run_30d": "10.6km", "years_running": 1, "run_days_per_week": "3-4",
        "availability": _rota(FOURTEEN_DAY_ROTA, types, "2026-11-19"), "long_run_day": "off",
    }  # fmt: skip


def _double_life(saturday: str, sunday: str, weekly: str, longest: str) -> dict[str, Any]:
    """test_issue15_double.py's runner, 5 days a week, the races 19 weeks out."""
    from tests.domain.plans.test_issue15_double import _double

    return _double(saturday, sunday, weekly_distance=weekly, longest_run_30d=longest)


# 19 weeks and the long run grew 16.0 -> 17.4 km of the ~21 km a 31 km double wants: the long-run
# share of its 60 km weeks was the half's 30 %; between the half and the marathon it is now read
# between their rows (rules._marathon_floor, 35 % for 31 km): 16.0 -> 20.3 km (qual15)
BUILDS["double-10k-half-from-40-km"] = _double_life("10k", "half", "40km", "16km")
# 19 weeks and the long run grew 26.0 -> 26.2 km of the ~28.5 km two halves want: 40 % of the
# distance's 70 km peak week carries 28 km, and the runner already ran 26. The week now grows
# with the long run (Pfitzinger & Douglas' schedules: 20 mi long runs in 50-55 mi weeks), the
# share unchanged: a peak of ~80 km carries 26 -> 30.4 km, and the plan says so (long_peak.py)
BUILDS["double-half-half-from-60-km"] = _double_life("half", "half", "60km", "26km")
# a marathoner of 71 km on 7-on/7-off work weeks of 45-minute days (a CI draw): the long run
# grew 26.5 -> 26.7 km, the free days' weeks held at the distance's 70 km peak; they now grow
# toward the week that carries a 29.5 km long run at its share (long_peak.py): 26.5 -> 29.1 km
# a marathoner of 28 km a week on 3 run days, 12 days on (47 minutes) and 9 off: week 11 held
# 24.2 km, the long run held to half a week of two sessions; on 3 run days the week now holds
# one session and a medium-long run (week_input.ONE_SESSION_RUN_DAYS, Pfitzinger & Douglas)
# ... and, with blocks16's cycle reading and the benchmark series spread two weeks apart, its
# free week 8 holds the benchmark (5.9 km, the same every edition, its cool-down too) beside
# a 9.6 km long run and a 9.0 km easy run: 24.6 km of the 25.5 asked (blocks16's lives 5-6)
GAPS["12-on-9-off-marathon-on-3-days"] = (
    {
        "goal": {"race": "marathon", "date": "2027-04-13"}, "weekly_distance": "28.3km",
        "longest_run_30d": "5.7km", "years_running": 8, "run_days_per_week": 3,
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 47", "off": "any"},
                              "2026-11-19"),
        "long_run_day": "off",
    },
    "a 3-day free week with the benchmark holds 24.6 km of the runner's 28.3",
)  # fmt: skip
BUILDS["7-on-7-off-marathon-from-71-km"] = {
    "goal": {"race": "marathon", "date": "2027-04-11"}, "weekly_distance": "71.0km",
    "longest_run_30d": "24.6km", "years_running": 1, "run_days_per_week": 5,
    "availability": _rota(["on"] * 7 + ["off"] * 7, {"on": "short 45", "off": "any"},
                          "2026-11-14"),
    "long_run_day": "off",
}  # fmt: skip
# 20-minute days and 5 free days in 14 (Wednesday, a Sunday-Monday pair, a Saturday-Sunday pair):
# spaced from each other and across the weeks' boundary they hold 3 hard days a fortnight, not
# the 2 long runs and 2 sessions the two weeks ask; every other week has its long run and no
# session (the question reads Monday free, though it follows Sunday's session), qual16
GAPS["14-day-rota-marathon-on-20-minute-days"] = (
    _rota_marathon_on_20_minute_days(),
    "5 free days in 14 hold 3 spaced hard days, not a long run and a session each week",
)


@pytest.mark.parametrize("doc", list(BUILDS.values()), ids=list(BUILDS))
def test_a_coach_signs_the_growth_of_the_lives_fixed(doc: dict[str, Any]) -> None:
    plan = _plan(doc)
    assert plan is not None
    assert coach.everything(plan, profile_from_dict(doc)) == []


@pytest.mark.parametrize(
    "doc",
    [pytest.param(doc, id=name, marks=pytest.mark.xfail(strict=True, reason=why))
     for name, (doc, why) in GAPS.items()],
)  # fmt: skip
def test_a_coach_signs_the_growth_of_the_lives_not_yet_fixed(doc: dict[str, Any]) -> None:
    assert _growth(doc) == []


def test_the_growth_questions_wait_for_a_plan_long_enough_to_build() -> None:
    """A 9-week plan sharpens what the runner has: a coach does not ask it to build."""
    doc = dict(BUILDS["12-on-9-off-half"], goal={"race": "half", "date": "2027-01-24"})
    plan = _plan(doc)
    assert plan is not None and len(plan.weeks) < coach.BUILDS_FROM_WEEKS
    assert coach.growth(plan) == []


def test_a_week_too_small_for_a_session_is_easy_running_and_strides() -> None:
    plan = _plan(BUILDS["8-day-rota-marathon-from-13-km"])
    assert plan is not None
    small = [w for w in plan.weeks if w.phase.value in ("build", "peak") and not w.recovery
             and coach._training_m(plan, w) < coach.SESSION_WEEK_M]  # fmt: skip
    assert small and coach.quality_in_build(plan) == []


def test_a_week_is_held_to_what_its_runs_can_carry_under_the_single_run_rule() -> None:
    """31 km a week on 3 days with no run over 6.7 km: three runs of 7.4 km at most hold
    22 km, so the plan's first weeks are not asked to hold 31."""
    doc = {
        "weekly_distance": "30.8km", "longest_run_30d": "6.7km", "years_running": 1,
        "run_days_per_week": 3,
        "availability": {"weekdays": {"monday": "any", "tuesday": "any",
                                      "saturday": "short 60"}},
        "goal": {"race": "8k", "date": "2027-05-30"},
    }  # fmt: skip
    plan = _plan(doc)
    assert plan is not None
    assert coach._runs_hold_m(plan, plan.weeks[2]) < 30800 * coach.HOLDS_CURRENT
    assert not any(c.startswith("week 3:") for c in coach.volume_holds_current(plan))


def test_a_double_s_peak_is_read_between_the_rows_of_its_races() -> None:
    """A 10k and a half on consecutive days (31 km together) from 60 km a week: the peak a
    coach asks is between the half's 55 km and the marathon's 70 (about 62), under 66 km, so
    a plan that holds the runner's 60 km through its peak is signed."""
    from tests.domain.plans.test_issue15_double import _double

    doc = _double("10k", "half")
    plan = _plan(doc)
    assert plan is not None
    assert 60000 < coach._goal_peak_m(plan) < 60000 * coach.PEAK_GROWTH
    assert coach.peak_block_builds(plan) == []


def test_a_life_of_blocks_from_mid_week_grows_its_free_week_from_the_free_week_before() -> None:
    """12 on (20-minute days), 9 off from a Wednesday: a week of seven free days, then two of
    one. No week is all work days, but the growth rules read it over its 3-week cycle
    (blocks.growth_period): the free week is measured from the free week before it, not held
    to 30 % over the 14 km week of one free day two weeks before (17.9 km peak weeks for a
    marathoner of 28 km, before)."""
    doc = {
        "goal": {"race": "marathon", "date": "2027-04-13"}, "weekly_distance": "28.3km",
        "longest_run_30d": "5.7km", "years_running": 8, "run_days_per_week": 3,
        "availability": _rota(["on"] * 12 + ["off"] * 9, {"on": "short 20", "off": "any"},
                              "2026-11-19"),
        "long_run_day": "off",
    }  # fmt: skip
    plan = _plan(doc)
    assert plan is not None
    assert blocks.plan_growth_period(plan) == 3 and blocks.plan_period(plan) == 1
    free = [i for i, w in enumerate(plan.weeks) if i >= 2 and w.phase is PlanPhase.PEAK
            and all(d.day_type.max_minutes is None for d in w.days)]  # fmt: skip
    assert free
    for i in free:
        assert plan.weeks[i].distance_m > TWO_WEEK_MAX * plan.weeks[i - 2].distance_m
    assert not [v for v in rules.check(plan) if v.rule.startswith("growth")]
