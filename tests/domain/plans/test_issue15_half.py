"""Issue 15, observation 1's "the long run over half of the week", over the lives that drew it:
the long run is held to half its week's running (``coach.long_run_at_most_half``). The week's
other runs carry more where their days allow; where they cannot, the long run is what half
the week allows and the plan says so. Excepted, as the coach excepts them: a long run no
longer than the runner already runs, and one of 8 km or less."""

from __future__ import annotations

from typing import Any

import pytest

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.workouts import Step, StepKind
from tests.domain.plans import coach
from tests.domain.plans.strategies import TODAY


def _rota(days: list[str], types: dict[str, str], start: str) -> dict[str, Any]:
    return {"cycle": {"start": start, "days": days, "types": types}}


FOURTEEN = ["day", "day", "day", "off", "off", "night", "night", "night", "recover",
            "off", "off", "day", "day", "off"]  # fmt: skip

LIVES: dict[str, dict[str, Any]] = {
    # a first marathon from 12 km a week on 3 days, 20-minute work days: the short days'
    # runs cannot carry the rest of the week (weeks of 25 km held a 13-14 km long run)
    "marathon-from-12-km-on-20-minute-days": {
        "goal": {"race": "marathon", "date": "2027-06-03"}, "weekly_distance": "12.0km",
        "longest_run_30d": "5.2km", "years_running": 8, "run_days_per_week": 3,
        "availability": _rota(
            ["day"] * 4 + ["off"] * 4 + ["night"] * 4 + ["recover"] + ["off"] * 3,
            {"day": "short 20", "night": "short 26", "recover": "short 32", "off": "any"},
            "2026-10-26"),
        "long_run_day": "off",
    },
    # a 60 km runner on 3 days: the first weeks were a 24-26 km long run in 38-43 km weeks
    # (the run after the long one is 45 minutes at most); held at the runner's 22.4 km
    "60-km-on-3-days-marathon": {
        "goal": {"race": "marathon", "date": "2027-06-09"}, "weekly_distance": "60.0km",
        "longest_run_30d": "22.4km", "years_running": 0.5, "run_days_per_week": 3,
        "availability": _rota(FOURTEEN, {"day": "short 59", "night": "none",
                                         "recover": "none", "off": "any"}, "2026-11-13"),
        "long_run_day": "off",
    },
    # a low-volume 10k on nights: a 9.7 km long run in a 19 km taper week
    "10k-from-12-km-on-nights": {
        "goal": {"race": "10k", "date": "2027-04-13"}, "weekly_distance": "12.0km",
        "longest_run_30d": "3.1km", "years_running": 1, "run_days_per_week": 3,
        "availability": _rota(FOURTEEN, {"day": "short 20", "night": "short 20",
                                         "recover": "short 48", "off": "any"}, "2026-11-05"),
        "long_run_day": "off",
    },
    # a 107 km runner on 3 days (two short weekdays): a 29-31 km long run in 53-58 km weeks
    "107-km-on-3-days-marathon": {
        "weekly_distance": "107.4km", "longest_run_30d": "27.1km", "years_running": 2,
        "run_days_per_week": 3,
        "availability": {"weekdays": {"monday": "any", "tuesday": "any", "wednesday": "none",
                                      "thursday": "short 25", "friday": "none",
                                      "saturday": "any", "sunday": "short 22"}},
        "facilities": ["treadmill"], "shoes": ["C"], "dislikes": ["tempo", "hills"],
        "goal": {"race": "marathon", "date": "2027-03-26"}, "tune_up_races": [],
        "recent_results": [{"date": "2026-10-01", "distance": "10k", "time": "60:00"}],
        "long_run_day": "sunday",
    },
    # a 71 km runner on 2 days: an easy run and the long run, 10.4 km of 20 km
    "71-km-on-2-days-5k": {
        "weekly_distance": "71.4km", "longest_run_30d": "10.0km", "years_running": 5,
        "run_days_per_week": 2,
        "availability": {"weekdays": {"monday": "any", "tuesday": "any", "wednesday": "any",
                                      "thursday": "short 70", "friday": "short 65",
                                      "saturday": "any", "sunday": "none"}},
        "facilities": [], "shoes": ["C", "B"], "dislikes": ["intervals", "tempo", "hills"],
        "goal": {"race": "5k", "date": "2027-08-18"},
        "tune_up_races": [{"date": "2027-05-29", "distance": "5k", "insist": True}],
        "long_run_day": "wed",
    },
    # a half from 0.9 km a week on a 4-day cycle with one free day in four: an 8.3 km long
    # run in a 14.6 km week, whose easy runs had room to carry the rest of it
    "half-from-1-km-one-free-day-in-four": {
        "weekly_distance": "0.9km", "longest_run_30d": "0.8km", "years_running": 5,
        "run_days_per_week": 4,
        "availability": _rota(["t3", "t1", "t3", "t2"], {"t0": "short 49", "t1": "none",
                                                         "t2": "any", "t3": "none"},
                              "2026-10-14"),
        "facilities": ["treadmill", "track", "trails", "hills"], "shoes": ["C", "A", "B"],
        "dislikes": ["tempo", "hills", "intervals"], "recent_injury": "calf strain",
        "goal": {"race": "half", "date": "2027-06-13", "target": "19:30"},
        "tune_up_races": [{"date": "2027-04-10", "distance": "5k", "insist": False}],
        "recent_results": [{"date": "2026-10-01", "distance": "10k", "time": "35:00"}],
    },
}  # fmt: skip


