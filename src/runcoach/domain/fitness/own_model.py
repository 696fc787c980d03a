"""runcoach's own race-prediction model: every result the runner has, plus weekly volume.

The prediction starts from the anchor result (the one nearest the target distance, preferring
recent ones) and scales its time by (target / anchor distance)^e. Unlike Riegel's fixed
e = 1.06, the exponent depends on

- weekly volume: high-mileage runners slow down less over longer distances;
- the distance ratio and the target distance (the pace drop steepens toward the marathon);
- the runner's own endurance, when two results at different distances give a personal
  exponent; least squares decide how far to trust it over the population value.

The coefficients were fitted offline, by least absolute deviations on log time, on the
Vickers & Vertosick (2016) data (1,443 recreational runners; see docs/models.md and
``python -m runcoach.services.model_accuracy --fit``). Nothing is fitted at run time.
The 80 % interval comes from the cross-validated residuals, scaled with the distance ratio.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.models import RIEGEL_EXPONENT, vdot_time
from runcoach.domain.fitness.vdot import vdot_from_performance
from runcoach.domain.units import METRES_PER_MILE

OWN_MODEL_NAME = "runcoach-2026"
OWN_MODEL_SOURCE = "runcoach's own fit on Vickers & Vertosick (2016), 1,443 runners"

# The fitted range: the data hold 5 km to marathon results (Vickers & Vertosick 2016).
FIT_MIN_M = 4_900.0  # m, shortest anchor or target the fit covers
FIT_MAX_M = 43_000.0  # m, longest anchor or target the fit covers
MIDDLE_TARGET_M = 12_000.0  # m; targets from here (10 mi, half) use the "middle" weights
LONG_TARGET_M = 30_000.0  # m; targets from here (marathon) use the "long" weights
MILEAGE_OFFSET_MI = 5.0  # miles/week added before the log, so 0 mi/week stays finite
MILEAGE_REFERENCE_MI = 35.0  # miles/week, centre of the volume term (data median ~30 + offset)
DEFAULT_WEEKLY_MI = 30.0  # miles/week assumed when volume is unknown (data median 30)
MIN_SPAN = 0.2  # log distance ratio below which two results give no personal exponent
RESIDUAL_SCALE_FLOOR = 1.5  # log ratio added to |log ratio|: same-distance results still vary
TARGET_REFERENCE_M = 10_000.0  # m, centre of the target-distance term
RECENCY_HALF_LIFE_DAYS = 90.0  # days; a result's weight halves every 90 days (assumption)
SPEED_REFERENCE_VDOT = 45.0  # ml/kg/min, centre of the pace-level term (data median ~45)
NEAR_RATIO = 0.8  # log distance ratio under which the exponent shrinks toward Riegel's (CV)
INTERVAL_SHARE = 0.8  # the prediction interval's nominal coverage


@dataclass(frozen=True)
class CoefficientSet:
    """Fitted weights of one case and its interval, from cross-validated residuals."""

    weights: tuple[float, ...]
    residual_low: float  # 10th percentile of log(actual/predicted) / scale
    residual_high: float  # 90th percentile of log(actual/predicted) / scale


# --- fitted constants: python -m runcoach.services.model_accuracy --fit (10 folds, seed 0) ---
# fmt: off
OWN_MODEL_COEFFICIENTS: dict[str, CoefficientSet] = {
    "long-one": CoefficientSet(
        (0.374236, -0.090475, -0.023264, 0.538793, -0.013992,
         0.018771, 0.000000, 0.000000, 0.046547),
        -0.022865,
        0.033717,
    ),
    "long-two": CoefficientSet(
        (0.443124, -0.093244, -0.031028, 0.637973, -0.026352,
         0.025573, 0.000000, 0.000000, 0.039544, -0.195320,
         0.015590),
        -0.024123,
        0.033893,
    ),
    "middle-one": CoefficientSet(
        (1.055737, -0.024055, 0.007317, 0.019133, -0.012427,
         -0.015898, 0.066305, -0.042729, 0.058804),
        -0.030509,
        0.029800,
    ),
    "middle-two": CoefficientSet(
        (0.975619, -0.015494, 0.036879, 0.041245, 0.019701,
         0.010863, 0.030303, -0.056062, -0.011427, 0.021770,
         0.026581),
        -0.034339,
        0.029321,
    ),
    "short-one": CoefficientSet(
        (1.085741, 0.002141, 0.014894, 0.005742, -0.000440,
         -0.008452, -0.018298, -0.000925, -0.046215),
        -0.033995,
        0.031719,
    ),
    "short-two": CoefficientSet(
        (1.167307, 0.003562, 0.001302, -0.012680, 0.006578,
         -0.022741, -0.001581, 0.005156, -0.048625, -0.088781,
         0.005969),
        -0.031224,
        0.028161,
    ),
}
# fmt: on


@dataclass(frozen=True)
class Result:
    """One performance the prediction may use; ``days_ago`` weighs recent ones more."""

    distance_m: float
    time_s: float
    days_ago: float = 0.0


@dataclass(frozen=True)
class Prediction:
    """A predicted all-out time with its interval, and what it was made from."""

    target_m: float
    time_s: float
    low_s: float
    high_s: float
    model: str
    used: tuple[Result, ...]
    weekly_distance_m: float | None


@dataclass(frozen=True)
class Design:
    """What the linear model sees for one prediction: case, anchor, features, scale."""

    case: str
    anchor: Result
    features: tuple[float, ...]
    scale: float
    used: tuple[Result, ...]


def recency_weight(days_ago: float) -> float:
    """Weight of a result ``days_ago`` days old: 1 today, 1/2 after one half-life."""
    return float(0.5 ** (max(days_ago, 0.0) / RECENCY_HALF_LIFE_DAYS))


def mileage_term(weekly_mi: float) -> float:
    return math.log((weekly_mi + MILEAGE_OFFSET_MI) / (MILEAGE_REFERENCE_MI + MILEAGE_OFFSET_MI))


def speed_term(result: Result) -> float:
    """The anchor's pace level: log of its VDOT relative to a reference recreational runner."""
    return math.log(vdot_from_performance(result.distance_m, result.time_s) / SPEED_REFERENCE_VDOT)


