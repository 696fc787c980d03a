"""The run analysis and tags over the real device files in ../shared/data/activities."""

from __future__ import annotations

import pytest

from runcoach.domain.errors import ImportProblem
from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import WorkoutType
from runcoach.domain.run.tagging import infer_tags
from runcoach.importers import format_of, read_activity
from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()

FITPARSE = ACTIVITIES / "python-fitparse"


def _runs(name: str):
    path = FITPARSE / name
    return read_activity(path.name, path.read_bytes())


@pytest.fixture(scope="module")
def every_activity():
    """Every activity in the real files, read once for this module's tests."""
    return list(_read_every_activity())


def _read_every_activity():
    for path in sorted(ACTIVITIES.rglob("*")) if ACTIVITIES.is_dir() else []:
        if path.is_file() and format_of(path.name) is not None:
            try:
                yield from ((path.name, run) for run in read_activity(path.name, path.read_bytes()))
            except ImportProblem:
                continue  # reported by the importer's own tests


def test_the_splits_of_a_fenix_5_run_add_up_to_the_run():
    (run,) = _runs("garmin-fenix-5-run.fit")
    analysis = analyse_run(run)
    assert sum(s.distance_m for s in analysis.splits_km) == pytest.approx(run.distance_m)
    assert sum(s.elapsed_s for s in analysis.splits_km) == pytest.approx(run.elapsed_s, abs=1)
    assert analysis.best_efforts == ()  # 158 m: shorter than the shortest effort (400 m)


def test_a_9_km_fenix_2_run_has_nine_km_splits_and_plausible_best_efforts():
    (run,) = _runs("activity-small-fenix2-run.fit")
    analysis = analyse_run(run)
    assert len(analysis.splits_km) == 10 and analysis.splits_km[-1].is_partial
    assert sum(s.distance_m for s in analysis.splits_km) == pytest.approx(run.distance_m, rel=1e-3)
    assert sum(s.elapsed_s for s in analysis.splits_km) == pytest.approx(run.elapsed_s, abs=2)
    efforts = {e.label: e for e in analysis.best_efforts}
    assert set(efforts) == {"400 m", "1k", "mile", "5k"}
    fastest_km = min(s.elapsed_s for s in analysis.splits_km if not s.is_partial)
    assert 150 < efforts["1k"].elapsed_s <= fastest_km  # between 2:30/km and the best split
    assert efforts["400 m"].pace <= efforts["1k"].pace <= efforts["5k"].pace


def test_every_real_activity_is_analysed_and_its_splits_add_up(every_activity):
    analysed = 0
    for name, run in every_activity:
        analysis = analyse_run(run)
        if not analysis.splits_km:
            assert analysis.limitations, name
            continue
        km = sum(s.elapsed_s for s in analysis.splits_km)
        miles = sum(s.elapsed_s for s in analysis.splits_mile)
        assert km == pytest.approx(miles), name
        assert all(s.elapsed_s + 1e-6 >= s.moving_s >= 0 for s in analysis.splits_km), name
        analysed += 1
    assert analysed >= 20


def test_every_real_activity_gets_a_workout_type_with_a_reason(every_activity):
    for name, run in every_activity:
        tags = infer_tags(run)
        assert tags.workout_type is not None and tags.workout_type.reason, name
        if not run.is_run:
            assert tags.surface is None, name


def test_the_fenix_2_run_lapped_by_hand_is_a_tempo():
    # warm-up lap 5:18/km, 3 km at 4:40, 3 km at 4:14, a cool-down lap with some walking
    (run,) = _runs("activity-small-fenix2-run.fit")
    inferred = infer_tags(run).workout_type
    assert inferred is not None and inferred.value is WorkoutType.TEMPO
    assert "2 laps at 4:40/km then 4:14/km" in inferred.reason
