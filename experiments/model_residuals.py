"""Is anything left for the questionnaire to explain? A nonlinear check of the own model.

    pip install -e '.[experiments]'
    python experiments/model_residuals.py [--data DIR]

For each report task (marathon from one race, from two races, half from 5k/10k) this takes
the own model's out-of-fold errors from the same nested 10-fold cross-validation as
``runcoach.calibration.model_accuracy`` (seed 0) and asks gradient-boosted trees (scikit-learn,
absolute-error loss, their own 10-fold cross-validation) to predict each runner's error from
everything else the survey asked: age, sex, BMI, maximum and typical weekly mileage, tempo and
sprint habits, footwear, injury, the endurance/speed self-rating, the fitness rating and
course difficulty of every known race, the distance ratio and the known time. If the trees'
out-of-fold correction lowers the MAPE, the linear model misses something the runner could
tell us. The "oracle" rows also give the trees what cannot be known before the target race
(the runner's fitness rating and the course difficulty of that race): an upper bound on what
any extra question could buy. Results and discussion: docs/models.md.
"""

from __future__ import annotations

import argparse
import csv
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold

from runcoach.calibration.model_accuracy import DEFAULT_DATA, INNER_FOLDS, TASKS
from runcoach.calibration.model_fit import (
    DATA_FILE,
    Runner,
    build_examples,
    fit_model,
    fold_of,
    load_runners,
)
from runcoach.domain.fitness.own_model import Result, predict
from runcoach.domain.units import METRES_PER_MILE

SURVEY = (
    "age",
    "bmi",
    "female",
    "footwear",
    "injury",
    "max",
    "sprint",
    "tempo",
    "typical",
    "endurancespeed",
)
RACES = ("k5", "k10", "m5", "m10", "mh", "mf")
TARGET_PREFIX = {42195.0: "mf", 21097.5: "mh"}
TREES = ((2, 0.03), (3, 0.05))  # (max depth, learning rate) of the two tree models tried


def out_of_fold(runners: Sequence[Runner], folds: int = 10, seed: int = 0) -> dict[str, list]:
    """(runner, known results, log(actual/predicted)) per task, from the nested CV."""
    fold = fold_of(len(runners), folds, seed)
    examples = build_examples(runners)
    out: dict[str, list] = {t.name: [] for t in TASKS}
    for k in range(folds):
        model = fit_model(examples, fold != k, INNER_FOLDS, seed + 1 + k)
        for runner, f in zip(runners, fold, strict=True):
            if f != k:
                continue
            for task in TASKS:
                known = task.pick(runner)
                if known is None:
                    continue
                p = predict(known, task.target_m, runner.weekly_mi * METRES_PER_MILE, model)
                actual = next(r.time_s for r in runner.results if r.distance_m == task.target_m)
                out[task.name].append((runner, known, math.log(actual / p.time_s)))
    return out


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan


def _features(
    row: dict[str, str], known: Sequence[Result], target_m: float, oracle: bool
) -> list[float]:
    known_keys = [
        k
        for k in RACES
        if row[f"{k}_ti_adj"]
        and any(abs(_number(row[f"{k}_ti_adj"]) - r.time_s) < 0.5 for r in known)
    ]
    values = [_number(row[c]) for c in SURVEY]
    for key in RACES:  # rating and difficulty of the known races only
        shown = key in known_keys
        values += [
            _number(row[f"{key}_tr"]) if shown else math.nan,
            _number(row[f"{key}_di"]) if shown else math.nan,
        ]
    longest = max(known, key=lambda r: r.distance_m)
    values += [math.log(target_m / longest.distance_m), math.log(longest.time_s), len(known)]
    if oracle:
        target = TARGET_PREFIX[target_m]
        values += [_number(row[f"{target}_tr"]), _number(row[f"{target}_di"])]
    return values


def _mape(log_errors: np.ndarray) -> float:
    return float(np.mean(np.abs(np.exp(-log_errors) - 1.0)) * 100.0)


def corrected_mape(x: np.ndarray, y: np.ndarray, depth: int, rate: float) -> float:
    x = x[:, ~np.all(np.isnan(x), axis=0)]  # a race nobody in this task gave
    correction = np.zeros_like(y)
    for train, test in KFold(10, shuffle=True, random_state=0).split(x):
        trees = HistGradientBoostingRegressor(
            loss="absolute_error",
            max_depth=depth,
            learning_rate=rate,
            max_iter=150,
            min_samples_leaf=30,
            random_state=0,
        )
        trees.fit(x[train], y[train])
        correction[test] = trees.predict(x[test])
    return _mape(y - correction)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    runners = load_runners(args.data)
    with (args.data / DATA_FILE).open(newline="") as handle:
        rows = {int(r["id"]): r for r in csv.DictReader(handle)}
    target_of: dict[str, float] = {t.name: t.target_m for t in TASKS}
    print("| task | runners | own model MAPE | + trees on the survey | + trees, oracle |")
    print("|---|---|---|---|---|")
    for name, items in out_of_fold(runners).items():
        y = np.array([e for _, _, e in items])
        cells = []
        for oracle in (False, True):
            x = np.array(
                [
                    _features(rows[r.runner_id], known, target_of[name], oracle)
                    for r, known, _ in items
                ]
            )
            cells.append(" / ".join(f"{corrected_mape(x, y, d, lr):.2f} %" for d, lr in TREES))
        print(f"| {name} | {len(y)} | {_mape(y):.2f} % | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
