"""The heat models runcoach's fitted one is compared with (docs/models.md).

- runcoach's earlier rule: temperature + dew point (°F) -> % slower, Hadley's coaching rule
  (midpoints of its bands), the same for every runner;
- Knechtle et al. 2019 (Boston 1897-2018, Int J Environ Res Public Health 16:1000): 1:53 slower
  per °C of air temperature for all finishers, here as % of a 3:45 finish;
- Ely et al. 2007 (Med Sci Sports Exerc 39:487): top men 1.7, 2.5, 3.3, 4.5 % off the course
  record in WBGT quartiles 5-10, 10-15, 15-20, 20-25 °C, placed at the quartiles' middles.
"""

from __future__ import annotations

import numpy as np

HADLEY_SUM_F = (100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 170.0, 180.0)
HADLEY_PCT = (0.0, 0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0)
KNECHTLE_PCT_PER_C = 113.0 / (3.75 * 3600) * 100  # % per °C of air temperature
ELY_WBGT_C = (7.5, 12.5, 17.5, 22.5)
ELY_TOP_MEN_PCT = (1.7, 2.5, 3.3, 4.5)


def hadley_pct(temperature_c: float, dew_point_c: float) -> float:
    sum_f = (temperature_c + min(dew_point_c, temperature_c)) * 9.0 / 5.0 + 64.0
    return float(np.interp(sum_f, HADLEY_SUM_F, HADLEY_PCT))


def knechtle_pct(temperature_c: float) -> float:
    return KNECHTLE_PCT_PER_C * temperature_c


def ely_top_men_pct(wbgt_c: float) -> float:
    return float(np.interp(wbgt_c, ELY_WBGT_C, ELY_TOP_MEN_PCT))
