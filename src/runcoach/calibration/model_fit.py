"""Fit runcoach's own race model on the Vickers & Vertosick (2016) data.

Everything the model chooses is chosen by cross-validation by runner on the runners it is
given, never on anyone else: the weights of each target band (least absolute deviations on
log time), which feature variant each band uses, how far each pair of distances is shrunk
toward Riegel's 1.06, how several results are combined, and the interval quantiles.
``runcoach.calibration.model_accuracy`` calls this on the training runners of each outer fold
(nested cross-validation); ``--fit`` calls it on all runners for the committed constants.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from runcoach.domain.fitness.models import RIEGEL_EXPONENT
from runcoach.domain.fitness.own_model import (
    RESIDUAL_SCALE_FLOOR,
    STRAIGHT_FEATURES,
    BandCoefficients,
    OwnModel,
    Result,
    features,
    pair_key,
    target_band,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

DATA_FILE = "vickers_2016_groups_1_2.csv"
RACE_COLUMNS_M = {  # column prefix -> race distance in metres (codebook)
    "k5": 5000.0,
    "k10": 10000.0,
    "m5": 5 * METRES_PER_MILE,
    "m10": 10 * METRES_PER_MILE,
    "mh": HALF_MARATHON_M,
    "mf": MARATHON_M,
}
BANDS = ("long", "middle", "short")
VARIANTS = {"straight": STRAIGHT_FEATURES, "curved": 12}  # name -> number of features used
SHARES = tuple(i / 10 for i in range(11))  # candidate shares of the fit (0 = Riegel)
CLOSENESS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)  # candidate fall-off of a result's say with |L|
IRLS_ITERATIONS = 60  # iterations of reweighted least squares toward least absolute deviations
IRLS_FLOOR = 0.005  # log ratio; residuals below this are not up-weighted further
INTERVAL_QUANTILES = (0.1, 0.9)
CLEAR_GAIN_SE = 2.0  # standard errors by which the fit must beat Riegel on a pair to be used


@dataclass(frozen=True)
class Runner:
    runner_id: int
    results: tuple[Result, ...]
    weekly_mi: float


def load_runners(folder: Path) -> list[Runner]:
    with (folder / DATA_FILE).open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    runners = []
    for row in rows:
        results = tuple(
            Result(metres, float(row[f"{key}_ti_adj"]))
            for key, metres in RACE_COLUMNS_M.items()
            if row[f"{key}_ti_adj"]
        )
        runners.append(Runner(int(row["id"]), results, float(row["typical"])))
    return runners


@dataclass(frozen=True)
class Examples:
    """Every (one result -> another result) of the runners, and every (two -> a third).

    One-result examples j: ``runner[j]``, ``band[j]``, ``pair[j]``, features ``x[j]``, the
    log distance ratio ``ratio[j]``, ``y[j]`` = log(target time / result time) and
    ``log_time[j]`` = log(result time). Two-result groups g combine examples ``first[g]`` and
    ``second[g]`` (same runner, same target) whose actual log time is ``group_actual[g]``.
    """

    runner: np.ndarray
    band: np.ndarray
    pair: np.ndarray
    x: np.ndarray
    ratio: np.ndarray
    y: np.ndarray
    log_time: np.ndarray
    first: np.ndarray
    second: np.ndarray
    group_actual: np.ndarray

    @property
    def group_runner(self) -> np.ndarray:
        out: np.ndarray = self.runner[self.first]
        return out

    @property
    def group_band(self) -> np.ndarray:
        out: np.ndarray = self.band[self.first]
        return out


def build_examples(runners: Sequence[Runner]) -> Examples:
    cols: dict[str, list[object]] = {k: [] for k in ("runner", "band", "pair", "x", "ratio", "y")}
    log_time: list[float] = []
    first: list[int] = []
    second: list[int] = []
    actual: list[float] = []
    for i, runner in enumerate(runners):
        for target in runner.results:
            index = {}
            for result in runner.results:
                if result is target:
                    continue
                index[result] = len(log_time)
                cols["runner"].append(i)
                cols["band"].append(target_band(target.distance_m))
                cols["pair"].append(">".join(pair_key(result.distance_m, target.distance_m)))
                cols["x"].append(features(result, target.distance_m, runner.weekly_mi))
                cols["ratio"].append(math.log(target.distance_m / result.distance_m))
                cols["y"].append(math.log(target.time_s / result.time_s))
                log_time.append(math.log(result.time_s))
            for a, b in itertools.combinations(index, 2):
                first.append(index[a])
                second.append(index[b])
                actual.append(math.log(target.time_s))
    return Examples(
        runner=np.array(cols["runner"], dtype=int),
        band=np.array(cols["band"]),
        pair=np.array(cols["pair"]),
        x=np.array(cols["x"], dtype=float),
        ratio=np.array(cols["ratio"], dtype=float),
        y=np.array(cols["y"], dtype=float),
        log_time=np.array(log_time, dtype=float),
        first=np.array(first, dtype=int),
        second=np.array(second, dtype=int),
        group_actual=np.array(actual, dtype=float),
    )


def fit_lad(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares."""
    weights: np.ndarray = np.linalg.lstsq(x, y, rcond=None)[0]
    for _ in range(IRLS_ITERATIONS):
        root_w = 1.0 / np.sqrt(np.maximum(np.abs(y - x @ weights), IRLS_FLOOR))
        weights = np.linalg.lstsq(x * root_w[:, None], y * root_w, rcond=None)[0]
    return weights


