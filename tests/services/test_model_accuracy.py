"""The own model's committed constants and accuracy come from the current code and data."""

import json
import os
from pathlib import Path

import pytest

from runcoach.domain.fitness.own_model import OWN_MODEL_COEFFICIENTS
from runcoach.services.model_accuracy import (
    TASKS,
    cross_validate,
    fit_model,
    fit_weights,
    load_runners,
)
from tests.conftest import RACES

pytestmark = pytest.mark.skipif(
    not RACES.is_dir(), reason=f"the Vickers & Vertosick race data are not at {RACES}"
)
COMMITTED_REPORT = Path(__file__).resolve().parents[2] / "docs" / "model_accuracy.json"


@pytest.fixture(scope="module")
def runners():
    return load_runners(RACES)


def test_the_committed_weights_are_what_the_fit_gives_today(runners):
    fitted = fit_weights(runners)
    for case, committed in OWN_MODEL_COEFFICIENTS.items():
        assert list(fitted[case]) == pytest.approx(list(committed.weights), abs=2e-6), case


@pytest.mark.slow
def test_the_committed_interval_quantiles_are_what_the_cross_validation_gives(runners):
    fitted = fit_model(runners, folds=10, seed=0)
    for case, committed in OWN_MODEL_COEFFICIENTS.items():
        assert fitted[case].residual_low == pytest.approx(committed.residual_low, abs=2e-6)
        assert fitted[case].residual_high == pytest.approx(committed.residual_high, abs=2e-6)


@pytest.mark.slow
def test_a_quick_cross_validation_beats_riegel_and_vdot_on_every_task(runners):
    report = cross_validate(runners, folds=3, seed=1, inner_folds=2)
    for task in TASKS:
        scores = report["tasks"][task.name]
        assert scores["own"]["mape_pct"] < scores["riegel-1.06"]["mape_pct"], task.name
        assert scores["own"]["mape_pct"] < scores["vdot"]["mape_pct"], task.name
        assert abs(scores["own"]["bias_pct"]) < 1.5, task.name
        assert 70 <= scores["own"]["coverage_80_pct"] <= 90, task.name


@pytest.mark.skipif(
    not os.environ.get("RUNCOACH_FULL_CV"), reason="the full 10-fold CV takes minutes"
)
def test_the_committed_accuracy_report_is_what_the_full_cross_validation_gives(runners):
    committed = json.loads(COMMITTED_REPORT.read_text())
    assert cross_validate(runners, folds=10, seed=0) == committed


# Distance pairs where the own model does not beat Riegel 1.06 (docs/models.md says so): all
# nearby distances involving 5 or 10 miles, 38-105 runners each; reported, not hidden.
KNOWN_PAIR_SHORTFALLS = {
    "10k -> 8.04672k": 0.03,
    "16.0934k -> 10k": 0.01,
    "21.0975k -> 16.0934k": 0.05,
    "8.04672k -> 10k": 0.11,
}


def test_the_committed_report_beats_riegel_on_every_task():
    report = json.loads(COMMITTED_REPORT.read_text())
    for name, scores in report["tasks"].items():
        assert scores["own"]["mape_pct"] < scores["riegel-1.06"]["mape_pct"], name
        assert abs(scores["own"]["bias_pct"]) < 1.0, name
        assert 75 <= scores["own"]["coverage_80_pct"] <= 85, name


def test_the_committed_report_beats_riegel_on_every_pair_but_the_named_shortfalls():
    report = json.loads(COMMITTED_REPORT.read_text())
    for name, scores in report["pairs"].items():
        gap = scores["own"]["mape_pct"] - scores["riegel-1.06"]["mape_pct"]
        if name in KNOWN_PAIR_SHORTFALLS:
            assert gap == pytest.approx(KNOWN_PAIR_SHORTFALLS[name], abs=0.005), name
        else:
            assert gap <= 0, name
