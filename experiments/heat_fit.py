"""Fit the heat cost on the same runners in cool and warm Boston Marathons.

A runner who ran Boston in two years gives one pair; the log-ratio of the two times is
heat(year b) - heat(year a) + a drift (age, years apart) + noise. The heat cost of a runner of
marathon level L hours in WBGT H °C is

    slowdown % = max(H - H0, 0) x (S + K (L - 3.5 h))

fitted by median (least absolute deviation) regression: a runner's bad day does not pull the
fit. The level L of a pair is the geometric mean of its two times, so that a lucky or unlucky
race does not bias the level dependence (regression to the mean). Held-out accuracy: each year
is left out of the fit in turn and the median change of its runners, by level band, is predicted.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from race_data import Finish, Weather
from runcoach.domain.fitness.conditions import wbgt_estimate_c

REFERENCE_LEVEL_H = 3.5  # h, the level the slope S refers to
THRESHOLDS_C = tuple(np.arange(6.0, 18.01, 0.5))  # WBGT thresholds H0 tried, °C
LEVEL_BANDS_H = (0.0, 3.0, 3.5, 4.0, 4.5, 24.0)  # bands for the held-out check
AGE_DRIFT_FROM = 35.0  # years; the drift term counts years of age above it


@dataclass(frozen=True)
class Pair:
    year_a: int
    year_b: int
    wbgt_a: float
    wbgt_b: float
    level_h: float
    gap_years: int
    age_a: int
    change: float  # ln(T_b / T_a)


@dataclass(frozen=True)
class HeatFit:
    threshold_c: float
    slope_pct_per_c: float  # at REFERENCE_LEVEL_H
    level_pct_per_c_per_h: float
    drift: tuple[float, ...]  # intercept, per year apart, per year apart x age over 35

    def pct(self, wbgt_c: np.ndarray, level_h: np.ndarray) -> np.ndarray:
        per_c = self.slope_pct_per_c + self.level_pct_per_c_per_h * (level_h - REFERENCE_LEVEL_H)
        return np.maximum(wbgt_c - self.threshold_c, 0.0) * np.maximum(per_c, 0.0)


def runner_histories(finishes: Iterable[Finish]) -> dict[tuple[str, str, str], list[Finish]]:
    """Each runner's finishes, oldest first; names seen twice in one year are dropped."""
    by_key: dict[tuple[str, str, str], dict[int, Finish]] = defaultdict(dict)
    doubled: set[tuple[tuple[str, str, str], int]] = set()
    for f in finishes:
        if f.year in by_key[f.key]:
            doubled.add((f.key, f.year))
        by_key[f.key][f.year] = f
    histories = {}
    for key, years in by_key.items():
        if any((key, y) in doubled for y in years):
            continue
        ordered = [years[y] for y in sorted(years)]
        if len(ordered) >= 2 and _same_person(ordered):
            histories[key] = ordered
    return histories


def _same_person(finishes: Sequence[Finish]) -> bool:
    born = [f.year - f.age for f in finishes]
    return max(born) - min(born) <= 1


def make_pairs(
    histories: dict[tuple[str, str, str], list[Finish]], weather: dict[int, Weather]
) -> list[Pair]:
    wbgt = {y: wbgt_estimate_c(w.temperature_c, w.dew_point_c) for y, w in weather.items()}
    pairs = []
    for history in histories.values():
        for a, b in itertools.pairwise(history):
            level = math.sqrt(a.time_min * b.time_min) / 60.0
            pairs.append(
                Pair(
                    a.year,
                    b.year,
                    wbgt[a.year],
                    wbgt[b.year],
                    level,
                    b.year - a.year,
                    a.age,
                    math.log(b.time_min / a.time_min),
                )
            )
    return pairs


class PairArrays:
    def __init__(self, pairs: Sequence[Pair]) -> None:
        self.year_a = np.array([p.year_a for p in pairs])
        self.year_b = np.array([p.year_b for p in pairs])
        self.wbgt_a = np.array([p.wbgt_a for p in pairs])
        self.wbgt_b = np.array([p.wbgt_b for p in pairs])
        self.level = np.array([p.level_h for p in pairs])
        self.gap = np.array([p.gap_years for p in pairs], dtype=float)
        self.age = np.array([p.age_a for p in pairs], dtype=float)
        self.change_pct = 100.0 * np.array([p.change for p in pairs])

    def subset(self, mask: np.ndarray) -> PairArrays:
        new = object.__new__(PairArrays)
        for name, value in vars(self).items():
            setattr(new, name, value[mask])
        return new

    def drift_columns(self) -> np.ndarray:
        over = np.maximum(self.age + self.gap / 2 - AGE_DRIFT_FROM, 0.0)
        return np.column_stack([np.ones_like(self.gap), self.gap, self.gap * over])

    def heat_columns(self, threshold_c: float) -> np.ndarray:
        excess = np.maximum(self.wbgt_b - threshold_c, 0.0) - np.maximum(
            self.wbgt_a - threshold_c, 0.0
        )
        return np.column_stack([excess, excess * (self.level - REFERENCE_LEVEL_H)])


def median_regression(x: np.ndarray, y: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares."""
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    for _ in range(iterations):
        weights = 1.0 / np.maximum(np.abs(y - x @ beta), 0.5)
        root = np.sqrt(weights)
        beta = np.linalg.lstsq(x * root[:, None], y * root, rcond=None)[0]
    return beta


def fit_heat(data: PairArrays, thresholds: Sequence[float] = THRESHOLDS_C) -> HeatFit:
    best: tuple[float, HeatFit] | None = None
    for threshold in thresholds:
        x = np.column_stack([data.heat_columns(threshold), data.drift_columns()])
        beta = median_regression(x, data.change_pct)
        loss = float(np.mean(np.abs(data.change_pct - x @ beta)))
        fit = HeatFit(float(threshold), float(beta[0]), float(beta[1]), tuple(map(float, beta[2:])))
        if best is None or loss < best[0]:
            best = (loss, fit)
    assert best is not None
    return best[1]


def fit_drift_only(data: PairArrays) -> np.ndarray:
    return median_regression(data.drift_columns(), data.change_pct)


def predicted_change(fit: HeatFit, data: PairArrays) -> np.ndarray:
    heat = fit.pct(data.wbgt_b, data.level) - fit.pct(data.wbgt_a, data.level)
    return heat + data.drift_columns() @ np.array(fit.drift)


def band_medians(data: PairArrays, values: np.ndarray) -> list[float | None]:
    out: list[float | None] = []
    for low, high in itertools.pairwise(LEVEL_BANDS_H):
        mask = (data.level >= low) & (data.level < high)
        out.append(float(np.median(values[mask])) if mask.sum() >= 30 else None)
    return out