def fit_weights(
    ex: Examples, runners: np.ndarray, variants: dict[str, str]
) -> dict[str, np.ndarray]:
    """LAD weights per band on the examples of the ``runners`` mask (a boolean per runner)."""
    use = runners[ex.runner]
    out = {}
    for band in BANDS:
        rows = use & (ex.band == band)
        out[band] = fit_lad(ex.x[rows, : VARIANTS[variants[band]]], ex.y[rows])
    return out


def fold_of(count: int, folds: int, seed: int) -> np.ndarray:
    """A fold number per runner (seeded)."""
    return np.random.default_rng(seed).integers(0, folds, count)


def out_of_fold_gains(
    ex: Examples, runners: np.ndarray, folds: int, seed: int
) -> dict[str, np.ndarray]:
    """Cross-validated fitted log gains of every example of the ``runners``, per variant."""
    fold = np.full(len(runners), -1)
    fold[runners] = fold_of(int(runners.sum()), folds, seed)
    gains = {v: np.full(len(ex.y), np.nan) for v in VARIANTS}
    for k in range(folds):
        train = runners & (fold != k)
        test = (fold == k)[ex.runner]
        for variant, width in VARIANTS.items():
            weights = fit_weights(ex, train, dict.fromkeys(BANDS, variant))
            for band in BANDS:
                rows = test & (ex.band == band)
                gains[variant][rows] = ex.x[rows, :width] @ weights[band]
    return gains


