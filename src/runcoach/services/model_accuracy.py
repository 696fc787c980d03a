"""Fit runcoach's own race model and measure it against Riegel and VDOT by cross-validation.

    python -m runcoach.services.model_accuracy [--data DIR] [--folds 10] [--seed 0] [--json]
    python -m runcoach.services.model_accuracy --fit     # print the constants for own_model.py

The data are Vickers & Vertosick (2016), groups 1 and 2 (1,443 runners), read from
``--data``, ``$RUNCOACH_RACE_DATA`` or ``../shared/data/races`` beside the repository. Times
are the authors' course-adjusted times (``*_ti_adj``), as in their paper. Folds are by
runner: no runner is ever both in the fit and in the test. The 80 % interval's coverage is
measured honestly: each outer fold's interval quantiles come from an inner cross-validation
on its training runners only.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from runcoach.domain.fitness.models import riegel_time, vdot_time
from runcoach.domain.fitness.own_model import (
    CoefficientSet,
    Result,
    design,
    predict,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

# ../shared/data/races next to the repository (a checkout's sibling), as the issue names it
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "races"
DATA_FILE = "vickers_2016_groups_1_2.csv"
RACE_COLUMNS_M = {  # column prefix -> race distance in metres (codebook)
    "k5": 5000.0,
    "k10": 10000.0,
    "m5": 5 * METRES_PER_MILE,
    "m10": 10 * METRES_PER_MILE,
    "mh": HALF_MARATHON_M,
    "mf": MARATHON_M,
}
CASES = tuple(f"{band}-{n}" for band in ("long", "middle", "short") for n in ("one", "two"))
IRLS_ITERATIONS = 60  # iterations of reweighted least squares toward least absolute deviations
IRLS_FLOOR = 0.005  # log ratio; residuals below this are not up-weighted further
INNER_FOLDS = 5


@dataclass(frozen=True)
class Runner:
    runner_id: int
    results: tuple[Result, ...]
    weekly_mi: float


@dataclass(frozen=True)
class Task:
    """A prediction task of the report: which results predict which target."""

    name: str
    target_m: float
    pick: Callable[[Runner], list[Result] | None]


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


# --- training rows -------------------------------------------------------------------------


def training_examples(runner: Runner) -> Iterable[tuple[list[Result], Result]]:
    """Every (known results, target) a runner's races offer: one or two results each."""
    for target in runner.results:
        others = [r for r in runner.results if r is not target]
        for size in (1, 2):
            for known in itertools.combinations(others, size):
                yield list(known), target


