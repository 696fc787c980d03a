"""Race-day conditions: what heat, time of day, hills and altitude cost over a race.

Each adjustment returns a factor on the race time (1.03 = 3 % slower) and names its source
and its limits. They multiply: the effects are treated as independent, itself an assumption.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from runcoach.domain.errors import InvalidInput

# --- heat: temperature + dew point ------------------------------------------------------------
# Sum of air temperature and dew point in °F -> % slower (Hadley's "temperature + dew point"
# coaching rule; midpoints of its bands). Consistent in size with Ely et al. 2007 (Med Sci Sports
# Exerc 39:487) for 3-4 h marathoners; an empirical rule of thumb, not a physiological model.
HEAT_SUM_F_TO_PCT: tuple[tuple[float, float], ...] = (
    (100.0, 0.0),
    (110.0, 0.5),
    (120.0, 1.0),
    (130.0, 2.0),
    (140.0, 3.0),
    (150.0, 4.5),
    (160.0, 6.0),
    (170.0, 8.0),
    (180.0, 10.0),
)
HEAT_MAX_SUM_F = 180.0  # °F; above it the rule says hard running is not advised
HEAT_MIN_DURATION_S = 15 * 60.0  # s; below ~15 min the body hardly heats up: no adjustment
# Magnus formula for dew point (Alduchov & Eskridge 1996), valid -40..50 °C
MAGNUS_A = 17.625  # dimensionless
MAGNUS_B = 243.04  # °C

# --- time of day -----------------------------------------------------------------------------
# Circadian low of core temperature in the early morning: short time trials are ~1-3 % slower
# than in the late afternoon (Atkinson & Reilly 1996, Sports Med 21:292). Evidence for long
# races is weak and habitual morning runners adapt, so the adjustment is small.
EARLY_START_BEFORE_H = 7.0  # hour of day; starts before it get the larger penalty
EARLY_START_PCT = 1.0  # % slower, start before 07:00
MORNING_START_BEFORE_H = 9.0  # hour of day
MORNING_START_PCT = 0.5  # % slower, start 07:00-09:00

# --- hills: elevation gain -------------------------------------------------------------------
# Energy cost of running on ±5 % grades (Minetti et al. 2002, J Appl Physiol 93:1039): each metre
# climbed (and descended again) costs as much as 3.65 m on the flat, assuming the descent returns
# only half its energetic saving (runners brake downhill). Valid for road courses, grades < 10 %.
FLAT_M_PER_M_GAIN = 3.65  # m of flat running per metre of elevation gain
MODEL_GAIN_PER_M = 0.05  # gain / distance; above it the climbing half averages over 10 %
MAX_GAIN_PER_M = 0.6  # gain / distance no race reaches (the steepest vertical kilometres
# climb about 1000 m in 1.9 km, 0.53)

# --- altitude --------------------------------------------------------------------------------
# Race altitude (m) -> % slower for unacclimatised runners in 10-60 min+ efforts, approximating
# Peronnet, Thibault & Cousineau 1991 (J Appl Physiol 70:399) and Daniels' altitude tables.
ALTITUDE_M_TO_PCT: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (500.0, 0.0),
    (1000.0, 0.6),
    (1500.0, 1.6),
    (2000.0, 3.0),
    (2500.0, 4.7),
    (3000.0, 6.5),
)
ALTITUDE_MAX_M = 5_400.0  # m; the highest race start (Tenzing Hillary Everest Marathon, 5,364 m)


@dataclass(frozen=True)
class Conditions:
    """Race-day conditions; every field is optional (None = unknown, assume neutral)."""

    temperature_c: float | None = None
    dew_point_c: float | None = None
    humidity_pct: float | None = None
    start_hour: float | None = None  # local hour of day, e.g. 21.0 for 9 pm
    elevation_gain_m: float | None = None
    altitude_m: float | None = None


@dataclass(frozen=True)
class Adjustment:
    """One condition's effect on the race time."""

    name: str
    factor: float
    detail: str
    source: str
    limits: str

    def cost_s(self, time_s: float) -> float:
        return time_s * (self.factor - 1.0)


