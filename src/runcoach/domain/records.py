"""Men's outdoor world records at the standard best-effort distances, as a plausibility bound.

A "best effort" faster than the world record did not happen on foot: it is a GPS error, or
a file of a drive or a ride marked as a run. runcoach leaves such efforts out rather than
celebrate them. Records as ratified by World Athletics when this table was written; the
margin below keeps the check valid when a record falls by a little.
"""

from __future__ import annotations

from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

WORLD_RECORDS_S: dict[float, float] = {
    400.0: 43.03,  # Wayde van Niekerk, Rio de Janeiro 2016
    1000.0: 131.96,  # Noah Ngeny, Rieti 1999
    METRES_PER_MILE: 223.13,  # Hicham El Guerrouj, Rome 1999
    5000.0: 755.36,  # Joshua Cheptegei, Monaco 2020
    10000.0: 1571.0,  # Joshua Cheptegei, Valencia 2020
    HALF_MARATHON_M: 3451.0,  # Jacob Kiplimo, Lisbon 2021 (57:31)
    MARATHON_M: 7235.0,  # Kelvin Kiptum, Chicago 2023 (2:00:35)
}

RECORD_MARGIN = 0.95  # fraction of the record time, 0.8-1.0; faster than 95 % of it is not a
# run (runcoach's rule: room for GPS error at elite pace and for records yet to come)


def beyond_world_record(distance_m: float, elapsed_s: float) -> bool:
    """True when ``elapsed_s`` over ``distance_m`` is faster than any human has run it."""
    record_s = WORLD_RECORDS_S.get(distance_m)
    return record_s is not None and elapsed_s < record_s * RECORD_MARGIN
