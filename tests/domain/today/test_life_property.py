"""Whatever life throws at a runner over four weeks, every answer keeps the rules.

Hypothesis draws a life: days skipped, tired or sore days, a cold with its symptoms, an
injury and the day the runner can run again. The runner follows each answer (or skips).
Every answer must explain itself, fit its day, never stack key sessions, never prescribe
quality the day after a hard run actually logged, never prescribe quality while sick or
injured (late in a comeback, the mini version at most), and rest while injured.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.answer import answer
from runcoach.domain.today.draft import Situation
from runcoach.domain.today.health import CheckIn, Status, Symptoms
from runcoach.domain.today.moves import fits
from tests.domain.today.helpers import START, done_as, half_plan, history_before

PLAN = half_plan()
DAYS = 28
UNFIT = {Status.SICK, Status.INJURED, Status.RETURNING, Status.AFTER_ILLNESS}


@st.composite
def lives(draw: st.DrawFn) -> tuple[set[int], dict[int, CheckIn]]:
    skip = set(draw(st.lists(st.integers(0, DAYS - 1), max_size=8)))
    checkins: dict[int, CheckIn] = {}
    for offset in draw(st.lists(st.integers(0, DAYS - 1), max_size=6)):
        feel = draw(st.sampled_from([Feel.TIRED, Feel.SORE, Feel.GREAT, Feel.SICK]))
        symptoms = draw(st.sampled_from(list(Symptoms))) if feel is Feel.SICK else None
        checkins[offset] = CheckIn(START + timedelta(days=offset), feel, symptoms)
    if draw(st.booleans()):
        hurt = draw(st.integers(0, DAYS - 10))
        back = hurt + draw(st.integers(1, 9))
        checkins[hurt] = CheckIn(START + timedelta(days=hurt), Feel.INJURED)
        checkins[back] = CheckIn(START + timedelta(days=back), Feel.NORMAL, can_run=True)
    return skip, checkins


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lives())
def test_every_answer_keeps_the_rules_whatever_happens(life):
    skip, checkins = life
    log = history_before()
    for offset in range(DAYS):
        day = START + timedelta(days=offset)
        said = [c for k, c in checkins.items() if k <= offset]
        got = answer(Situation(PLAN, list(log), said), day)
        assert got.reasons and all(r.rule and r.text and r.source for r in got.reasons)
        assert all(fits(PLAN.day(day), w) for w in got.workouts)
        keys = [w for w in got.runs if w.is_quality or w.kind is WorkoutKind.LONG]
        assert len(keys) <= 1
        hard_yesterday = any(r.is_hard for r in log if r.day == day - timedelta(days=1))
        minis = {w.mini for w in PLAN.day(day).workouts if w.mini}
        quality = [w for w in got.workouts if w.is_quality]
        if hard_yesterday or got.health.status in UNFIT - {Status.RETURNING}:
            assert not quality, (day, got.reasons)
        if got.health.status is Status.RETURNING:  # late in a comeback: the mini at most
            assert all(w in minis for w in quality), (day, got.reasons)
        if got.health.status is Status.INJURED:
            assert got.is_rest
        if offset not in skip:
            log += [done_as(day, w) for w in got.runs]
