"""Daniels-Gilbert VDOT: a runner's fitness as one number, from one race performance.

Daniels J., Gilbert J. (1979), *Oxygen Power: Performance Tables for Distance Runners*;
the same equations underlie the VDOT tables of Daniels' *Running Formula* (3rd ed. 2014).

- The oxygen cost of running at velocity v (m/min) is
  ``VO2 = -4.60 + 0.182258 v + 0.000104 v^2`` (ml/kg/min).
- The share of VO2max a runner can sustain for t minutes is
  ``0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)``.
- VDOT is the oxygen cost of race pace divided by that share.

A race time for another distance is the time t at which the two agree again; it is found by
bisection (the race time grows monotonically with distance, so the root is unique), the
halvings far from a Newton estimate of the root decided without evaluating the equations.
"""

from __future__ import annotations

import math

from runcoach.domain.errors import InvalidInput

# Oxygen cost of running VO2 = a + b v + c v^2 (v in m/min), Daniels & Gilbert 1979
COST_INTERCEPT = -4.60  # ml/kg/min; valid for v about 150-400 m/min
COST_LINEAR = 0.182258  # ml/kg/min per (m/min)
COST_QUADRATIC = 0.000104  # ml/kg/min per (m/min)^2

# Sustainable share of VO2max over t minutes (Daniels & Gilbert 1979); valid t about 3.5-300 min
DROP_BASE = 0.8  # fraction of VO2max, the asymptote for long efforts
DROP_FAST_AMPLITUDE = 0.2989558  # fraction, the fast-decaying term
DROP_FAST_RATE = 0.1932605  # 1/min
DROP_SLOW_AMPLITUDE = 0.1894393  # fraction, the slow-decaying term
DROP_SLOW_RATE = 0.012778  # 1/min

# Range of VDOT runcoach accepts: Daniels' tables run 30-85; below ~20 is walking pace.
VDOT_MIN = 10.0  # ml/kg/min
VDOT_MAX = 95.0  # ml/kg/min, above any recorded human VO2max-equivalent

# Distances the equations are meant for (Daniels' tables: 1500 m to the marathon; we allow a
# margin either side and say so in docs/models.md).
DISTANCE_MIN_M = 800.0
DISTANCE_MAX_M = 100_000.0


def oxygen_cost(velocity_m_per_min: float) -> float:
    """VO2 (ml/kg/min) needed to run at ``velocity_m_per_min``."""
    v = velocity_m_per_min
    return COST_INTERCEPT + COST_LINEAR * v + COST_QUADRATIC * v * v


def sustainable_fraction(duration_min: float) -> float:
    """Share of VO2max a runner sustains for an all-out effort of ``duration_min`` minutes."""
    return (
        DROP_BASE
        + DROP_SLOW_AMPLITUDE * math.exp(-DROP_SLOW_RATE * duration_min)
        + DROP_FAST_AMPLITUDE * math.exp(-DROP_FAST_RATE * duration_min)
    )


def velocity_for_oxygen(vo2: float) -> float:
    """The velocity (m/min) whose oxygen cost is ``vo2``: the positive root of the cost curve."""
    c, b, a = COST_QUADRATIC, COST_LINEAR, COST_INTERCEPT - vo2
    return (-b + math.sqrt(b * b - 4 * c * a)) / (2 * c)


def vdot_from_performance(distance_m: float, time_s: float) -> float:
    """VDOT of an all-out performance: ``distance_m`` run in ``time_s`` seconds."""
    _check_distance(distance_m)
    if not math.isfinite(time_s) or time_s <= 0:
        raise InvalidInput(f"a race time must be positive, not {time_s} s", hint="e.g. 41:30")
    minutes = time_s / 60.0
    velocity = distance_m / minutes
    vdot = oxygen_cost(velocity) / sustainable_fraction(minutes)
    if not VDOT_MIN <= vdot <= VDOT_MAX:
        raise InvalidInput(
            f"running that distance in that time gives a VDOT of {vdot:.1f}, outside the "
            f"humanly possible range {VDOT_MIN:.0f}-{VDOT_MAX:.0f}",
            hint="check the distance and the time, e.g. 10k=41:30",
        )
    return vdot


