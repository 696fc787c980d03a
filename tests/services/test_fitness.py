import datetime as dt

import pytest

from runcoach.cli.hints import phrase
from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.fitness.conditions import Conditions
from runcoach.domain.fitness.goals import Goal
from runcoach.domain.fitness.own_model import Result
from runcoach.domain.hints import Do, Hint
from runcoach.inputs.fitness import parse_result
from runcoach.services.fitness import judge_goal, paces_for

TODAY = dt.date(2026, 11, 22)


def test_paces_without_results_come_from_current_fitness_in_the_log(engine):
    from runcoach.domain.run.runs import RaceResult, Run, WorkoutType
    from runcoach.services.fitness import AthleteLog
    from runcoach.store import runs as run_store
    from runcoach.store.athletes import default_athlete_id

    def run(day: dt.date, distance_m: float, time_s: float, **more) -> Run:
        start = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
        return Run(start=start, distance_m=distance_m, elapsed_s=time_s, moving_s=time_s,
                   source="manual", **more)  # fmt: skip

    race = RaceResult(official_time_s=41 * 60 + 21, distance_m=10_000)
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        run_store.insert_run(conn, athlete, run(dt.date(2026, 10, 1), 10_080, 2490, race=race))
        trial = run(dt.date(2026, 11, 1), 5000, 19 * 60 + 57, workout_type=WorkoutType.RACE)
        run_store.insert_run(conn, athlete, trial)
    report = paces_for([], None, None, today=TODAY, open_log=lambda: AthleteLog(engine, athlete))
    assert report.vdot == pytest.approx(50, abs=0.3)
    assert sorted(r.time_s for r in report.from_results) == [19 * 60 + 57, 41 * 60 + 21]


def test_without_results_or_a_log_the_runner_is_told_what_to_give():
    with pytest.raises(NotFound, match="no results given") as error:
        paces_for([], None, None, today=TODAY)
    hint = error.value.hint
    assert isinstance(hint, Hint) and hint.do is Do.GIVE_RESULTS_INSTEAD
    assert "--result 10k=41:30" in (phrase(hint) or "")  # the command line's words for it


def test_the_goal_is_judged_as_of_the_day_the_service_is_given():
    goal = Goal(5000, 20 * 60, dt.date(2027, 3, 1), Conditions())
    verdict = judge_goal(goal, [Result(5000, 21 * 60)], 30_000, today=TODAY)
    assert verdict.weeks_left == pytest.approx((dt.date(2027, 3, 1) - TODAY).days / 7)


def test_a_result_without_an_equals_sign_gets_an_example():
    with pytest.raises(InvalidInput, match="distance=time") as error:
        parse_result("10k 41:30")
    assert "10k=41:30" in str(error.value)
