"""runcoach's own race-prediction model: every result the runner has, plus weekly volume.

Each result predicts the target on its own: its time is scaled by (target / its distance)^e
where, unlike Riegel's fixed e = 1.06, the exponent depends on

- weekly volume: high-mileage runners slow down less over longer distances;
- the distance ratio and the target distance (the pace drop steepens toward the marathon);
- the runner's pace level: faster runners slow down less at the same volume.

Between distances where the cross-validation says the fit adds little, each pair of distances
shrinks the fitted exponent toward Riegel's by a strength chosen by that cross-validation.
Several results are combined by a weighted mean of their log predictions, weighing recent
results and results near the target distance more.

The coefficients were fitted offline, by least absolute deviations on log time, on the
Vickers & Vertosick (2016) data (1,443 recreational runners; see docs/models.md and
``python -m runcoach.calibration.model_accuracy --fit``). Nothing is fitted at run time.
The 80 % interval comes from the cross-validated residuals, scaled with the distance ratio.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.models import RIEGEL_EXPONENT, vdot_time
from runcoach.domain.fitness.vdot import vdot_from_performance
from runcoach.domain.hints import Do, Hint
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

OWN_MODEL_NAME = "runcoach-2026"
OWN_MODEL_SOURCE = "runcoach's own fit on Vickers & Vertosick (2016), 1,443 runners"

# The fitted range: the data hold 5 km to marathon results (Vickers & Vertosick 2016).
FIT_MIN_M = 4_900.0  # m, shortest result or target the fit covers
FIT_MAX_M = 43_000.0  # m, longest result or target the fit covers
MIDDLE_TARGET_M = 12_000.0  # m; targets from here (10 mi, half) use the "middle" weights
LONG_TARGET_M = 30_000.0  # m; targets from here (marathon) use the "long" weights
MILEAGE_OFFSET_MI = 5.0  # miles/week added before the log, so 0 mi/week stays finite
MILEAGE_REFERENCE_MI = 35.0  # miles/week, centre of the volume term (data median ~30 + offset)
DEFAULT_WEEKLY_MI = 30.0  # miles/week assumed when volume is unknown (data median 30)
RESIDUAL_SCALE_FLOOR = 1.5  # log ratio added to |log ratio|: same-distance results still vary
TARGET_REFERENCE_M = 10_000.0  # m, centre of the target-distance term
RECENCY_HALF_LIFE_DAYS = 90.0  # days; a result's weight halves every 90 days (assumption)
SPEED_REFERENCE_VDOT = 45.0  # ml/kg/min, centre of the pace-level term (data median ~45)
INTERVAL_SHARE = 0.8  # the prediction interval's nominal coverage
STRAIGHT_FEATURES = 9  # the first 9 features; the "curved" variant adds 3 more (12)

# The race distances of the data; any distance maps to the nearest (in log) for the shrinkage.
STANDARD_DISTANCES_M: dict[str, float] = {
    "5k": 5_000.0,
    "5mi": 5 * METRES_PER_MILE,
    "10k": 10_000.0,
    "10mi": 10 * METRES_PER_MILE,
    "half": HALF_MARATHON_M,
    "marathon": MARATHON_M,
}


@dataclass(frozen=True)
class BandCoefficients:
    """Fitted weights of one target band, how results are combined, and the interval.

    ``weights`` has 9 (straight) or 12 (curved) entries: the variant the cross-validation
    chose. ``closeness`` is how fast a result's say falls with its log distance ratio to the
    target when several results are combined. The residual quantiles (10th and 90th
    percentiles of the cross-validated log(actual/predicted) / scale) give the 80 % interval,
    one pair for predictions from one result and one for predictions from several.
    """

    weights: tuple[float, ...]
    closeness: float
    several_offset: float
    one_low: float
    one_high: float
    several_low: float
    several_high: float


@dataclass(frozen=True)
class OwnModel:
    """All fitted constants: weights per target band and shrinkage toward Riegel per pair."""

    bands: dict[str, BandCoefficients]
    shrink: dict[tuple[str, str], float]  # (result, target) -> share of the fit (0 = Riegel)


# --- fitted constants: python -m runcoach.calibration.model_accuracy --fit (10 folds, seed 0) ---
# fmt: off
OWN_MODEL = OwnModel(
    bands={
        "long": BandCoefficients(
            (0.374392, -0.095596, -0.022935, 0.539019,
             -0.023134, 0.014555, 0.000000, 0.000000,
             0.036542, -0.161377, 0.070820, 0.021922),
            closeness=1, several_offset=0.010637,
            one_low=-0.021170, one_high=0.034399,
            several_low=-0.022526, several_high=0.029951,
        ),
        "middle": BandCoefficients(
            (1.051610, -0.028047, 0.009598, 0.019902,
             0.015220, -0.007869, 0.063935, -0.039704,
             0.028887, 0.019012, -0.122533, 0.018613),
            closeness=0.5, several_offset=0.001344,
            one_low=-0.028995, one_high=0.030471,
            several_low=-0.022915, several_high=0.024182,
        ),
        "short": BandCoefficients(
            (1.088277, 0.006073, 0.014289, 0.006597,
             0.011890, -0.012301, -0.019626, 0.001269,
             -0.055525, -0.012376, -0.069262, 0.013600),
            closeness=1.5, several_offset=-0.002251,
            one_low=-0.035829, one_high=0.030931,
            several_low=-0.027404, several_high=0.022391,
        ),
    },
    shrink={
        ("10k", "10mi"): 0.0,
        ("10k", "5k"): 1.0,
        ("10k", "5mi"): 0.0,
        ("10k", "half"): 1.0,
        ("10k", "marathon"): 0.8,
        ("10mi", "10k"): 0.0,
        ("10mi", "5k"): 1.0,
        ("10mi", "5mi"): 0.0,
        ("10mi", "half"): 0.0,
        ("10mi", "marathon"): 0.7,
        ("5k", "10k"): 0.6,
        ("5k", "10mi"): 0.9,
        ("5k", "5mi"): 1.0,
        ("5k", "half"): 0.9,
        ("5k", "marathon"): 1.0,
        ("5mi", "10k"): 0.0,
        ("5mi", "10mi"): 0.0,
        ("5mi", "5k"): 1.0,
        ("5mi", "half"): 0.0,
        ("5mi", "marathon"): 0.8,
        ("half", "10k"): 0.9,
        ("half", "10mi"): 0.0,
        ("half", "5k"): 0.9,
        ("half", "5mi"): 0.0,
        ("half", "marathon"): 1.0,
        ("marathon", "10k"): 1.0,
        ("marathon", "10mi"): 0.8,
        ("marathon", "5k"): 1.0,
        ("marathon", "5mi"): 1.0,
        ("marathon", "half"): 1.0,
    },
)
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
    results_age_days: int | None = None  # results older than a year: the interval is wider


def recency_weight(days_ago: float) -> float:
    """Weight of a result ``days_ago`` days old: 1 today, 1/2 after one half-life."""
    return float(0.5 ** (max(days_ago, 0.0) / RECENCY_HALF_LIFE_DAYS))


def mileage_term(weekly_mi: float) -> float:
    return math.log((weekly_mi + MILEAGE_OFFSET_MI) / (MILEAGE_REFERENCE_MI + MILEAGE_OFFSET_MI))


def speed_term(result: Result) -> float:
    """The result's pace level: log of its VDOT relative to a reference recreational runner."""
    return math.log(vdot_from_performance(result.distance_m, result.time_s) / SPEED_REFERENCE_VDOT)


