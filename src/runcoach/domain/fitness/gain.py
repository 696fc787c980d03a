"""How much faster a runner can expect to be by race day: a centre and an 80 % interval.

Fitted on 21,090 runners who ran the Boston Marathon in two or more of 2001-2008 and 2014
(heat-corrected; Boston 2009-2012 never used): in the median they were no faster a year later,
a runner who had just improved tended to give part of it back, and each year of age above 35
cost a little. Beginners are not in that data: their larger gains follow Daniels' coaching rule
and are marked as such. Volume enters through runcoach's own prediction model (the race-day
prediction uses the volume built to race day), not here, so it is not counted twice.
Calibration and accuracy: experiments/heat_gain_calibration.py, docs/heat_gain_accuracy.json.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runcoach.domain.units import signed

# Fitted by median regression on one half of the runners (split by a hash of the name), checked
# on the other half (docs/heat_gain_accuracy.json). Gains in % of race time, + = faster.
GAIN_BASE_PCT_PER_YEAR = -0.01  # % a year, an experienced runner with no known trend
GAIN_TREND_WEIGHT = -0.18  # share of last year's change (%/year) carried into the next year:
# negative, a runner who just improved gives part of it back (a good day does not repeat)
GAIN_AGE_PCT_PER_YEAR_PER_YEAR = -0.06  # % a year, per year of age above GAIN_AGE_FROM
GAIN_AGE_FROM = 35.0  # years
TREND_CLIP_PCT_PER_YEAR = 10.0  # %/year; a bigger change is an injury or a fluke, not a trend
# The 80 % interval: the 10th and 90th percentiles of the fitted half's residuals one year apart
# (they include the day-to-day spread of two races); it widens as (years)^exponent, fitted on
# runners 1, 2 and 3 years apart; below a year it is extrapolated (marked).
GAIN_LOW_PCT = -9.703  # % at one year, below the centre
GAIN_HIGH_PCT = 8.977  # % at one year, above the centre
GAIN_INTERVAL_EXPONENT = 0.167  # dimensionless
GAIN_INTERVAL_MIN_WEEKS = 4.0  # weeks; the interval never narrows below this horizon's
# Beginners (not in the fitted data): Daniels (Running Formula, 2014) raises the training VDOT by
# about 1 every 4-6 weeks while training goes well; discounted for real life to at most 8 % of
# race time in one cycle, reached with a time constant of 30 weeks, fading out by 3 years.
NOVICE_MAX_PCT = 8.0  # % of race time
NOVICE_TAU_WEEKS = 30.0  # weeks
NOVICE_YEARS = 3.0  # years of running after which the beginner's extra gain is gone
WEEKS_PER_YEAR = 52.0


@dataclass(frozen=True)
class GainInputs:
    """What the log and profile say about the runner; None = unknown."""

    years_running: float | None = None
    age: float | None = None
    trend_pct_per_year: float | None = None  # + = got faster over the last year


@dataclass(frozen=True)
class Gain:
    centre_pct: float  # % of race time faster by race day
    low_pct: float  # 10th percentile
    high_pct: float  # 90th percentile
    reasons: tuple[str, ...]


def expected_gain(weeks: float, inputs: GainInputs) -> Gain:
    """The expected gain over ``weeks`` of training, with its 80 % interval."""
    weeks = max(weeks, 0.0)
    years = weeks / WEEKS_PER_YEAR
    per_year, reasons = _per_year(inputs)
    centre = per_year * years
    novice = novice_gain_pct(weeks, inputs.years_running)
    if novice > 0:
        reasons += (
            f"beginner ({inputs.years_running:g} years of running): +{novice:.1f} % "
            "by Daniels' rule (no beginners in the fitted data)",
        )
    centre += novice
    scale = (max(weeks, GAIN_INTERVAL_MIN_WEEKS) / WEEKS_PER_YEAR) ** GAIN_INTERVAL_EXPONENT
    return Gain(centre, centre + GAIN_LOW_PCT * scale, centre + GAIN_HIGH_PCT * scale, reasons)


def _per_year(inputs: GainInputs) -> tuple[float, tuple[str, ...]]:
    per_year = GAIN_BASE_PCT_PER_YEAR
    reasons = [f"repeat marathoners: {signed(GAIN_BASE_PCT_PER_YEAR)} % a year in the median"]
    if inputs.trend_pct_per_year is not None:
        trend = max(
            min(inputs.trend_pct_per_year, TREND_CLIP_PCT_PER_YEAR), -TREND_CLIP_PCT_PER_YEAR
        )
        part = GAIN_TREND_WEIGHT * trend
        per_year += part
        reasons.append(
            f"your last year's trend {signed(trend)} %: {signed(part)} % a year "
            "(part of a recent change usually reverses)"
        )
    if inputs.age is not None and inputs.age > GAIN_AGE_FROM:
        part = GAIN_AGE_PCT_PER_YEAR_PER_YEAR * (inputs.age - GAIN_AGE_FROM)
        per_year += part
        reasons.append(f"age {inputs.age:g}: {signed(part)} % a year")
    return per_year, tuple(reasons)


def novice_gain_pct(weeks: float, years_running: float | None) -> float:
    """The beginner's extra gain (Daniels' rule, not fitted); 0 when unknown or experienced."""
    if years_running is None or years_running >= NOVICE_YEARS:
        return 0.0
    share = 1.0 - max(years_running, 0.0) / NOVICE_YEARS
    return NOVICE_MAX_PCT * share * (1.0 - math.exp(-max(weeks, 0.0) / NOVICE_TAU_WEEKS))


def weeks_for_gain(pct: float, inputs: GainInputs, max_weeks: float) -> float | None:
    """The fewest weeks (up to ``max_weeks``) whose expected gain reaches ``pct``; else None."""
    if pct <= 0:
        return 0.0
    for weeks in range(1, int(max_weeks) + 1):
        if expected_gain(float(weeks), inputs).centre_pct >= pct:
            return float(weeks)
    return None
