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


def faster_than_any_runner(distance_m: float, elapsed_s: float) -> bool:
    """True when a whole run's average pace beats the record pace of the longest standard
    distance it covered (a 13 km "run" at 2:47/km beats the 10,000 m record pace)."""
    covered = [d for d in WORLD_RECORDS_S if d <= distance_m]
    if not covered or elapsed_s <= 0:
        return False
    longest = max(covered)
    record_pace = WORLD_RECORDS_S[longest] / longest
    return elapsed_s / distance_m < record_pace * RECORD_MARGIN


# The men's outdoor records as a speed-duration curve (distance m, time s), from the 100 m to
# the marathon: no runner holds a faster mean speed for that long.
RECORD_CURVE: tuple[tuple[float, float], ...] = (
    (100.0, 9.58),  # Usain Bolt, Berlin 2009
    (200.0, 19.19),  # Usain Bolt, Berlin 2009
    (400.0, 43.03),  # Wayde van Niekerk, Rio de Janeiro 2016
    (800.0, 100.91),  # David Rudisha, London 2012
    (1000.0, 131.96),  # Noah Ngeny, Rieti 1999
    (1500.0, 206.0),  # Hicham El Guerrouj, Rome 1998
    (3000.0, 440.67),  # Daniel Komen, Rieti 1996
    (5000.0, 755.36),  # Joshua Cheptegei, Monaco 2020
    (10000.0, 1571.0),  # Joshua Cheptegei, Valencia 2020
    (HALF_MARATHON_M, 3451.0),  # Jacob Kiplimo, Lisbon 2021
    (MARATHON_M, 7235.0),  # Kelvin Kiptum, Chicago 2023
)


def record_speed_m_s(duration_s: float) -> float:
    """The fastest plausible mean speed over ``duration_s``: the records' speed for that long,
    interpolated in log time, beyond ``RECORD_MARGIN`` (the 100 m's speed below 9.58 s)."""
    import numpy as np

    times = np.log([time_s for _distance, time_s in RECORD_CURVE])
    speeds = np.array([distance / time_s for distance, time_s in RECORD_CURVE])
    speed = float(np.interp(np.log(max(duration_s, 1e-3)), times, speeds))
    return speed / RECORD_MARGIN