def choose_anchor(results: Sequence[Result], target_m: float) -> Result:
    """The result nearest the target distance, recent results preferred."""
    return max(
        results,
        key=lambda r: recency_weight(r.days_ago) / (abs(math.log(target_m / r.distance_m)) + 0.05),
    )


def personal_exponent(results: Sequence[Result]) -> tuple[float, float] | None:
    """(exponent, span) from a recency-weighted fit of log time on log distance, or None."""
    if len(results) < 2:
        return None
    weights = [recency_weight(r.days_ago) for r in results]
    xs = [math.log(r.distance_m) for r in results]
    ys = [math.log(r.time_s) for r in results]
    total = sum(weights)
    mean_x = sum(w * x for w, x in zip(weights, xs, strict=True)) / total
    mean_y = sum(w * y for w, y in zip(weights, ys, strict=True)) / total
    sxx = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, xs, strict=True)) / total
    sxy = (
        sum(w * (x - mean_x) * (y - mean_y) for w, x, y in zip(weights, xs, ys, strict=True))
        / total
    )
    span = 2.0 * math.sqrt(sxx)  # equals log(d2/d1) for two equally weighted results
    if span < MIN_SPAN:
        return None
    return sxy / sxx, span


def design(results: Sequence[Result], target_m: float, weekly_mi: float) -> Design:
    """The features of one prediction (shared by the offline fit and run-time prediction)."""
    anchor = choose_anchor(results, target_m)
    ratio = math.log(target_m / anchor.distance_m)
    m = mileage_term(weekly_mi)
    features = [
        ratio,
        ratio * m,
        ratio * abs(ratio),
        ratio * math.log(target_m / TARGET_REFERENCE_M),
        ratio * m * m,
        ratio * m * abs(ratio),
        min(ratio, 0.0),
        min(ratio, 0.0) * m,
        ratio * speed_term(anchor),
    ]
    personal = personal_exponent(results)
    size = target_band(target_m)
    if personal is not None:
        exponent, span = personal
        features += [ratio * exponent, ratio * exponent * span]
    case = f"{size}-{'two' if personal is not None else 'one'}"
    scale = abs(ratio) + RESIDUAL_SCALE_FLOOR
    return Design(case, anchor, tuple(features), scale, tuple(results))


