"""The way back from sickness (issue 15, point 11): days off after a fever, then easy running
at reduced volume, intensity back last; `--can-run` never means 'run normally' while sick."""

from __future__ import annotations

from datetime import timedelta

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.answer import Situation, answer
from runcoach.domain.today.health import CheckIn, Status, Symptoms, can_run_meaning, health_on
from tests.domain.today.helpers import START, half_plan, history_before

PLAN = half_plan()
SICK_FROM = START + timedelta(days=7)


def sick_for(days: int, symptoms: Symptoms) -> list[CheckIn]:
    return [CheckIn(SICK_FROM + timedelta(days=i), Feel.SICK, symptoms) for i in range(days)]


def well_on(offset: int) -> CheckIn:
    return CheckIn(SICK_FROM + timedelta(days=offset), Feel.NORMAL)


def days_after(checkins: list[CheckIn], first: int, last: int):
    log = history_before()
    for offset in range(first, last):
        day = SICK_FROM + timedelta(days=offset)
        yield day, answer(Situation(PLAN, log, checkins), day)


def test_after_a_fever_a_day_off_then_easy_at_half_then_three_quarters_then_minis():
    checkins = [*sick_for(3, Symptoms.FEVER), well_on(3)]
    states = [health_on(checkins, SICK_FROM + timedelta(days=d)) for d in range(3, 16)]
    assert states[0].rest_days_left == 1 and states[0].volume_share == 0.0
    shares = [h.volume_share for h in states[1:4]]
    assert shares == [0.5, 0.5, 0.75]  # three easy days: half, then three quarters
    assert all(h.minis_only for h in states[4:11])
    assert states[11].status is Status.WELL
    for day, got in days_after(checkins, 3, 4):
        assert not got.runs, day  # a day without fever before any run
    for day, got in days_after(checkins, 4, 7):
        assert not [w for w in got.runs if w.is_quality], day
        planned = sum(w.total_duration_s() for w in PLAN.day(day).runs)
        ran = sum(w.total_duration_s() for w in got.runs)
        assert ran <= max(planned * 0.75, 15 * 60) + 60, day


def test_intensity_comes_back_last_the_first_quality_after_illness_is_its_mini():
    checkins = [*sick_for(2, Symptoms.BELOW_NECK), well_on(2)]
    minis = 0
    for day, got in days_after(checkins, 2, 14):
        planned = [w for w in PLAN.day(day).runs if w.is_quality]
        if got.health.minis_only and planned:
            assert all(w in [p.mini for p in planned] for w in got.runs if w.is_quality), day
            minis += 1
    assert minis >= 1


def test_an_illness_above_the_neck_keeps_easy_days_at_three_quarters_without_days_off():
    checkins = [*sick_for(2, Symptoms.ABOVE_NECK), well_on(2)]
    first = health_on(checkins, SICK_FROM + timedelta(days=2))
    assert first.rest_days_left == 0 and first.volume_share == 0.75 and first.easy_days_left == 2


def test_can_run_while_sick_is_not_run_normally_it_starts_the_way_back():
    checkins = [*sick_for(2, Symptoms.FEVER)]
    back = CheckIn(SICK_FROM + timedelta(days=2), Feel.NORMAL, can_run=True)
    said = can_run_meaning([*checkins, back], back.day)
    assert "sick, not injured" in said and "reduced volume" in said
    assert health_on([*checkins, back], back.day).status is Status.AFTER_ILLNESS
    with pytest.raises(InvalidInput, match="which is it"):
        CheckIn(SICK_FROM, Feel.SICK, Symptoms.FEVER, can_run=True)


def _hard_steps(workout) -> int:
    steps = [s for b in workout.blocks for s in (b.steps if hasattr(b, "steps") else (b,))]
    return sum(1 for s in steps if s.effort is not None and s.effort.value == "hard")


def test_every_easy_day_of_the_way_back_is_shorter_and_has_no_strides_whatever_it_was():
    """An easy run with strides was neither scaled nor easy: the day said 'reduced volume'
    and gave the planned run whole, strides included (found running the CLI)."""
    seen_strides = 0
    for start in range(33, 75):  # the strides come from week 6
        sick_day = START + timedelta(days=start)
        checkins = [CheckIn(sick_day, Feel.SICK, Symptoms.BELOW_NECK),
                    CheckIn(sick_day + timedelta(days=1), Feel.NORMAL, can_run=True)]  # fmt: skip
        log = history_before()
        for offset in range(1, 4):
            day = sick_day + timedelta(days=offset)
            health = health_on(checkins, day)
            if health.status is not Status.AFTER_ILLNESS or health.volume_share >= 1.0:
                continue
            planned = PLAN.day(day).runs
            seen_strides += any(w.kind.value == "strides" for w in planned)
            got = answer(Situation(PLAN, log, checkins), day)
            for w in got.runs:
                assert _hard_steps(w) == 0, (day, w.title)
            ran = sum(w.total_duration_s() for w in got.runs)
            whole = sum(w.total_duration_s() for w in planned)
            assert ran <= max(whole * health.volume_share, 15 * 60) + 60, (day, ran, whole)
    assert seen_strides  # the plan's strides days were among them


def test_a_shortened_easy_run_with_strides_keeps_its_strides_and_says_so():
    from runcoach.domain.today import adjust

    strides = next(w for d in PLAN.days() for w in d.runs if w.kind.value == "strides")
    short = adjust.shortened(strides, 0.75)
    assert _hard_steps(short) == _hard_steps(strides) > 0
    assert adjust.easy_part_s(short) < adjust.easy_part_s(strides)
    assert ", shortened to " in short.title and short.title.endswith("min + strides")
