"""Check the heat model on four races it was not fitted on, and fit the season ratio.

The Ely et al. data set holds, for Boston, Chicago, New York, Twin Cities and Grandma's
1993-2016, the best time at each age and sex as % off the course record. Within one
(race, sex, age) cell the years differ mainly by the weather; the check compares, race-year by
race-year, the median over cells of the observed deviation from the cell's usual time with the
deviation each model predicts. The heat slope and level term come from the Boston pairs only;
the autumn ratio used for a race is fitted without that race (leave one race out).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from heat_baselines import ely_top_men_pct, hadley_pct, knechtle_pct
from heat_fit import HeatFit, median_regression
from race_data import TopAge, Weather
from runcoach.domain.fitness.conditions import wbgt_estimate_c

SEASON_OF_RACE = {
    "boston": "spring",
    "grandma's": "early summer",
    "chicago": "autumn",
    "twin cities": "autumn",
    "nyc": "autumn",
}
SEASONS = ("spring", "early summer", "autumn")
HELD_OUT_RACES = ("chicago", "nyc", "twin cities", "grandma's")
AUTUMN_RACES = ("chicago", "nyc", "twin cities")
AUTUMN_SHIFTS_C = tuple(float(s) for s in range(11))  # °C of WBGT tried for acclimatisation
WARM_WBGT_C = 18.0  # °C; race-years at least this warm are where a heat model must earn its keep
AGES = (18, 65)  # years; older cells are too thin (one runner a year)
RECORD_H = {False: 128 / 60, True: 142 / 60}  # h, about the course records (men, women)


@dataclass(frozen=True)
class Row:
    race: str
    year: int
    cell: tuple[str, bool, int]
    temperature_c: float
    dew_point_c: float
    wbgt_c: float
    level_h: float
    log_time: float  # ln(time / course record)


# A model maps a row's race-day weather and runner level to % slower than on a cool day.
HeatModel = Callable[[Row], float]


def rows(top: Sequence[TopAge], weather: dict[tuple[str, int], Weather]) -> list[Row]:
    out = []
    for t in top:
        w = weather.get((t.race, t.year))
        if w is None or not AGES[0] <= t.age <= AGES[1]:
            continue
        ratio = 1.0 + t.pct_off_record / 100.0
        wbgt = wbgt_estimate_c(w.temperature_c, w.dew_point_c)
        cell = (t.race, t.female, t.age)
        level = RECORD_H[t.female] * ratio
        out.append(
            Row(t.race, t.year, cell, w.temperature_c, w.dew_point_c, wbgt, level, math.log(ratio))
        )
    return out


def season_slopes(data: Sequence[Row], threshold_c: float) -> dict[str, float]:
    """% per °C of WBGT above the threshold for the best runners, by season (median fit)."""
    cells = sorted({(*r.cell[:2], r.cell[2] // 5) for r in data})
    index = {c: i for i, c in enumerate(cells)}
    x = np.zeros((len(data), len(cells) + len(SEASONS)))
    y = 100.0 * np.array([r.log_time for r in data])
    for i, r in enumerate(data):
        x[i, index[(*r.cell[:2], r.cell[2] // 5)]] = 1.0
        x[i, len(cells) + SEASONS.index(SEASON_OF_RACE[r.race])] = max(r.wbgt_c - threshold_c, 0)
    slopes = median_regression(x, y)[len(cells) :]
    return {s: float(v) for s, v in zip(SEASONS, slopes, strict=True)}


def _deviations(
    data: Sequence[Row], model: HeatModel, race: str
) -> dict[int, list[tuple[float, float]]]:
    """Per year of ``race``: (observed, predicted) deviation of each cell from its median."""
    by_cell: dict[tuple[str, bool, int], list[Row]] = defaultdict(list)
    for r in data:
        if r.race == race:
            by_cell[r.cell].append(r)
    deviations: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for cell_rows in by_cell.values():
        if len(cell_rows) < 5:
            continue
        observed = np.array([r.log_time for r in cell_rows])
        predicted = np.array([math.log1p(model(r) / 100) for r in cell_rows])
        pairs = zip(
            cell_rows,
            observed - np.median(observed),
            predicted - np.median(predicted),
            strict=True,
        )
        for r, o, p in pairs:
            deviations[r.year].append((float(o), float(p)))
    return deviations


def year_deviation(
    data: Sequence[Row], model: HeatModel, race: str, year: int
) -> tuple[float, float]:
    """Median observed and predicted deviation (%) of ``race`` in ``year``."""
    pairs = _deviations(data, model, race)[year]
    return 100.0 * float(np.median([o for o, _ in pairs])), 100.0 * float(
        np.median([p for _, p in pairs])
    )


def race_year_errors(data: Sequence[Row], model: HeatModel, race: str) -> dict[int, float]:
    """|observed - predicted| median deviation (% points) of each year of ``race``."""
    out = {}
    for year, pairs in _deviations(data, model, race).items():
        observed = float(np.median([o for o, _ in pairs]))
        predicted = float(np.median([p for _, p in pairs]))
        out[year] = 100.0 * abs(observed - predicted)
    return out


def season_section(data: Sequence[Row], heat: HeatFit, threshold_c: float) -> dict[str, object]:
    """How heat after the summer differs: the slopes by season, and the fitted threshold shift."""
    slopes = season_slopes(data, threshold_c)
    shift, by_shift = fit_autumn_shift(data, heat, AUTUMN_RACES)
    return {
        "rows": len(data),
        "race_years": len({(r.race, r.year) for r in data}),
        "slope_pct_per_c": {n: round(v, 3) for n, v in slopes.items()},
        "autumn_to_spring_slope_ratio": round(slopes["autumn"] / slopes["spring"], 3),
        "autumn_threshold_shift_c": shift,
        "autumn_mae_pct_points_by_shift": {str(k): round(v, 3) for k, v in by_shift.items()},
    }


def fit_autumn_shift(
    data: Sequence[Row], heat: HeatFit, races: Sequence[str]
) -> tuple[float, dict[float, float]]:
    """The WBGT threshold shift (°C) for autumn races that best fits ``races``."""
    by_shift = {}
    for shift in AUTUMN_SHIFTS_C:
        model = _shifted(heat, shift)
        errors = [e for race in races for e in race_year_errors(data, model, race).values()]
        by_shift[shift] = float(np.mean(errors))
    return min(by_shift, key=lambda k: by_shift[k]), by_shift


def _shifted(heat: HeatFit, autumn_shift_c: float) -> HeatModel:
    def model(row: Row) -> float:
        shift = autumn_shift_c if SEASON_OF_RACE[row.race] == "autumn" else 0.0
        return float(heat.pct(np.array([row.wbgt_c - shift]), np.array([row.level_h]))[0])

    return model


def races_section(data: Sequence[Row], heat: HeatFit) -> dict[str, object]:
    """Accuracy on the four races the heat slope never saw, next to the other models."""
    errors: dict[str, list[float]] = defaultdict(list)
    warm_errors: dict[str, list[float]] = defaultdict(list)
    wbgt = {(r.race, r.year): r.wbgt_c for r in data}
    per_race = {}
    for race in HELD_OUT_RACES:
        shift, _ = fit_autumn_shift(data, heat, [r for r in AUTUMN_RACES if r != race])
        models = _models(heat, shift)
        race_errors = {n: race_year_errors(data, m, race) for n, m in models.items()}
        per_race[race] = {
            "years": len(race_errors["fitted"]),
            "autumn_shift_c_fitted_without_it": shift,
            "mae_pct_points": {
                n: round(float(np.mean(list(e.values()))), 2) for n, e in race_errors.items()
            },
            "hottest_year": _hottest(data, race, models),
        }
        for name, by_year in race_errors.items():
            errors[name] += list(by_year.values())
            warm_errors[name] += [e for y, e in by_year.items() if wbgt[(race, y)] >= WARM_WBGT_C]
    return {
        "what": "median deviation of the best runners by age from their usual time, by year",
        "per_race": per_race,
        "mae_pct_points": {n: round(float(np.mean(e)), 2) for n, e in errors.items()},
        "warm_years": len(warm_errors["fitted"]),
        "warm_wbgt_c_at_least": WARM_WBGT_C,
        "warm_mae_pct_points": {n: round(float(np.mean(e)), 2) for n, e in warm_errors.items()},
    }


def _hottest(data: Sequence[Row], race: str, models: dict[str, HeatModel]) -> dict[str, object]:
    """The hottest year of ``race``: observed and predicted median deviation (%)."""
    year = max((r for r in data if r.race == race), key=lambda r: r.wbgt_c).year
    out: dict[str, object] = {"year": year}
    for name, model in models.items():
        observed, predicted = year_deviation(data, model, race, year)
        out["observed_pct"] = round(observed, 2)
        out[f"{name}_pct"] = round(predicted, 2)
    return out


def _models(heat: HeatFit, autumn_shift_c: float) -> dict[str, HeatModel]:
    return {
        "fitted": _shifted(heat, autumn_shift_c),
        "fitted without season": _shifted(heat, 0.0),
        "no heat": lambda row: 0.0,
        "hadley": lambda row: hadley_pct(row.temperature_c, row.dew_point_c),
        "knechtle": lambda row: knechtle_pct(row.temperature_c),
        "ely 2007 top men": lambda row: ely_top_men_pct(row.wbgt_c),
    }
