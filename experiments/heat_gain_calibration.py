"""Calibrate runcoach's heat and fitness-gain models on public race results (issue 16).

    # once: bring the two public repositories onto this machine (the `fetch` of the sessions,
    # or git clone github.com/llimllib/bostonmarathon and github.com/michaelstewart5/project1_pda)
    PYTHONPATH=src:experiments python experiments/heat_gain_calibration.py \
        [--boston-repo DIR] [--weather-repo DIR] [--out docs/heat_gain_accuracy.json]

It reads the pinned commits of both repositories (experiments/race_data.py), never the Boston
results of 2009-2012, and writes a compact summary: the fitted constants that
runcoach.domain.fitness.heat and runcoach.domain.fitness.gain carry, and their held-out
accuracy next to published or earlier models. Nothing of the raw data is written. About 1 min.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from gain_fit import check_gain, fit_gain, gain_cases
from heat_fit import (
    LEVEL_BANDS_H,
    HeatFit,
    PairArrays,
    band_medians,
    fit_drift_only,
    fit_heat,
    make_pairs,
    median_regression,
    predicted_change,
    runner_histories,
)
from race_data import (
    BOSTON_YEARS,
    DEFAULT_BOSTON_REPO,
    DEFAULT_WEATHER_REPO,
    Weather,
    boston_finishes,
    race_weather,
    top_by_age,
)
from runcoach.domain.fitness.conditions import wbgt_estimate_c

THRESHOLD_C = 10.0  # WBGT °C, fixed a priori: Ely et al. 2007's fastest quartile is 5-10 °C
KNECHTLE_PCT_PER_C = 113.0 / (3.75 * 3600) * 100  # 1:53 per °C on ~3:45 (Knechtle et al. 2019)
# runcoach's earlier heat rule, kept here only to compare: temperature + dew point (°F) -> %
# slower (Hadley's coaching rule, midpoints of its bands).
HADLEY_SUM_F = (100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 170.0, 180.0)
HADLEY_PCT = (0.0, 0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0)
SEASON_GROUPS = {
    "boston": "spring",
    "grandma's": "early summer",
    "chicago": "autumn",
    "twin cities": "autumn",
    "nyc": "autumn",
}
SEASON_NAMES = ("spring", "early summer", "autumn")
TOP_AGES = (18, 65)  # years; the best-by-age rows used for the season ratio


def heat_section(data: PairArrays, weather: dict[int, Weather]) -> tuple[HeatFit, dict]:
    fit = fit_heat(data, (THRESHOLD_C,))
    per_year = {}
    errors: dict[str, list[float]] = {"fitted": [], "no heat": [], "hadley": [], "knechtle": []}
    for year in BOSTON_YEARS:
        row, year_errors = _held_out_year(data, year, weather)
        per_year[str(year)] = row
        for name, values in year_errors.items():
            errors[name] += values
    wbgts = [wbgt_estimate_c(w.temperature_c, w.dew_point_c) for w in weather.values()]
    return fit, {
        "pairs": int(data.change_pct.size),
        "threshold_wbgt_c": THRESHOLD_C,
        "slope_pct_per_c_at_3_5_h": round(fit.slope_pct_per_c, 3),
        "level_pct_per_c_per_h": round(fit.level_pct_per_c_per_h, 3),
        "fitted_wbgt_range_c": [round(min(wbgts), 1), round(max(wbgts), 1)],
        "level_bands_h": list(LEVEL_BANDS_H),
        "held_out_years": per_year,
        "held_out_mae_pct_points": {k: round(float(np.mean(v)), 2) for k, v in errors.items()},
    }


def _held_out_year(
    data: PairArrays, year: int, weather: dict[int, Weather]
) -> tuple[dict, dict[str, list[float]]]:
    involved = (data.year_a == year) | (data.year_b == year)
    train, test = data.subset(~involved), data.subset(involved)
    fit = fit_heat(train, (THRESHOLD_C,))
    drift = fit_drift_only(train)
    sign = np.where(test.year_b == year, 1.0, -1.0)
    observed = band_medians(test, sign * test.change_pct)
    temperature = {y: w.temperature_c for y, w in weather.items()}
    predictions = {
        "fitted": predicted_change(fit, test),
        "no heat": test.drift_columns() @ drift,
        "hadley": _rule_change(test, weather) + test.drift_columns() @ drift,
        "knechtle": KNECHTLE_PCT_PER_C
        * (_lookup(test.year_b, temperature) - _lookup(test.year_a, temperature))
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
    rule = {}
    for year, w in weather.items():
        sum_f = (w.temperature_c + min(w.dew_point_c, w.temperature_c)) * 9.0 / 5.0 + 64.0
        rule[year] = float(np.interp(sum_f, HADLEY_SUM_F, HADLEY_PCT))
    return _lookup(data.year_b, rule) - _lookup(data.year_a, rule)


def _rounded(values: list[float | None]) -> list[float | None]:
    return [None if v is None else round(v, 2) for v in values]


def season_section(weather_repo: Path) -> dict:
    """Heat slope of the best runners by age, by the season of the race (Ely data set)."""
    weather = race_weather(weather_repo)
    rows = [
        r
        for r in top_by_age(weather_repo)
        if (r.race, r.year) in weather and TOP_AGES[0] <= r.age <= TOP_AGES[1]
    ]
    cells = sorted({(r.race, r.female, r.age // 5) for r in rows})
    index = {c: i for i, c in enumerate(cells)}
    x = np.zeros((len(rows), len(cells) + len(SEASON_NAMES)))
    y = np.array([r.pct_off_record for r in rows])
    for i, r in enumerate(rows):
        w = weather[(r.race, r.year)]
        x[i, index[(r.race, r.female, r.age // 5)]] = 1.0
        excess = max(wbgt_estimate_c(w.temperature_c, w.dew_point_c) - THRESHOLD_C, 0.0)
        x[i, len(cells) + SEASON_NAMES.index(SEASON_GROUPS[r.race])] = excess
    slopes = median_regression(x, y)[len(cells) :]
    return {
        "rows": len(rows),
        "race_years": len({(r.race, r.year) for r in rows}),
        "slope_pct_per_c": {
            n: round(float(s), 3) for n, s in zip(SEASON_NAMES, slopes, strict=True)
        },
        "autumn_to_spring_ratio": round(float(slopes[2] / slopes[0]), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boston-repo", type=Path, default=DEFAULT_BOSTON_REPO)
    parser.add_argument("--weather-repo", type=Path, default=DEFAULT_WEATHER_REPO)
    parser.add_argument("--out", type=Path, default=Path("docs/heat_gain_accuracy.json"))
    args = parser.parse_args()
    finishes = [f for y in BOSTON_YEARS for f in boston_finishes(args.boston_repo, y)]
    weather = {
        y: w
        for (race, y), w in race_weather(args.weather_repo).items()
        if race == "boston" and y in BOSTON_YEARS
    }
    histories = runner_histories(finishes)
    data = PairArrays(make_pairs(histories, weather))
    heat, heat_summary = heat_section(data, weather)
    cases = gain_cases(histories, weather, heat)
    gain = fit_gain([c for c in cases if not c.held_out])
    summary = {
        "sources": {
            "results": "github.com/llimllib/bostonmarathon (MIT), Boston 2001-2008 and 2014",
            "weather": "github.com/michaelstewart5/project1_pda (MIT), Data/project1.csv",
            "never_read": "Boston Marathon 2009-2012 (the check set of issue 16); 2013 (stopped)",
        },
        "finishers": len(finishes),
        "repeat_runners": len(histories),
        "heat": heat_summary,
        "season": season_section(args.weather_repo),
        "gain": {
            "fit": {k: round(v, 3) for k, v in vars(gain).items()},
            "held_out_runners": check_gain(gain, [c for c in cases if c.held_out]),
        },
    }
    args.out.write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
