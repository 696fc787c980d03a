"""Fit and check the year-to-year gain of the same runners in the same race (Boston).

Each runner's consecutive Boston finishes a -> b, heat-corrected with the fitted heat model,
give the gain over b - a years (+ = faster). The centre is a median regression on what a log
would know at race a: the trend of the runner's previous result (change per year, heat-
corrected, clipped) and the years of age above 35. Runners are split in two by a hash of
their name: the fit uses one half, the check the other (no runner is in both).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from heat_fit import HeatFit, median_regression
from race_data import Finish, Weather
from runcoach.domain.fitness.conditions import wbgt_estimate_c

TREND_CLIP_PCT = 10.0  # % per year; a bigger jump is an injury or a walk, not a trend
AGE_FROM = 35.0  # years
INTERVAL_QUANTILES = (10.0, 90.0)  # the 80 % interval of the gain
INTERVAL_GAPS = (1, 2, 3)  # years apart used to see how the interval widens
FLAT_MODEL_PCT_PER_YEAR = 6.6  # % per year, runcoach's earlier assumption (8 % x (1 - e^-52/30))


@dataclass(frozen=True)
class GainCase:
    held_out: bool
    gap_years: int
    age: int
    trend_pct_per_year: float | None
    gain_pct: float  # heat-corrected, + = faster


def held_out(key: tuple[str, str, str]) -> bool:
    return hashlib.sha256("|".join(key).encode()).digest()[0] % 2 == 1


def gain_cases(
    histories: dict[tuple[str, str, str], list[Finish]], weather: dict[int, Weather], heat: HeatFit
) -> list[GainCase]:
    wbgt = {y: wbgt_estimate_c(w.temperature_c, w.dew_point_c) for y, w in weather.items()}
    cases = []
    for key, history in histories.items():
        corrected = [_corrected_log_time(f, wbgt[f.year], heat) for f in history]
        for i in range(1, len(history)):
            a, b = history[i - 1], history[i]
            trend = None
            if i >= 2:
                years = a.year - history[i - 2].year
                raw = 100.0 * (corrected[i - 2] - corrected[i - 1]) / years
                trend = float(np.clip(raw, -TREND_CLIP_PCT, TREND_CLIP_PCT))
            gain = 100.0 * (corrected[i - 1] - corrected[i])
            cases.append(GainCase(held_out(key), b.year - a.year, a.age, trend, gain))
    return cases


def _corrected_log_time(finish: Finish, wbgt_c: float, heat: HeatFit) -> float:
    level = np.array([finish.time_min / 60.0])
    pct = float(heat.pct(np.array([wbgt_c]), level)[0])
    return float(np.log(finish.time_min) - np.log1p(pct / 100.0))


def _columns(cases: Sequence[GainCase]) -> tuple[np.ndarray, np.ndarray]:
    gap = np.array([c.gap_years for c in cases], dtype=float)
    trend = np.array([c.trend_pct_per_year or 0.0 for c in cases])
    known = np.array([c.trend_pct_per_year is not None for c in cases], dtype=float)
    over = np.maximum(np.array([c.age for c in cases], dtype=float) - AGE_FROM, 0.0)
    x = np.column_stack([gap, gap * trend * known, gap * over])
    return x, np.array([c.gain_pct for c in cases])


@dataclass(frozen=True)
class GainFit:
    base_pct_per_year: float
    trend_weight: float  # of last year's change per year, carried into the next year
    age_pct_per_year_per_year: float  # gain per year per year of age above 35 (negative)
    low_pct: float  # 10th percentile of the residual at one year apart
    high_pct: float  # 90th percentile
    interval_exponent: float  # the interval widens as (years apart) ** this

    def centre(self, cases: Sequence[GainCase]) -> np.ndarray:
        x, _ = _columns(cases)
        return x @ np.array(
            [self.base_pct_per_year, self.trend_weight, self.age_pct_per_year_per_year]
        )


def fit_gain(cases: Sequence[GainCase]) -> GainFit:
    x, y = _columns(cases)
    beta = median_regression(x, y)
    gaps = np.array([c.gap_years for c in cases])
    residual = y - x @ beta
    low, high = np.percentile(residual[gaps == 1], INTERVAL_QUANTILES)
    widths = [
        np.subtract(*np.percentile(residual[gaps == g], INTERVAL_QUANTILES[::-1]))
        for g in INTERVAL_GAPS
    ]
    exponent = float(np.polyfit(np.log(INTERVAL_GAPS), np.log(widths), 1)[0])
    return GainFit(
        float(beta[0]), float(beta[1]), float(beta[2]), float(low), float(high), exponent
    )


def check_gain(fit: GainFit, cases: Sequence[GainCase]) -> dict[str, object]:
    """Held-out accuracy of the fitted centre and interval, next to the simpler models."""
    one_year = [c for c in cases if c.gap_years == 1]
    actual = np.array([c.gain_pct for c in one_year])
    centre = fit.centre(one_year)
    inside = (actual >= centre + fit.low_pct) & (actual <= centre + fit.high_pct)
    with_trend = np.array([c.trend_pct_per_year is not None for c in one_year])
    later = [c for c in cases if c.gap_years in (2, 3)]
    scale = np.array([c.gap_years for c in later], dtype=float) ** fit.interval_exponent
    later_actual, later_centre = np.array([c.gain_pct for c in later]), fit.centre(later)
    later_inside = (later_actual >= later_centre + fit.low_pct * scale) & (
        later_actual <= later_centre + fit.high_pct * scale
    )
    return {
        "interval_80_coverage_2_3_years_apart": round(float(np.mean(later_inside)), 3),
        "pairs_2_3_years_apart": len(later),
        "runners_pairs_one_year_apart": len(one_year),
        "median_actual_gain_pct": round(float(np.median(actual)), 2),
        "share_faster": round(float(np.mean(actual > 0)), 3),
        "mae_pct": {
            "fitted": round(float(np.mean(np.abs(actual - centre))), 2),
            "no_change": round(float(np.mean(np.abs(actual))), 2),
            "flat_6_6_pct": round(float(np.mean(np.abs(actual - FLAT_MODEL_PCT_PER_YEAR))), 2),
        },
        "mae_pct_with_trend_known": round(float(np.mean(np.abs(actual - centre)[with_trend])), 2),
        "interval_80_coverage": round(float(np.mean(inside)), 3),
        "flat_model_coverage_of_its_centre_or_more": round(
            float(np.mean(actual >= FLAT_MODEL_PCT_PER_YEAR)), 3
        ),
    }
