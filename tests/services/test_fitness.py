import datetime as dt

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.current import Performance, PerformanceKind
from runcoach.services import fitness
from runcoach.services.fitness import ConditionsText, check_goal_text, paces_for, parse_result

TODAY = dt.date(2026, 11, 22)


def test_paces_without_results_come_from_current_fitness_in_the_log(monkeypatch):
    log = [
        Performance(dt.date(2026, 10, 1), 10_000, 41 * 60 + 21),
        Performance(dt.date(2026, 11, 1), 5000, 19 * 60 + 57, PerformanceKind.TIME_TRIAL),
    ]
    monkeypatch.setattr(fitness, "performances_from_log", lambda: log)
    report = paces_for([], None, None, today=TODAY)
    assert report.vdot == pytest.approx(50, abs=0.3)
    assert len(report.from_results) == 2


def test_the_goal_is_judged_as_of_the_day_the_service_is_given():
    verdict = check_goal_text(
        "5k=20:00", "2027-03-01", ConditionsText(), ["5k=21:00"], "30km", today=TODAY
    )
    assert verdict.weeks_left == pytest.approx((dt.date(2027, 3, 1) - TODAY).days / 7)


def test_a_result_without_an_equals_sign_gets_an_example():
    with pytest.raises(InvalidInput, match="distance=time") as error:
        parse_result("10k 41:30")
    assert "10k=41:30" in str(error.value)
