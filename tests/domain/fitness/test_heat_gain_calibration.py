"""The heat and gain constants are the ones the committed calibration summary fitted, and the
accuracy figures docs/models.md quotes are the summary's (experiments/heat_gain_calibration.py)."""

import json
from pathlib import Path

import pytest

from runcoach.domain.fitness import gain, heat

ROOT = Path(__file__).resolve().parents[3]
SUMMARY = json.loads((ROOT / "docs" / "heat_gain_accuracy.json").read_text())
MODELS_MD = (ROOT / "docs" / "models.md").read_text()


def test_the_heat_constants_are_the_fitted_ones():
    fitted = SUMMARY["heat"]
    assert fitted["threshold_wbgt_c"] == heat.HEAT_THRESHOLD_WBGT_C
    assert fitted["slope_pct_per_c_at_3_5_h"] == heat.HEAT_PCT_PER_C
    assert fitted["level_pct_per_c_per_h"] == heat.HEAT_LEVEL_PCT_PER_C_PER_H
    assert tuple(fitted["fitted_wbgt_range_c"]) == heat.FITTED_WBGT_C
    assert SUMMARY["season"]["autumn_threshold_shift_c"] == heat.SEASON_SHIFT_AUTUMN_C


def test_the_gain_constants_are_the_fitted_ones():
    fitted = SUMMARY["gain"]["fit"]
    assert fitted["base_pct_per_year"] == gain.GAIN_BASE_PCT_PER_YEAR
    assert fitted["trend_weight"] == gain.GAIN_TREND_WEIGHT
    assert fitted["age_pct_per_year_per_year"] == gain.GAIN_AGE_PCT_PER_YEAR_PER_YEAR
    assert fitted["low_pct"] == gain.GAIN_LOW_PCT
    assert fitted["high_pct"] == gain.GAIN_HIGH_PCT
    assert fitted["interval_exponent"] == gain.GAIN_INTERVAL_EXPONENT


def test_the_check_set_was_never_read():
    assert "2009-2012" in SUMMARY["sources"]["never_read"]
    assert not {"2009", "2010", "2011", "2012"} & set(SUMMARY["heat"]["held_out_years"])


def test_the_fitted_heat_model_beats_the_earlier_rule_on_held_out_years_and_races():
    boston = SUMMARY["heat"]["held_out_mae_pct_points"]
    races = SUMMARY["held_out_races"]["mae_pct_points"]
    assert boston["fitted"] < min(boston["hadley"], boston["no heat"], boston["knechtle"])
    others = ("hadley", "no heat", "knechtle", "ely 2007 top men")
    assert races["fitted"] < min(races[k] for k in others)


def test_the_gain_interval_holds_four_in_five_held_out_runners():
    check = SUMMARY["gain"]["held_out_runners"]
    assert check["interval_80_coverage"] == pytest.approx(0.8, abs=0.02)
    assert check["interval_80_coverage_2_3_years_apart"] == pytest.approx(0.8, abs=0.03)
    assert check["mae_pct"]["fitted"] < check["mae_pct"]["flat_6_6_pct"]


@pytest.mark.parametrize(
    "figure",
    [
        lambda s: s["heat"]["held_out_mae_pct_points"]["fitted"],
        lambda s: s["heat"]["held_out_mae_pct_points"]["hadley"],
        lambda s: s["heat"]["warm_held_out_mae_pct_points"]["fitted"],
        lambda s: s["held_out_races"]["mae_pct_points"]["fitted"],
        lambda s: s["held_out_races"]["mae_pct_points"]["ely 2007 top men"],
        lambda s: s["gain"]["held_out_runners"]["mae_pct"]["fitted"],
        lambda s: s["gain"]["held_out_runners"]["mae_pct"]["flat_6_6_pct"],
    ],
)
def test_docs_models_md_quotes_the_summary(figure):
    assert f"{figure(SUMMARY):.2f}" in MODELS_MD
