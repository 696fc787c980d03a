"""Fit runcoach's own race model and measure it against Riegel and VDOT by cross-validation.

    python -m runcoach.calibration.model_accuracy [--data DIR] [--folds 10] [--seed 0] [--json]
    python -m runcoach.calibration.model_accuracy --fit     # print the constants for own_model.py

The data are Vickers & Vertosick (2016), groups 1 and 2 (1,443 runners), read from
``--data``, ``$RUNCOACH_RACE_DATA`` or ``../shared/data/races`` beside the repository. Times
are the authors' course-adjusted times (``*_ti_adj``), as in their paper. Folds are by
runner and nested: each outer fold's model, with every choice the fit makes (feature variant,
shrinkage toward Riegel per pair, how results are combined, interval quantiles), comes from
``model_fit.fit_model`` on its training runners only, so no test runner reaches the fit and
the 80 % interval's coverage is measured honestly.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from runcoach.calibration.model_fit import (
    Runner,
    build_examples,
    fit_model,
    fold_of,
    load_runners,
)
from runcoach.domain.fitness.models import riegel_time, vdot_time
from runcoach.domain.fitness.own_model import OwnModel, Result, predict
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

# ../shared/data/races next to the repository (a checkout's sibling), as the issue names it
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "races"
INNER_FOLDS = 5


@dataclass(frozen=True)
class Task:
    """A prediction task of the report: which results predict which target."""

    name: str
    target_m: float
    pick: Callable[[Runner], list[Result] | None]


def single_result_pairs(runner: Runner) -> Iterable[tuple[Result, Result]]:
    """Every (one known result, another result to predict) the runner's races offer."""
    yield from itertools.permutations(runner.results, 2)


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
    """Outer k-fold by runner; own model refitted per fold, classics on the same runners.

    Each outer fold's model, with every choice it makes, comes from ``fit_model`` on the
    training runners alone (its own inner cross-validation): nested cross-validation.
    """
    fold = fold_of(len(runners), folds, seed)
    examples = build_examples(runners)
    scores: dict[str, dict[str, Scores]] = {
        t.name: {m: Scores([], []) for m in ("own", "riegel-1.06", "vdot")} for t in TASKS
    }
    pairs: dict[str, dict[str, Scores]] = {}
    for k in range(folds):
        model = fit_model(examples, fold != k, inner_folds, seed + 1 + k)
        test = [r for r, f in zip(runners, fold, strict=True) if f == k]
        _score_fold(test, model, scores, pairs)
    return {
        "folds": folds,
        "seed": seed,
        "runners": len(runners),
        "tasks": {t: {m: s.summary() for m, s in ms.items()} for t, ms in scores.items()},
        "pairs": {p: {m: s.summary() for m, s in ms.items()} for p, ms in sorted(pairs.items())},
    }


def _score_fold(
    test: Sequence[Runner],
    model: OwnModel,
    scores: dict[str, dict[str, Scores]],
    pairs: dict[str, dict[str, Scores]],
) -> None:
    def own(results: Sequence[Result], target_m: float, weekly_mi: float) -> tuple[float, ...]:
        p = predict(results, target_m, weekly_mi * METRES_PER_MILE, model)
        return (p.time_s, p.low_s, p.high_s)

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
            for name, fn in models.items():
                _record(scores[task.name][name], fn(known, task.target_m, runner.weekly_mi), actual)
        for result, target in single_result_pairs(runner):
            key = f"{result.distance_m / 1000:g}k -> {target.distance_m / 1000:g}k"
            bucket = pairs.setdefault(key, {m: Scores([], []) for m in models})
            for name, fn in models.items():
                _record(
                    bucket[name], fn([result], target.distance_m, runner.weekly_mi), target.time_s
                )


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


def format_constants(model: OwnModel) -> str:
    """The ``OWN_MODEL`` constant for own_model.py, as Python source."""
    lines = ["OWN_MODEL = OwnModel(", "    bands={"]
    for band, c in model.bands.items():
        chunks = [c.weights[i : i + 4] for i in range(0, len(c.weights), 4)]
        weights = ",\n             ".join(
            ", ".join(f"{round(w, 6) + 0.0:.6f}" for w in chunk) for chunk in chunks
        )
        lines.append(
            f'        "{band}": BandCoefficients(\n            ({weights}),\n'
            f"            closeness={c.closeness:g}, several_offset={c.several_offset + 0.0:.6f},\n"
            f"            one_low={c.one_low:.6f}, one_high={c.one_high:.6f},\n"
            f"            several_low={c.several_low:.6f}, several_high={c.several_high:.6f},\n"
            "        ),"
        )
    lines.append("    },")
    lines.append("    shrink={")
    for (result, target), share in sorted(model.shrink.items()):
        lines.append(f'        ("{result}", "{target}"): {share:.1f},')
    lines += ["    },", ")"]
    return "\n".join(lines)


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
        everyone = np.ones(len(runners), dtype=bool)
        model = fit_model(build_examples(runners), everyone, args.folds, args.seed)
        print(format_constants(model))
        return
    report = cross_validate(runners, args.folds, args.seed)
    print(json.dumps(report, indent=2) if args.json else format_report(report))


if __name__ == "__main__":
    main()