def abs_pct_error(log_predicted: np.ndarray, log_actual: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.abs(np.exp(log_predicted - log_actual) - 1.0)
    return out


def choose_share(fitted: np.ndarray, riegel: np.ndarray, y: np.ndarray) -> float:
    """The share of the fit (vs Riegel) for one pair of distances.

    The candidate share with the least cross-validated error, unless it is not better than
    Riegel alone (share 0) by more than two standard errors of the paired difference: then
    Riegel. A pair keeps the fit only where the data clearly say it helps.
    """
    errors = [abs_pct_error(s * fitted + (1 - s) * riegel, y) for s in SHARES]
    best = int(np.argmin([e.mean() for e in errors]))
    gain = errors[0] - errors[best]
    standard_error = gain.std(ddof=1) / math.sqrt(len(gain)) if len(gain) > 1 else math.inf
    return SHARES[best] if gain.mean() > CLEAR_GAIN_SE * standard_error else 0.0


@dataclass(frozen=True)
class Choices:
    """What the cross-validation chose: feature variant per band and the rest of the model."""

    variants: dict[str, str]
    model: OwnModel  # with empty weights: they are fitted on all the runners afterwards


def combine_groups(
    ex: Examples, one_log: np.ndarray, closeness: float, groups: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Log time and interval scale of two-result groups, as ``own_model.combine`` does."""
    a, b = ex.first[groups], ex.second[groups]
    say_a = np.exp(-closeness * np.abs(ex.ratio[a]))
    say_b = np.exp(-closeness * np.abs(ex.ratio[b]))
    total = say_a + say_b
    log_time = (say_a * one_log[a] + say_b * one_log[b]) / total
    spread = (say_a * np.abs(ex.ratio[a]) + say_b * np.abs(ex.ratio[b])) / total
    return log_time, spread + RESIDUAL_SCALE_FLOOR


def _quantiles(values: np.ndarray) -> tuple[float, float]:
    low, high = INTERVAL_QUANTILES
    return float(np.quantile(values, low)), float(np.quantile(values, high))


def select(ex: Examples, runners: np.ndarray, gains: dict[str, np.ndarray]) -> Choices:
    """Variant, shares, closeness and interval quantiles from cross-validated gains."""
    use = runners[ex.runner]
    riegel = RIEGEL_EXPONENT * ex.ratio
    variants = {}
    fitted = np.full(len(ex.y), np.nan)
    for band in BANDS:
        rows = use & (ex.band == band)
        variants[band] = min(
            VARIANTS, key=lambda v: float(abs_pct_error(gains[v][rows], ex.y[rows]).mean())
        )
        fitted[rows] = gains[variants[band]][rows]
    shrink: dict[tuple[str, str], float] = {}
    one_log = np.full(len(ex.y), np.nan)
    for pair in sorted(set(ex.pair[use])):
        rows = use & (ex.pair == pair)
        share = choose_share(fitted[rows], riegel[rows], ex.y[rows])
        result, target = pair.split(">")
        shrink[(result, target)] = share
        one_log[rows] = ex.log_time[rows] + share * fitted[rows] + (1 - share) * riegel[rows]
    residual_one = (ex.log_time + ex.y - one_log) / (np.abs(ex.ratio) + RESIDUAL_SCALE_FLOOR)
    bands = {}
    for band in BANDS:
        groups = runners[ex.group_runner] & (ex.group_band == band)
        combined = {c: combine_groups(ex, one_log, c, groups) for c in CLOSENESS}
        closeness = min(
            CLOSENESS,
            key=lambda c: float(abs_pct_error(combined[c][0], ex.group_actual[groups]).mean()),
        )
        log_time, scale = combined[closeness]
        offset = float(np.median(ex.group_actual[groups] - log_time))
        one_low, one_high = _quantiles(residual_one[use & (ex.band == band)])
        several_low, several_high = _quantiles(
            (ex.group_actual[groups] - log_time - offset) / scale
        )
        bands[band] = BandCoefficients(
            (), closeness, offset, one_low, one_high, several_low, several_high
        )
    return Choices(variants, OwnModel(bands, shrink))


def fit_model(ex: Examples, runners: np.ndarray, folds: int, seed: int) -> OwnModel:
    """The whole model from the ``runners`` (a boolean mask) alone: choices by their
    ``folds``-fold cross-validation, then the weights on all of them."""
    choices = select(ex, runners, out_of_fold_gains(ex, runners, folds, seed))
    weights = fit_weights(ex, runners, choices.variants)
    bands = {
        band: dataclasses.replace(coef, weights=tuple(float(w) for w in weights[band]))
        for band, coef in choices.model.bands.items()
    }
    return OwnModel(bands, choices.model.shrink)
