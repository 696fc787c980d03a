"""Race-day conditions: what heat, time of day, hills and altitude cost over a race.

Each adjustment returns a factor on the race time (1.03 = 3 % slower) and names its source
and its limits. They multiply: the effects are treated as independent, itself an assumption.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.heat import (
    FITTED_WBGT_C,
    HEAT_THRESHOLD_WBGT_C,
    WBGT_DANGER_C,
    heat_cost,
)
from runcoach.domain.hints import Do, Hint

# --- heat: WBGT from temperature and dew point, the runner's level and the season -------------
# The model and its fitted constants live in runcoach.domain.fitness.heat.
DRY_AIR_DEW_POINT_GAP_C = 10.0  # °C below the air temperature when humidity is unknown (assumed)
# Magnus formula for dew point (Alduchov & Eskridge 1996), valid -40..50 °C
MAGNUS_A = 17.625  # dimensionless
MAGNUS_B = 243.04  # °C
# Wet-bulb globe temperature estimated from air temperature and humidity, for shade and a light
# breeze (Australian Bureau of Meteorology's approximation; ACSM 1984 / Steadman 1994 coefficients):
# WBGT = 0.567 T + 0.393 e + 3.94, e the water vapour pressure in hPa. Valid about 0-45 °C.
WBGT_TEMPERATURE_COEF = 0.567  # dimensionless
WBGT_VAPOUR_COEF = 0.393  # °C per hPa
WBGT_OFFSET_C = 3.94  # °C
VAPOUR_HPA_AT_0C = 6.105  # hPa, saturation vapour pressure over water at 0 °C (Tetens 1930)
TETENS_A = 17.27  # dimensionless
TETENS_B = 237.7  # °C

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
    race_month: int | None = None  # 1-12, for the season's acclimatisation (northern hemisphere)


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
        raise InvalidInput(
            f"humidity {humidity_pct} % is not 1-100 %", hint=Hint(Do.GIVE_HUMIDITY, "e.g. 70%")
        )
    gamma = math.log(humidity_pct / 100.0) + MAGNUS_A * temperature_c / (MAGNUS_B + temperature_c)
    return MAGNUS_B * gamma / (MAGNUS_A - gamma)


def wbgt_estimate_c(temperature_c: float, dew_point_c: float) -> float:
    """Shade WBGT (°C) from air temperature and dew point (Bureau of Meteorology formula)."""
    vapour_hpa = VAPOUR_HPA_AT_0C * math.exp(TETENS_A * dew_point_c / (TETENS_B + dew_point_c))
    return WBGT_TEMPERATURE_COEF * temperature_c + WBGT_VAPOUR_COEF * vapour_hpa + WBGT_OFFSET_C


def _interpolate(table: tuple[tuple[float, float], ...], x: float) -> float:
    if x <= table[0][0]:
        return table[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(table):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    (xa, ya), (xb, yb) = table[-2], table[-1]
    return yb + (yb - ya) * (x - xb) / (xb - xa)


def _dew_point(conditions: Conditions, temperature_c: float) -> tuple[float, bool]:
    """The dew point given or derived from humidity; else an assumed dry air (and True)."""
    if conditions.dew_point_c is not None:
        return min(conditions.dew_point_c, temperature_c), False
    if conditions.humidity_pct is not None:
        return dew_point_c(temperature_c, conditions.humidity_pct), False
    return temperature_c - DRY_AIR_DEW_POINT_GAP_C, True


def heat_adjustment(
    conditions: Conditions, distance_m: float, time_s: float
) -> tuple[Adjustment | None, str | None]:
    """The heat cost for this runner's level and the season; a warning if dangerous."""
    if conditions.temperature_c is None:
        return None, None
    temperature = conditions.temperature_c
    dew, assumed = _dew_point(conditions, temperature)
    wbgt = wbgt_estimate_c(temperature, dew)
    cost = heat_cost(wbgt, distance_m, time_s, conditions.race_month)
    detail = (
        f"{temperature:.0f} °C with dew point {dew:.0f} °C{' (assumed)' if assumed else ''} "
        f"(WBGT about {wbgt:.0f} °C): {cost.pct:.1f} % slower at your level "
        f"(a {_hours(cost.level_h)} marathoner's pace)"
    )
    if wbgt > FITTED_WBGT_C[1]:
        detail += f" (extrapolated: the hottest race fitted had WBGT {FITTED_WBGT_C[1]:.0f} °C)"
    if cost.threshold_c > HEAT_THRESHOLD_WBGT_C:
        detail += (
            f"; after the summer's acclimatisation heat costs from WBGT {cost.threshold_c:.0f} °C"
        )
    limits = "fitted on Boston marathons 2001-2008 and 2014, WBGT 11-24 °C"
    if cost.extrapolated:
        limits += "; " + "; ".join(cost.extrapolated)
    warning = None
    if wbgt > WBGT_DANGER_C:
        warning = f"WBGT about {wbgt:.0f} °C: above 28 °C races should be cancelled (ACSM)"
    adjustment = Adjustment(
        "heat",
        1.0 + cost.pct / 100.0,
        detail,
        "same-runner Boston results with race-day weather (docs/models.md); Ely et al. 2007",
        limits,
    )
    return adjustment, warning


def _hours(level_h: float) -> str:
    minutes = round(level_h * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


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
            hint=Hint(Do.GIVE_ELEVATION_GAIN, "give the course's total elevation gain, e.g. 250m"),
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
    heat, warning = heat_adjustment(conditions, distance_m, time_s)
    found = (
        heat,
        time_of_day_adjustment(conditions),
        hills_adjustment(conditions, distance_m),
        altitude_adjustment(conditions),
    )
    return ConditionsEffect(
        tuple(a for a in found if a is not None), tuple(w for w in (warning,) if w)
    )
