"""Old results: what a prediction from a log whose last race is over a year old can say.

A runner's first run of runcoach often finds races and hard efforts older than the year that
``current.current_fitness`` looks at. They still say something: the runner's level then.
What the runner did since is unknown, so the interval widens with the results' age: slower
for fitness lost to a break, faster for training since.
"""

from __future__ import annotations

import dataclasses

from runcoach.domain.fitness.own_model import Prediction

DAYS_PER_YEAR = 365.25
STALE_LOSS_PER_YEAR = 0.08  # fraction of time per year of age, 0.05-0.15; how much slower the
# runner may be now (Coyle et al. 1984, J Appl Physiol 57:1857: VO2max fell 7 % in 3 weeks
# and 16 % in 8-12 weeks of inactivity, then levelled; a year holds some such break)
STALE_LOSS_MAX = 0.16  # fraction; the detraining plateau of Coyle et al. 1984
STALE_GAIN_PER_YEAR = 0.03  # fraction of time per year, 0-0.07; how much faster training since
# may have made the runner (runners who raced the same marathon a year apart were, in the
# median, no faster: a few % is generous)
STALE_GAIN_MAX = 0.08  # fraction; the gain of years of training cannot be read from no data


def widened_for_age(prediction: Prediction, age_days: int) -> Prediction:
    """``prediction`` from results ``age_days`` old, its interval widened for what may have
    changed since (unchanged when the results are current: ``age_days`` 0 or less)."""
    if age_days <= 0:
        return prediction
    years = age_days / DAYS_PER_YEAR
    slower = min(STALE_LOSS_PER_YEAR * years, STALE_LOSS_MAX)
    faster = min(STALE_GAIN_PER_YEAR * years, STALE_GAIN_MAX)
    return dataclasses.replace(
        prediction,
        low_s=prediction.low_s * (1.0 - faster),
        high_s=prediction.high_s * (1.0 + slower),
        results_age_days=age_days,
    )
