"""Marathon pace in the long run (domain/plans/long_finish.py): a marathon plan whose
sessions hold no marathon-pace running (30-minute workdays, a free weekend) ends every other
long run of its build and peak at marathon pace, growing; nothing else about the week moves."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from runcoach.domain.plans import long_finish
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Phase, Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.domain.plans.workouts import Effort, WorkoutKind
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.answer import Change, Situation, answer
from runcoach.domain.today.health import CheckIn

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "readings"
TODAY = date(2026, 12, 3)


def _doc(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / name).read_text("utf-8"))


def _plan(doc: dict[str, Any]) -> Plan:
    return generate(profile_from_dict(doc), TODAY, DANIELS)


def _finishes(plan: Plan) -> list[tuple[int, float, float]]:
    """(week, the long run's km, its km at marathon pace) for each marathon-pace long run."""
    out = []
    for week in plan.weeks:
        for _, w in week.workouts():
            if long_finish.is_marathon_pace_long_run(w):
                mp = sum(s.distance_m or 0 for s in w.steps() if s.effort is Effort.MARATHON)
                out.append((week.index, w.total_distance_m() / 1000, mp / 1000))
    return out


def test_the_weekend_marathon_rehearses_its_pace_in_every_other_long_run_growing():
    plan = _plan(_doc("weekend-marathon.yaml"))
    found = _finishes(plan)
    assert [i for i, _, _ in found] == [10, 13, 15, 18]
    mp = [m for _, _, m in found]
    assert mp == sorted(mp) and mp[0] == 5 and mp[-1] > mp[0]
    assert all(m <= long_finish.LONG_SHARE * km + 1e-9 for _, km, m in found)
    for index, _, _ in found:
        week = plan.weeks[index - 1]
        assert week.phase in (Phase.BUILD, Phase.PEAK) and not week.recovery
        runs = [w for _, w in week.workouts() if w.is_run]
        hard = 1 - sum(w.easy_duration_s() for w in runs) / sum(w.total_duration_s() for w in runs)
        assert hard <= long_finish.HARD_SHARE
    assert check(plan) == []


def test_only_how_the_long_run_ends_changes(monkeypatch: pytest.MonkeyPatch):
    doc = _doc("weekend-marathon.yaml")
    with_pace = _plan(doc)
    monkeypatch.setattr(
        "runcoach.domain.plans.generator.add_marathon_pace_finishes", lambda *a, **k: None
    )
    easy = _plan(doc)
    for a, b in zip(with_pace.weeks, easy.weeks, strict=True):
        assert [d.day for d in a.days if d.is_run_day] == [d.day for d in b.days if d.is_run_day]
        assert a.distance_m == pytest.approx(b.distance_m, abs=1.0)


@pytest.mark.parametrize("race", ["half", "10k", "50k"])
def test_no_marathon_pace_long_runs_for_another_goal(race: str):
    doc = _doc("weekend-marathon.yaml") | {"goal": {"race": race, "date": "2027-05-02"}}
    assert _finishes(_plan(doc)) == []


def test_a_plan_whose_sessions_hold_marathon_pace_gets_none_in_those_weeks():
    plan = _plan(_doc("sub3-four-days.yaml"))
    for week in plan.weeks:
        finishes = [w for _, w in week.workouts() if long_finish.is_marathon_pace_long_run(w)]
        sessions = [
            w for _, w in week.workouts()
            if w.kind is not WorkoutKind.LONG
            and any(s.effort is Effort.MARATHON for s in w.steps())
        ]  # fmt: skip
        assert not (finishes and sessions), week.index


def test_on_a_tired_day_the_marathon_pace_long_run_is_shortened_all_easy():
    plan = _plan(_doc("weekend-marathon.yaml"))
    day = next(
        d.day
        for d in plan.days()
        if any(long_finish.is_marathon_pace_long_run(w) for w in d.workouts)
    )
    got = answer(Situation(plan, [], [CheckIn(day, Feel.TIRED)]), day)
    assert Change.SHORTENED in got.changes
    run = next(w for w in got.runs if w.kind is WorkoutKind.LONG)
    assert not any(s.effort is Effort.MARATHON for s in run.steps())


def test_its_title_says_the_finish_in_the_runner_s_units():
    from runcoach.domain.plans.describe import summary
    from runcoach.domain.units import UnitSystem

    plan = _plan(_doc("weekend-marathon.yaml"))
    w = next(w for _, w in plan.weeks[9].workouts() if long_finish.is_marathon_pace_long_run(w))
    assert summary(w).startswith("Long run 24.3 km, the last 5 km at marathon pace")
    assert summary(w, UnitSystem.IMPERIAL).startswith("Long run 15.1 mi, the last 3 mi at marathon")