def target_band(target_m: float) -> str:
    """Which set of weights a target distance uses: short, middle or long."""
    if target_m >= LONG_TARGET_M:
        return "long"
    return "middle" if target_m >= MIDDLE_TARGET_M else "short"


def predict(
    results: Sequence[Result],
    target_m: float,
    weekly_distance_m: float | None = None,
    coefficients: dict[str, CoefficientSet] | None = None,
) -> Prediction:
    """Predict the all-out time over ``target_m`` from the runner's results and volume."""
    _check_results(results)
    usable = [r for r in results if FIT_MIN_M <= r.distance_m <= FIT_MAX_M]
    if not usable or not FIT_MIN_M <= target_m <= FIT_MAX_M:
        return _predict_outside_fit(results, target_m, weekly_distance_m)
    weekly_mi = (
        DEFAULT_WEEKLY_MI if weekly_distance_m is None else weekly_distance_m / METRES_PER_MILE
    )
    d = design(usable, target_m, weekly_mi)
    coef = (coefficients or OWN_MODEL_COEFFICIENTS)[d.case]
    log_gain = sum(w * f for w, f in zip(coef.weights, d.features, strict=True))
    time_s = d.anchor.time_s * math.exp(_near_shrink(log_gain, d.features[0]))
    return Prediction(
        target_m=target_m,
        time_s=time_s,
        low_s=time_s * math.exp(coef.residual_low * d.scale),
        high_s=time_s * math.exp(coef.residual_high * d.scale),
        model=OWN_MODEL_NAME,
        used=d.used,
        weekly_distance_m=weekly_distance_m,
    )


def _near_shrink(log_gain: float, ratio: float) -> float:
    """Between nearby distances, shrink the fitted exponent toward Riegel's 1.06.

    The fit's exponent is poorly determined when the distances are close (the log ratio is
    small), and the cross-validation shows Riegel is as good there.
    """
    weight = min(abs(ratio) / NEAR_RATIO, 1.0)
    return weight * log_gain + (1.0 - weight) * RIEGEL_EXPONENT * ratio


def _predict_outside_fit(
    results: Sequence[Result], target_m: float, weekly_distance_m: float | None
) -> Prediction:
    """Outside 5 km-marathon the data say nothing: use VDOT from the nearest recent result."""
    anchor = choose_anchor(results, target_m)
    time_s = vdot_time(anchor.distance_m, anchor.time_s, target_m)
    coef = OWN_MODEL_COEFFICIENTS[f"{target_band(target_m)}-one"]
    scale = abs(math.log(target_m / anchor.distance_m)) + RESIDUAL_SCALE_FLOOR
    return Prediction(
        target_m=target_m,
        time_s=time_s,
        low_s=time_s * math.exp(coef.residual_low * scale),
        high_s=time_s * math.exp(coef.residual_high * scale),
        model="vdot",
        used=(anchor,),
        weekly_distance_m=weekly_distance_m,
    )


def _check_results(results: Sequence[Result]) -> None:
    if not results:
        raise InvalidInput(
            "a prediction needs at least one result", hint="for example --result 10k=41:30"
        )