def race_time_s(vdot: float, distance_m: float) -> float:
    """Predicted all-out time in seconds over ``distance_m`` for a runner of this VDOT.

    The answer of a bisection over 0.5-2000 minutes (``BISECTION_STEPS`` halvings), to the
    last bit; a Newton estimate of the root (``_newton_minutes``) decides the halvings far
    from it without evaluating the equations, so only the last twenty or so are computed.
    """
    _check_vdot(vdot)
    _check_distance(distance_m)
    guess = _newton_minutes(vdot, distance_m)
    below, above = _sure_bracket(vdot, distance_m, guess)
    low_min, high_min = BISECTION_LOW_MIN, BISECTION_HIGH_MIN
    for _ in range(BISECTION_STEPS):
        mid = (low_min + high_min) / 2
        if mid in (low_min, high_min):
            break  # adjacent floats: no later halving changes either end
        if mid < below:
            low_min = mid  # below the root for sure: too fast for this fitness
        elif mid > above:
            high_min = mid
        elif _vdot_at(distance_m, mid) > vdot:
            low_min = mid  # too fast for this fitness: the time must be longer
        else:
            high_min = mid
    return (low_min + high_min) / 2 * 60.0


BISECTION_LOW_MIN, BISECTION_HIGH_MIN = 0.5, 2000.0  # minutes: every race from 800 m to 100 km
BISECTION_STEPS = 80  # halvings of 2000 min: far below a float's resolution
ESTIMATE_MARGIN = 1e-11  # relative: the Newton estimate is within 1e-13, float noise 1e-15
NEWTON_STEPS = 8  # at most: each about doubles the correct digits from a guess within 30 %
NEWTON_DERIVATIVE_STEP = 1e-7  # relative: the slope's finite difference
NEWTON_DONE = 1e-14  # relative: a smaller step than this ends Newton's method


def _sure_bracket(vdot: float, distance_m: float, guess: float | None) -> tuple[float, float]:
    """Minutes below and above which the bisection's answer is known without evaluating:
    the estimate's margin either side, once checked (else none: every halving evaluated)."""
    if guess is not None:
        below, above = guess * (1 - ESTIMATE_MARGIN), guess * (1 + ESTIMATE_MARGIN)
        if _vdot_at(distance_m, below) > vdot >= _vdot_at(distance_m, above):
            return below, above
    return -math.inf, math.inf


def _newton_minutes(vdot: float, distance_m: float) -> float | None:
    """The race time in minutes where ``_vdot_at`` equals ``vdot``, by Newton's method from
    the time at the velocity whose oxygen cost is 80 % of ``vdot`` (None if it fails)."""
    minutes = distance_m / velocity_for_oxygen(vdot * DROP_BASE)
    for _ in range(NEWTON_STEPS):
        here = _vdot_at(distance_m, minutes)
        step = minutes * NEWTON_DERIVATIVE_STEP
        slope = (_vdot_at(distance_m, minutes + step) - here) / step
        if slope >= 0 or not math.isfinite(slope):
            return None
        change = (here - vdot) / slope
        minutes = max(minutes - change, BISECTION_LOW_MIN)
        if abs(change) < minutes * NEWTON_DONE:
            break
    return minutes if math.isfinite(minutes) else None


def _vdot_at(distance_m: float, minutes: float) -> float:
    return oxygen_cost(distance_m / minutes) / sustainable_fraction(minutes)


def _check_vdot(vdot: float) -> None:
    if not math.isfinite(vdot) or not VDOT_MIN <= vdot <= VDOT_MAX:
        raise InvalidInput(
            f"a VDOT of {vdot} is outside {VDOT_MIN:.0f}-{VDOT_MAX:.0f}", hint="e.g. 50"
        )


def _check_distance(distance_m: float) -> None:
    if not math.isfinite(distance_m) or not DISTANCE_MIN_M <= distance_m <= DISTANCE_MAX_M:
        raise InvalidInput(
            f"runcoach predicts race distances from {DISTANCE_MIN_M:.0f} m to "
            f"{DISTANCE_MAX_M / 1000:.0f} km, not {distance_m:.0f} m",
            hint="e.g. 5k, 10k, half, marathon, 50k",
        )