def features(result: Result, target_m: float, weekly_mi: float) -> tuple[float, ...]:
    """What the linear model sees when one result predicts ``target_m`` (fit and run time).

    All terms are multiples of L = log(target / result distance), so L = 0 predicts the same
    time: L, L·m, L·|L|, L·log(D/10 km), L·m², L·m·|L|, min(L,0), min(L,0)·m, L·v, then the
    curved variant's L·v², L·v·m, L·max(m,0); m is the volume term, v the pace level.
    """
    ratio = math.log(target_m / result.distance_m)
    m = mileage_term(weekly_mi)
    v = speed_term(result)
    down = min(ratio, 0.0)
    return (
        ratio,
        ratio * m,
        ratio * abs(ratio),
        ratio * math.log(target_m / TARGET_REFERENCE_M),
        ratio * m * m,
        ratio * m * abs(ratio),
        down,
        down * m,
        ratio * v,
        ratio * v * v,
        ratio * v * m,
        ratio * max(m, 0.0),
    )


def standard_distance(distance_m: float) -> str:
    """The data's race distance nearest (in log) to ``distance_m``."""
    return min(
        STANDARD_DISTANCES_M,
        key=lambda name: abs(math.log(distance_m / STANDARD_DISTANCES_M[name])),
    )


def pair_key(result_m: float, target_m: float) -> tuple[str, str]:
    return standard_distance(result_m), standard_distance(target_m)