def _plan(doc: dict[str, Any]) -> Plan:
    return generate(profile_from_dict(doc), TODAY, DANIELS)


@pytest.mark.parametrize("name", sorted(LIVES))
def test_no_long_run_is_over_half_its_week(name: str) -> None:
    assert coach.long_run_at_most_half(_plan(LIVES[name])) == []


@pytest.mark.parametrize("name", sorted(LIVES))
def test_the_plan_keeps_what_a_coach_keeps_while_holding_the_long_run(name: str) -> None:
    doc = LIVES[name]
    assert coach.kept(_plan(doc), profile_from_dict(doc)) == []


def test_a_long_run_held_to_half_its_week_is_said() -> None:
    plan = _plan(LIVES["marathon-from-12-km-on-20-minute-days"])
    assert any("held to half of the week" in n for n in plan.notes)


def test_the_other_runs_carry_more_before_the_long_run_is_cut() -> None:
    """Where the week's easy runs have room they take the rest of the week: the long run
    keeps its distance, no week is held (the half from 1 km a week's week 27 was an 8.3 km
    long run in a 14.6 km week; its easy runs now carry it)."""
    plan = _plan(LIVES["half-from-1-km-one-free-day-in-four"])
    assert not any("held to half of the week" in n for n in plan.notes)
    assert coach.long_run_at_most_half(plan) == []


def test_a_session_on_a_free_day_carries_the_week_in_its_cool_down() -> None:
    """A 48.6 km runner on 3 days of a 14-day rota (38-minute day shifts): the easy run is a
    38-minute day's and the run after the long one 45 minutes, so the long run held at his
    14.2 km for the whole plan. The session on the free day now ends with a longer easy
    cool-down (never a benchmark's), and the long run grows past 14.2 km within half its week."""
    doc = {
        "goal": {"race": "marathon", "date": "2027-06-11"}, "weekly_distance": "48.6km",
        "longest_run_30d": "14.2km", "years_running": 1, "run_days_per_week": 3,
        "availability": _rota(FOURTEEN, {"day": "short 38", "night": "none",
                                         "recover": "none", "off": "any"}, "2026-11-18"),
        "long_run_day": "off",
    }  # fmt: skip
    plan = _plan(doc)
    cool = [
        b.duration_s
        for w in plan.weeks
        for _, x in w.workouts()
        if x.is_quality and not x.benchmark
        for b in x.blocks
        if isinstance(b, Step) and b.kind is StepKind.COOL_DOWN and b.duration_s
    ]
    assert max(cool) > lib.COOL_DOWN_MIN * 60
    editions = {x.blocks[-1].duration_s for w in plan.weeks for _, x in w.workouts() if x.benchmark}
    assert len(editions) == 1  # a benchmark's cool-down is the same every edition
    assert coach.long_run_at_most_half(plan) == []
    assert max(m for w in plan.weeks[:-1] for m in coach._long_runs(w)) > 15_000
