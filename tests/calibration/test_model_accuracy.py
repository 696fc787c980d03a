"""The own model's committed constants and accuracy come from the current code and data."""

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from runcoach.calibration.model_accuracy import cross_validate
from runcoach.calibration.model_fit import build_examples, fit_model, load_runners
from runcoach.domain.fitness.own_model import OWN_MODEL
from tests.conftest import RACES

pytestmark = pytest.mark.skipif(
    not RACES.is_dir(), reason=f"the Vickers & Vertosick race data are not at {RACES}"
)
COMMITTED_REPORT = Path(__file__).resolve().parents[2] / "docs" / "model_accuracy.json"
# The published anchors (Vickers & Vertosick 2016, their held-out runners, group 3).
AUTHORS_ONE_RACE_MAPE = 4.8
AUTHORS_TWO_RACES_MAPE = 4.4
# The own model before the nested-CV rework (docs/models.md history): 4.94 % for one race.
PREVIOUS_ONE_RACE_MAPE = 4.94
ONE_RACE = "marathon from one race + mileage"
TWO_RACES = "marathon from two races + mileage"


@pytest.fixture(scope="module")
def runners():
    return load_runners(RACES)


@pytest.fixture(scope="module")
def refit(runners):
    return fit_model(build_examples(runners), np.ones(len(runners), dtype=bool), 10, 0)


@pytest.fixture(scope="module")
def report():
    return json.loads(COMMITTED_REPORT.read_text())


def test_the_committed_weights_and_choices_are_what_the_fit_gives_today(refit):
    assert refit.bands.keys() == OWN_MODEL.bands.keys()
    for band, committed in OWN_MODEL.bands.items():
        fitted = refit.bands[band]
        assert list(fitted.weights) == pytest.approx(list(committed.weights), abs=2e-6), band
        assert fitted.closeness == committed.closeness, band
        for field in ("several_offset", "one_low", "one_high", "several_low", "several_high"):
            assert getattr(fitted, field) == pytest.approx(getattr(committed, field), abs=2e-6)
    assert refit.shrink == pytest.approx(OWN_MODEL.shrink, abs=1e-9)


def test_no_information_from_runners_outside_the_fit_reaches_it(runners):
    # Scramble every result of the runners left out: the fit on the others must not move.
    inside = np.arange(len(runners)) % 3 != 0
    scrambled = [
        r
        if keep
        else dataclasses.replace(
            r,
            results=tuple(dataclasses.replace(x, time_s=x.time_s * 1.3) for x in r.results),
            weekly_mi=r.weekly_mi + 40,
        )
        for r, keep in zip(runners, inside, strict=True)
    ]
    honest = fit_model(build_examples(runners), inside, 3, 7)
    assert fit_model(build_examples(scrambled), inside, 3, 7) == honest


@pytest.mark.slow
def test_the_committed_accuracy_report_is_what_the_nested_cross_validation_gives(runners, report):
    assert cross_validate(runners, folds=10, seed=0) == report


def test_the_own_model_beats_riegel_and_vdot_on_every_task(report):
    for name, scores in report["tasks"].items():
        assert scores["own"]["mape_pct"] < scores["riegel-1.06"]["mape_pct"] - 0.5, name
        assert scores["own"]["mape_pct"] < scores["vdot"]["mape_pct"] - 0.5, name
        assert abs(scores["own"]["bias_pct"]) < 1.0, name
        assert 75 <= scores["own"]["coverage_80_pct"] <= 85, name


def test_the_own_model_is_never_worse_than_riegel_on_any_distance_pair(report):
    assert len(report["pairs"]) == 30
    for name, scores in report["pairs"].items():
        assert scores["own"]["mape_pct"] <= scores["riegel-1.06"]["mape_pct"], name
        assert 60 <= scores["own"]["coverage_80_pct"] <= 92, name


def test_against_the_authors_figures(report):
    # Two races: below the authors' 4.4 %. One race: better than before, but NOT below the
    # authors' 4.8 % (docs/models.md says so); a regression past either bound fails here.
    assert report["tasks"][TWO_RACES]["own"]["mape_pct"] < AUTHORS_TWO_RACES_MAPE
    one = report["tasks"][ONE_RACE]["own"]["mape_pct"]
    assert one < PREVIOUS_ONE_RACE_MAPE
    assert one < AUTHORS_ONE_RACE_MAPE + 0.05