@dataclass(frozen=True)
class ConditionsEffect:
    adjustments: tuple[Adjustment, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def factor(self) -> float:
        return math.prod(a.factor for a in self.adjustments)

    def cost_s(self, time_s: float) -> float:
        return time_s * (self.factor - 1.0)


def dew_point_c(temperature_c: float, humidity_pct: float) -> float:
    """Dew point from temperature and relative humidity (Magnus formula)."""
    if not 0 < humidity_pct <= 100:
        raise InvalidInput(f"humidity {humidity_pct} % is not 1-100 %", hint="e.g. --humidity 70%")
    gamma = math.log(humidity_pct / 100.0) + MAGNUS_A * temperature_c / (MAGNUS_B + temperature_c)
    return MAGNUS_B * gamma / (MAGNUS_A - gamma)


def _interpolate(table: tuple[tuple[float, float], ...], x: float) -> float:
    if x <= table[0][0]:
        return table[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(table):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    (xa, ya), (xb, yb) = table[-2], table[-1]
    return yb + (yb - ya) * (x - xb) / (xb - xa)


def _fahrenheit(celsius: float) -> float:
    return celsius * 9.0 / 5.0 + 32.0


def heat_adjustment(
    conditions: Conditions, duration_s: float
) -> tuple[Adjustment | None, str | None]:
    """The heat cost from temperature and dew point (or humidity); a warning if extreme."""
    if conditions.temperature_c is None:
        return None, None
    dew = conditions.dew_point_c
    if dew is None and conditions.humidity_pct is not None:
        dew = dew_point_c(conditions.temperature_c, conditions.humidity_pct)
    if dew is None:
        dew = conditions.temperature_c - 10.0  # assumption: moderately dry air
    dew = min(dew, conditions.temperature_c)
    total_f = _fahrenheit(conditions.temperature_c) + _fahrenheit(dew)
    pct = 0.0 if duration_s < HEAT_MIN_DURATION_S else _interpolate(HEAT_SUM_F_TO_PCT, total_f)
    detail = (
        f"{conditions.temperature_c:.0f} °C with dew point {dew:.0f} °C "
        f"(sum {total_f:.0f} °F): {pct:.1f} % slower"
    )
    warning = None
    if total_f > HEAT_MAX_SUM_F:
        warning = (
            "temperature + dew point above 180 °F: racing hard is not advised, heat illness risk"
        )
    adjustment = Adjustment(
        "heat",
        1.0 + pct / 100.0,
        detail,
        "temperature + dew point rule (Hadley); cf. Ely et al. 2007",
        "rule of thumb for races over ~15 min; unacclimatised runners may lose more",
    )
    return adjustment, warning


def time_of_day_adjustment(conditions: Conditions) -> Adjustment | None:
    if conditions.start_hour is None:
        return None
    hour = conditions.start_hour
    pct = 0.0
    if hour < EARLY_START_BEFORE_H:
        pct = EARLY_START_PCT
    elif hour < MORNING_START_BEFORE_H:
        pct = MORNING_START_PCT
    detail = f"start at {int(hour):02d}:{round(hour % 1 * 60):02d}: {pct:.1f} % slower"
    if hour >= 18:
        detail += (
            " (evening: no circadian cost, but heat stored over the day; give the temperature)"
        )
    return Adjustment(
        "time of day",
        1.0 + pct / 100.0,
        detail,
        "Atkinson & Reilly 1996 (circadian variation in performance)",
        "weak evidence for races over ~30 min; habitual early runners adapt",
    )


def hills_adjustment(conditions: Conditions, distance_m: float) -> Adjustment | None:
    gain_m = conditions.elevation_gain_m
    if gain_m is None:
        return None
    if gain_m > MAX_GAIN_PER_M * distance_m:
        raise InvalidInput(
            f"{gain_m:.0f} m of climbing in {distance_m / 1000:.1f} km is steeper than any race "
            "(the steepest vertical kilometres climb about 530 m per km)",
            hint="give the course's total elevation gain, e.g. --elevation-gain 250m",
        )
    extra_m = gain_m * FLAT_M_PER_M_GAIN
    factor = 1.0 + extra_m / distance_m
    limits = "road courses with grades under ~10 %, descent equal to the climb"
    if gain_m > MODEL_GAIN_PER_M * distance_m:
        limits += "; this course is steeper, so the cost is a rough guide"
    return Adjustment(
        "elevation gain",
        factor,
        f"{gain_m:.0f} m climbed ≈ {extra_m:.0f} m more on the flat: "
        f"{(factor - 1) * 100:.1f} % slower",
        "Minetti et al. 2002 (energy cost of running on gradients)",
        limits,
    )


def altitude_adjustment(conditions: Conditions) -> Adjustment | None:
    if conditions.altitude_m is None:
        return None
    pct = _interpolate(ALTITUDE_M_TO_PCT, max(conditions.altitude_m, 0.0))
    limits = "unacclimatised runners, races over ~10 min; 2-3 weeks at altitude halve the cost"
    highest = ALTITUDE_M_TO_PCT[-1][0]
    if conditions.altitude_m > highest:
        limits += f"; above {highest:.0f} m the cost is extrapolated beyond the data"
    return Adjustment(
        "altitude",
        1.0 + pct / 100.0,
        f"{conditions.altitude_m:.0f} m above sea level: {pct:.1f} % slower",
        "Peronnet, Thibault & Cousineau 1991; Daniels' altitude adjustments",
        limits,
    )


def conditions_effect(conditions: Conditions, distance_m: float, time_s: float) -> ConditionsEffect:
    """Every adjustment that applies to a race of ``distance_m`` run in about ``time_s``."""
    heat, warning = heat_adjustment(conditions, time_s)
    found = (
        heat,
        time_of_day_adjustment(conditions),
        hills_adjustment(conditions, distance_m),
        altitude_adjustment(conditions),
    )
    return ConditionsEffect(
        tuple(a for a in found if a is not None), tuple(w for w in (warning,) if w)
    )