def target_band(target_m: float) -> str:
    """Which set of weights a target distance uses: short, middle or long."""
    if target_m >= LONG_TARGET_M:
        return "long"
    return "middle" if target_m >= MIDDLE_TARGET_M else "short"


def fitted_log_gain(weights: Sequence[float], x: Sequence[float]) -> float:
    """The fit's log(target time / result time), before any shrinkage toward Riegel."""
    return sum(w * f for w, f in zip(weights, x, strict=False))


def shrunk_log_gain(log_gain: float, ratio: float, share: float) -> float:
    """``share`` of the fitted log gain, the rest Riegel's 1.06 exponent."""
    return share * log_gain + (1.0 - share) * RIEGEL_EXPONENT * ratio


def combine(
    log_times: Sequence[float], ratios: Sequence[float], recency: Sequence[float], closeness: float
) -> tuple[float, float]:
    """(log time, interval scale) from several one-result predictions.

    Each prediction's say is its recency weight times exp(-closeness · |L|): results near the
    target distance say more. The interval scale is the same weighted mean of |L|, plus the
    floor.
    """
    says = [r * math.exp(-closeness * abs(lr)) for r, lr in zip(recency, ratios, strict=True)]
    total = sum(says)
    log_time = sum(s * t for s, t in zip(says, log_times, strict=True)) / total
    spread = sum(s * abs(lr) for s, lr in zip(says, ratios, strict=True)) / total
    return log_time, spread + RESIDUAL_SCALE_FLOOR


def predict(
    results: Sequence[Result],
    target_m: float,
    weekly_distance_m: float | None = None,
    model: OwnModel | None = None,
) -> Prediction:
    """Predict the all-out time over ``target_m`` from the runner's results and volume."""
    _check_results(results)
    usable = [r for r in results if FIT_MIN_M <= r.distance_m <= FIT_MAX_M]
    if not usable or not FIT_MIN_M <= target_m <= FIT_MAX_M:
        return _predict_outside_fit(results, target_m, weekly_distance_m)
    model = model or OWN_MODEL
    weekly_mi = (
        DEFAULT_WEEKLY_MI if weekly_distance_m is None else weekly_distance_m / METRES_PER_MILE
    )
    band = model.bands[target_band(target_m)]
    log_times, ratios = [], []
    for r in usable:
        ratio = math.log(target_m / r.distance_m)
        gain = fitted_log_gain(band.weights, features(r, target_m, weekly_mi))
        share = model.shrink.get(pair_key(r.distance_m, target_m), 0.0)
        log_times.append(math.log(r.time_s) + shrunk_log_gain(gain, ratio, share))
        ratios.append(ratio)
    recency = [recency_weight(r.days_ago) for r in usable]
    log_time, scale = combine(log_times, ratios, recency, band.closeness)
    if len(usable) > 1:
        log_time += band.several_offset
    low, high = (
        (band.one_low, band.one_high) if len(usable) == 1 else (band.several_low, band.several_high)
    )
    time_s = math.exp(log_time)
    return Prediction(
        target_m=target_m,
        time_s=time_s,
        low_s=time_s * math.exp(low * scale),
        high_s=time_s * math.exp(high * scale),
        model=OWN_MODEL_NAME,
        used=tuple(usable),
        weekly_distance_m=weekly_distance_m,
    )


def choose_anchor(results: Sequence[Result], target_m: float) -> Result:
    """The result nearest the target distance, recent results preferred."""
    return max(
        results,
        key=lambda r: recency_weight(r.days_ago) / (abs(math.log(target_m / r.distance_m)) + 0.05),
    )


def _predict_outside_fit(
    results: Sequence[Result], target_m: float, weekly_distance_m: float | None
) -> Prediction:
    """Outside 5 km-marathon the data say nothing: use VDOT from the nearest recent result."""
    anchor = choose_anchor(results, target_m)
    time_s = vdot_time(anchor.distance_m, anchor.time_s, target_m)
    band = OWN_MODEL.bands[target_band(target_m)]
    scale = abs(math.log(target_m / anchor.distance_m)) + RESIDUAL_SCALE_FLOOR
    return Prediction(
        target_m=target_m,
        time_s=time_s,
        low_s=time_s * math.exp(band.one_low * scale),
        high_s=time_s * math.exp(band.one_high * scale),
        model="vdot",
        used=(anchor,),
        weekly_distance_m=weekly_distance_m,
    )


def _check_results(results: Sequence[Result]) -> None:
    if not results:
        raise InvalidInput(
            "a prediction needs at least one result",
            hint=Hint(Do.GIVE_RESULT, "for example 10k in 41:30"),
        )
