"""The heat model's fit and held-out check on the same runners in nine Boston Marathons.

The WBGT threshold is chosen by the leave-one-year-out error over a grid (so the chosen
threshold's error is a little optimistic; the a-priori 10 °C of Ely et al. 2007 is reported too);
then every year is left out in turn, the model refitted without it, and its runners' median
change by level band predicted, next to the earlier and the published models.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from heat_baselines import hadley_pct, knechtle_pct
from heat_fit import (
    LEVEL_BANDS_H,
    HeatFit,
    PairArrays,
    band_medians,
    fit_drift_only,
    fit_heat,
    predicted_change,
)
from race_data import BOSTON_YEARS, Weather
from runcoach.domain.fitness.conditions import wbgt_estimate_c

THRESHOLDS_C = tuple(10.0 + 0.5 * i for i in range(9))  # WBGT °C tried, 10-14 (Ely: 5-10 best)
WARM_BOSTON_WBGT_C = 14.0  # °C; the Boston years at least this warm (2002, 2004, 2005, 2014)


def heat_section(data: PairArrays, weather: dict[int, Weather]) -> tuple[HeatFit, dict]:
    by_threshold = {t: _fitted_loyo_mae(data, t) for t in THRESHOLDS_C}
    threshold = min(by_threshold, key=lambda t: by_threshold[t])
    fit = fit_heat(data, (threshold,))
    per_year = {}
    errors: dict[str, list[float]] = defaultdict(list)
    warm: dict[str, list[float]] = defaultdict(list)
    wbgt = {y: wbgt_estimate_c(w.temperature_c, w.dew_point_c) for y, w in weather.items()}
    for year in BOSTON_YEARS:
        row, year_errors = _held_out_year(data, year, weather, threshold)
        per_year[str(year)] = {"wbgt_c": round(wbgt[year], 1), **row}
        for name, values in year_errors.items():
            errors[name] += values
            if wbgt[year] >= WARM_BOSTON_WBGT_C:
                warm[name] += values
    wbgts = list(wbgt.values())
    return fit, {
        "pairs": int(data.change_pct.size),
        "threshold_wbgt_c": threshold,
        "threshold_loyo_mae_pct_points": {str(t): round(e, 3) for t, e in by_threshold.items()},
        "slope_pct_per_c_at_3_5_h": round(fit.slope_pct_per_c, 3),
        "level_pct_per_c_per_h": round(fit.level_pct_per_c_per_h, 3),
        "fitted_wbgt_range_c": [round(min(wbgts), 1), round(max(wbgts), 1)],
        "level_bands_h": list(LEVEL_BANDS_H),
        "held_out_years": per_year,
        "held_out_mae_pct_points": {k: round(float(np.mean(v)), 2) for k, v in errors.items()},
        "warm_wbgt_c_at_least": WARM_BOSTON_WBGT_C,
        "warm_held_out_mae_pct_points": {k: round(float(np.mean(v)), 2) for k, v in warm.items()},
    }


def _fitted_loyo_mae(data: PairArrays, threshold: float) -> float:
    errors: list[float] = []
    for year in BOSTON_YEARS:
        involved = (data.year_a == year) | (data.year_b == year)
        train, test = data.subset(~involved), data.subset(involved)
        fit = fit_heat(train, (threshold,))
        sign = np.where(test.year_b == year, 1.0, -1.0)
        observed = band_medians(test, sign * test.change_pct)
        predicted = band_medians(test, sign * predicted_change(fit, test))
        errors += [
            abs(o - p)
            for o, p in zip(observed, predicted, strict=True)
            if o is not None and p is not None
        ]
    return float(np.mean(errors))


def _held_out_year(
    data: PairArrays, year: int, weather: dict[int, Weather], threshold: float
) -> tuple[dict, dict[str, list[float]]]:
    involved = (data.year_a == year) | (data.year_b == year)
    train, test = data.subset(~involved), data.subset(involved)
    fit = fit_heat(train, (threshold,))
    drift = fit_drift_only(train)
    sign = np.where(test.year_b == year, 1.0, -1.0)
    observed = band_medians(test, sign * test.change_pct)
    knechtle = {y: knechtle_pct(w.temperature_c) for y, w in weather.items()}
    predictions = {
        "fitted": predicted_change(fit, test),
        "no heat": test.drift_columns() @ drift,
        "hadley": _rule_change(test, weather) + test.drift_columns() @ drift,
        "knechtle": _lookup(test.year_b, knechtle)
        - _lookup(test.year_a, knechtle)
        + test.drift_columns() @ drift,
    }
    errors: dict[str, list[float]] = {}
    row: dict[str, object] = {"observed_median_pct": _rounded(observed)}
    for name, values in predictions.items():
        predicted = band_medians(test, sign * values)
        row[f"{name}_pct"] = _rounded(predicted)
        errors[name] = [
            abs(o - p)
            for o, p in zip(observed, predicted, strict=True)
            if o is not None and p is not None
        ]
    return row, errors


def _lookup(years: np.ndarray, table: dict[int, float]) -> np.ndarray:
    return np.array([table[int(y)] for y in years])


def _rule_change(data: PairArrays, weather: dict[int, Weather]) -> np.ndarray:
    """runcoach's earlier rule (temperature + dew point bands), for the same pairs."""
    rule = {year: hadley_pct(w.temperature_c, w.dew_point_c) for year, w in weather.items()}
    return _lookup(data.year_b, rule) - _lookup(data.year_a, rule)


def _rounded(values: list[float | None]) -> list[float | None]:
    return [None if v is None else round(v, 2) for v in values]
