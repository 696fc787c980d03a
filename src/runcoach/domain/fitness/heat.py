"""What heat costs a runner over a race: fitted on the same runners in cool and hot Bostons.

The cost grows with the wet-bulb globe temperature (WBGT, estimated from air temperature and
dew point) above a threshold, and more for slower runners, who are out longer and later in the
day. Heat early in the season, before a summer of training has acclimatised the runner, costs
more than the same heat in the autumn: after the summer the cost starts at a higher WBGT.
Calibration, data and accuracy: experiments/heat_gain_calibration.py,
docs/heat_gain_accuracy.json, docs/models.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from runcoach.domain.units import METRES_PER_KM

# Fitted by median regression on 35,603 pairs of Boston finishes of the same runners, 2001-2008
# and 2014 (docs/heat_gain_accuracy.json; Boston 2009-2012 never used). Valid for WBGT 11-24 °C
# and marathon levels 2:05-7:00 (the fitted range); outside it the cost is extrapolated.
HEAT_THRESHOLD_WBGT_C = 12.5  # °C WBGT, below it no cost: the threshold of 10-14 °C with the
# least leave-one-year-out error (Ely et al. 2007 found the fastest marathons at WBGT 5-10 °C)
HEAT_PCT_PER_C = 0.634  # % slower per °C of WBGT above the threshold, for a 3:30 marathoner
HEAT_LEVEL_PCT_PER_C_PER_H = 0.13  # % per °C more for each hour slower than 3:30 (cf. Ely 2007)
HEAT_REFERENCE_LEVEL_H = 3.5  # h, the marathon level HEAT_PCT_PER_C refers to
FITTED_WBGT_C = (11.3, 24.2)  # °C, the race-day WBGT range the fit saw
FITTED_LEVEL_H = (125 / 60, 7.0)  # h, marathon times the fit saw
MARATHON_M = 42_195.0  # m
# Season (northern hemisphere months): after a summer of training the cost starts at a higher
# WBGT. Fitted on the best runners by age in Chicago, New York and Twin Cities (Ely data set,
# 1993-2016, October-November): moving the threshold up by 7 °C fits them best (grid 0-10 °C).
# It underestimates record autumn heat: Chicago and Twin Cities 2007 (WBGT 27 °C) cost the best
# runners 7 %, this model says 4-4.5 % (without the shift it says 7 %).
# Acclimatisation fades within weeks once the heat is gone (Daanen et al. 2018, Sports Med
# 48:409), so winter races count as early season again.
SEASON_SHIFT_AUTUMN_C = 7.0  # °C WBGT, September-November races, fitted
SEASON_SHIFT_EARLY_C = 0.0  # December-June races (Boston April is the reference), fitted
SEASON_SHIFT_MIDSUMMER_C = 3.5  # °C, July-August: halfway (interpolated, not fitted)
AUTUMN_MONTHS = (9, 10, 11)
MIDSUMMER_MONTHS = (7, 8)
# Shorter races: the fit is on marathons; heat builds up with time in it, so below 2 h the cost
# is scaled by the square root of the duration's share of 2 h (an assumption between "all of
# it" and "in proportion to time", not fitted), and below 15 min the body hardly heats up.
HEAT_FULL_EFFECT_S = 2 * 3600.0  # s
HEAT_MIN_DURATION_S = 15 * 60.0  # s
# ACSM position stand (Armstrong et al. 2007): WBGT above 28 °C, cancel or postpone races.
WBGT_DANGER_C = 28.0  # °C


@dataclass(frozen=True)
class HeatCost:
    pct: float  # % slower than on a cool day
    wbgt_c: float
    level_h: float  # the runner's marathon-equivalent time, hours
    threshold_c: float  # WBGT from which heat costs, after the season's acclimatisation
    extrapolated: tuple[str, ...]  # what lies outside the fitted range


def season_threshold_c(month: int | None) -> float:
    """The WBGT (°C) from which heat costs in ``month`` (1-12, northern hemisphere; None:
    assume early season, the costlier case)."""
    if month in AUTUMN_MONTHS:
        return HEAT_THRESHOLD_WBGT_C + SEASON_SHIFT_AUTUMN_C
    if month in MIDSUMMER_MONTHS:
        return HEAT_THRESHOLD_WBGT_C + SEASON_SHIFT_MIDSUMMER_C
    return HEAT_THRESHOLD_WBGT_C + SEASON_SHIFT_EARLY_C


def marathon_level_h(distance_m: float, time_s: float) -> float:
    """The runner's level as the marathon time at the same pace (hours)."""
    pace_s_per_km = time_s / (distance_m / METRES_PER_KM)
    return pace_s_per_km * (MARATHON_M / METRES_PER_KM) / 3600.0


def heat_cost(wbgt_c: float, distance_m: float, time_s: float, month: int | None) -> HeatCost:
    """% slower in ``wbgt_c`` for a race of ``distance_m`` run in ``time_s`` on a cool day."""
    level_h = marathon_level_h(distance_m, time_s)
    per_c = HEAT_PCT_PER_C + HEAT_LEVEL_PCT_PER_C_PER_H * (level_h - HEAT_REFERENCE_LEVEL_H)
    threshold = season_threshold_c(month)
    pct = max(wbgt_c - threshold, 0.0) * max(per_c, 0.0) * _duration_share(time_s)
    return HeatCost(pct, wbgt_c, level_h, threshold, _outside(wbgt_c, level_h, time_s))


def _duration_share(time_s: float) -> float:
    if time_s < HEAT_MIN_DURATION_S:
        return 0.0
    return float(min(time_s / HEAT_FULL_EFFECT_S, 1.0) ** 0.5)


def _outside(wbgt_c: float, level_h: float, time_s: float) -> tuple[str, ...]:
    notes = []
    if wbgt_c > FITTED_WBGT_C[1]:
        notes.append(
            f"WBGT {wbgt_c:.0f} °C is above the hottest race of the fit "
            f"({FITTED_WBGT_C[1]:.0f} °C): the cost is extrapolated"
        )
    if not FITTED_LEVEL_H[0] <= level_h <= FITTED_LEVEL_H[1]:
        notes.append("this pace is outside the marathon levels of the fit (2:05-7:00)")
    if time_s < HEAT_FULL_EFFECT_S:
        notes.append("fitted on marathons: for races under 2 h the cost is scaled by duration")
    return tuple(notes)