def design_matrix(runners: Sequence[Runner]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    rows: dict[str, tuple[list[tuple[float, ...]], list[float]]] = {c: ([], []) for c in CASES}
    for runner in runners:
        for known, target in training_examples(runner):
            d = design(known, target.distance_m, runner.weekly_mi)
            rows[d.case][0].append(d.features)
            rows[d.case][1].append(math.log(target.time_s / d.anchor.time_s))
    return {c: (np.array(x, dtype=float), np.array(y, dtype=float)) for c, (x, y) in rows.items()}


def fit_lad(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares."""
    weights: np.ndarray = np.linalg.lstsq(x, y, rcond=None)[0]
    for _ in range(IRLS_ITERATIONS):
        root_w = 1.0 / np.sqrt(np.maximum(np.abs(y - x @ weights), IRLS_FLOOR))
        weights = np.linalg.lstsq(x * root_w[:, None], y * root_w, rcond=None)[0]
    return weights


def fit_weights(runners: Sequence[Runner]) -> dict[str, np.ndarray]:
    return {case: fit_lad(x, y) for case, (x, y) in design_matrix(runners).items()}


def folds_of(runners: Sequence[Runner], folds: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, folds, len(runners))


def scaled_residuals(runners: Sequence[Runner], folds: int, seed: int) -> dict[str, list[float]]:
    """Cross-validated log(actual/predicted) / scale for every training example, per case."""
    fold = folds_of(runners, folds, seed)
    out: dict[str, list[float]] = {c: [] for c in CASES}
    for k in range(folds):
        weights = fit_weights([r for r, f in zip(runners, fold, strict=True) if f != k])
        point_only = {c: CoefficientSet(tuple(map(float, w)), 0.0, 0.0) for c, w in weights.items()}
        for runner in (r for r, f in zip(runners, fold, strict=True) if f == k):
            for known, target in training_examples(runner):
                d = design(known, target.distance_m, runner.weekly_mi)
                p = predict(
                    known, target.distance_m, runner.weekly_mi * METRES_PER_MILE, point_only
                )
                out[d.case].append(math.log(target.time_s / p.time_s) / d.scale)
    return out


def fit_model(runners: Sequence[Runner], folds: int, seed: int) -> dict[str, CoefficientSet]:
    """Weights fitted on all ``runners``; interval quantiles from their cross-validation."""
    weights = fit_weights(runners)
    residuals = scaled_residuals(runners, folds, seed)
    return {
        case: CoefficientSet(
            tuple(float(w) for w in weights[case]),
            float(np.quantile(residuals[case], 0.1)),
            float(np.quantile(residuals[case], 0.9)),
        )
        for case in CASES
    }


# --- the report's tasks --------------------------------------------------------------------


def _by_distance(runner: Runner) -> dict[float, Result]:
    return {r.distance_m: r for r in runner.results}


def _marathon_from_one(runner: Runner) -> list[Result] | None:
    others = sorted((r for r in runner.results if r.distance_m != MARATHON_M), key=_dist)
    if MARATHON_M not in _by_distance(runner) or not others:
        return None
    return [others[-1]]  # the longest other race, as a runner would choose


def _marathon_from_two(runner: Runner) -> list[Result] | None:
    others = sorted((r for r in runner.results if r.distance_m != MARATHON_M), key=_dist)
    if MARATHON_M not in _by_distance(runner) or len(others) < 2:
        return None
    return others[-2:]


def _half_from_5k_10k(runner: Runner) -> list[Result] | None:
    short = [r for r in runner.results if r.distance_m in (5000.0, 10000.0)]
    if HALF_MARATHON_M not in _by_distance(runner) or not short:
        return None
    return short


def _dist(result: Result) -> float:
    return result.distance_m


TASKS = (
    Task("marathon from one race + mileage", MARATHON_M, _marathon_from_one),
    Task("marathon from two races + mileage", MARATHON_M, _marathon_from_two),
    Task("half from 5k/10k + mileage", HALF_MARATHON_M, _half_from_5k_10k),
)


def _nearest(results: Sequence[Result], target_m: float) -> Result:
    return min(results, key=lambda r: abs(math.log(target_m / r.distance_m)))


def _classic(
    fn: Callable[[float, float, float], float],
) -> Callable[[Sequence[Result], float, float], tuple[float, ...]]:
    def run(results: Sequence[Result], target_m: float, weekly_mi: float) -> tuple[float, ...]:
        anchor = _nearest(results, target_m)
        return (fn(anchor.distance_m, anchor.time_s, target_m), math.nan, math.nan)

    return run


@dataclass
class Scores:
    errors: list[float]
    covered: list[bool]

    def summary(self) -> dict[str, float | int | None]:
        e = np.array(self.errors) * 100.0
        return {
            "n": len(e),
            "mape_pct": round(float(np.mean(np.abs(e))), 2),
            "median_ape_pct": round(float(np.median(np.abs(e))), 2),
            "bias_pct": round(float(np.mean(e)), 2),
            "coverage_80_pct": round(100.0 * float(np.mean(self.covered)), 1)
            if self.covered
            else None,
        }


def cross_validate(
    runners: Sequence[Runner], folds: int = 10, seed: int = 0, inner_folds: int = INNER_FOLDS
) -> dict[str, object]:
    """Outer k-fold by runner; own model refitted per fold, classics on the same runners."""
    fold = folds_of(runners, folds, seed)
    scores: dict[str, dict[str, Scores]] = {
        t.name: {m: Scores([], []) for m in ("own", "riegel-1.06", "vdot")} for t in TASKS
    }
    pairs: dict[str, dict[str, Scores]] = {}
    for k in range(folds):
        train = [r for r, f in zip(runners, fold, strict=True) if f != k]
        coefficients = fit_model(train, inner_folds, seed + 1 + k)
        test = [r for r, f in zip(runners, fold, strict=True) if f == k]
        _score_fold(test, coefficients, scores, pairs)
    return {
        "folds": folds,
        "seed": seed,
        "runners": len(runners),
        "tasks": {t: {m: s.summary() for m, s in ms.items()} for t, ms in scores.items()},
        "pairs": {p: {m: s.summary() for m, s in ms.items()} for p, ms in sorted(pairs.items())},
    }


def _score_fold(
    test: Sequence[Runner],
    coefficients: dict[str, CoefficientSet],
    scores: dict[str, dict[str, Scores]],
    pairs: dict[str, dict[str, Scores]],
) -> None:
    def own(results: Sequence[Result], target_m: float, weekly_mi: float) -> tuple[float, ...]:
        return _own(results, target_m, weekly_mi, coefficients)

    models: dict[str, Callable[[Sequence[Result], float, float], tuple[float, ...]]] = {
        "own": own,
        "riegel-1.06": _classic(riegel_time),
        "vdot": _classic(vdot_time),
    }
    for runner in test:
        for task in TASKS:
            known = task.pick(runner)
            if known is None:
                continue
            actual = _by_distance(runner)[task.target_m].time_s
            for name, model in models.items():
                _record(
                    scores[task.name][name], model(known, task.target_m, runner.weekly_mi), actual
                )
        for known, target in training_examples(runner):
            if len(known) != 1:
                continue
            key = f"{known[0].distance_m / 1000:g}k -> {target.distance_m / 1000:g}k"
            bucket = pairs.setdefault(key, {m: Scores([], []) for m in models})
            for name, model in models.items():
                _record(
                    bucket[name], model(known, target.distance_m, runner.weekly_mi), target.time_s
                )


def _own(
    results: Sequence[Result], target_m: float, weekly_mi: float, coef: dict[str, CoefficientSet]
) -> tuple[float, ...]:
    p = predict(results, target_m, weekly_mi * METRES_PER_MILE, coef)
    return (p.time_s, p.low_s, p.high_s)


def _record(scores: Scores, predicted: tuple[float, ...], actual: float) -> None:
    time_s, low_s, high_s = predicted
    scores.errors.append(time_s / actual - 1.0)
    if not math.isnan(low_s):
        scores.covered.append(low_s <= actual <= high_s)


# --- command line ----------------------------------------------------------------------------


def format_report(report: dict[str, object]) -> str:
    lines = [
        f"{report['folds']}-fold cross-validation by runner (seed {report['seed']}), "
        f"{report['runners']} runners; errors are predicted/actual - 1 (negative = too fast)",
        "",
        f"{'task':36} {'model':12} {'n':>5} {'MAPE':>6} {'median':>7} {'bias':>6} {'cov80':>6}",
    ]
    for section in ("tasks", "pairs"):
        table = report[section]
        assert isinstance(table, dict)
        if section == "pairs":
            lines += ["", "one race -> target, every distance pair:"]
        for task, models in table.items():
            for model, s in models.items():
                cov = "" if s["coverage_80_pct"] is None else f"{s['coverage_80_pct']:.1f}"
                lines.append(
                    f"{task:36} {model:12} {s['n']:>5} {s['mape_pct']:>6.2f} "
                    f"{s['median_ape_pct']:>7.2f} {s['bias_pct']:>6.2f} {cov:>6}"
                )
    return "\n".join(lines)


def format_constants(coefficients: dict[str, CoefficientSet]) -> str:
    lines = ["OWN_MODEL_COEFFICIENTS: dict[str, CoefficientSet] = {"]
    for case, c in coefficients.items():
        chunks = [c.weights[i : i + 5] for i in range(0, len(c.weights), 5)]
        weights = ",\n         ".join(", ".join(f"{w:.6f}" for w in chunk) for chunk in chunks)
        lines.append(
            f'    "{case}": CoefficientSet(\n        ({weights}),\n'
            f"        {c.residual_low:.6f},\n        {c.residual_high:.6f},\n    ),"
        )
    return "\n".join([*lines, "}"])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(os.environ.get("RUNCOACH_RACE_DATA", DEFAULT_DATA))
    )
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fit", action="store_true", help="print the fitted constants")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runners = load_runners(args.data)
    if args.fit:
        print(format_constants(fit_model(runners, args.folds, args.seed)))
        return
    report = cross_validate(runners, args.folds, args.seed)
    print(json.dumps(report, indent=2) if args.json else format_report(report))


if __name__ == "__main__":
    main()
