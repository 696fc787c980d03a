"""What every reader derives from samples when the file does not say it: distance from
positions, ascent from altitude, moving time from gaps, and the summary of a stream.

The rules (docs/importers.md says them for the runner):

- distance from GPS: great-circle (haversine) sum between consecutive fixes;
- ascent/descent from altitude: a climb counts once the altitude has moved at least
  ``ASCENT_HYSTERESIS_M`` from the last turning point (removes GPS and barometer jitter);
- moving time (GPX/TCX, and FIT files without timer events): the sum of sample intervals whose
  average speed is at least ``MOVING_SPEED_M_S``; an interval longer than ``PAUSE_GAP_S``
  without distance data counts as a pause (the device stopped recording).
"""

from __future__ import annotations

import numpy as np

from runcoach.domain.run.runs import FloatArray, Run, Streams, without_clock_glitches

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius, m (IUGG 1980 mean radius R1)
ASCENT_HYSTERESIS_M = 3.0  # m, 1-10; a turn smaller than this is noise (cf. Garmin/Strava ~2-5 m)
MOVING_SPEED_M_S = 0.5  # m/s, 0.3-1.0; slower than a slow walk (~1.1 m/s) counts as stopped
PAUSE_GAP_S = 30.0  # s, 10-120; a recording gap this long without distance data is a pause
MIN_HEART_RATE_BPM = 20.0  # bpm; below this a heart-rate value is "no signal" (0 from a sensor)


def haversine_m(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Distance between consecutive fixes (one fewer than the fixes), in metres."""
    phi = np.radians(lat)
    lam = np.radians(lon)
    dphi = np.diff(phi)
    dlam = np.diff(lam)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi[:-1]) * np.cos(phi[1:]) * np.sin(dlam / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def cumulative_distance_m(lat: FloatArray, lon: FloatArray) -> FloatArray | None:
    """Distance along the track at each fix; a missing fix adds nothing. None without fixes."""
    valid = np.isfinite(lat) & np.isfinite(lon)
    if valid.sum() < 2:
        return None
    steps = haversine_m(lat[valid], lon[valid])
    along = np.concatenate([[0.0], np.cumsum(steps)])
    out = np.full(len(lat), np.nan)
    out[valid] = along
    return np.asarray(_fill_forward(out, start=0.0))


def _fill_forward(values: FloatArray, start: float) -> FloatArray:
    """NaNs replaced by the last value before them (``start`` before the first value)."""
    padded = np.concatenate([[start], values])
    index = np.where(np.isfinite(padded), np.arange(len(padded)), 0)
    np.maximum.accumulate(index, out=index)
    return np.asarray(padded[index][1:])


def ascent_descent_m(altitude: FloatArray | None) -> tuple[float | None, float | None]:
    """Total climb and descent with a hysteresis of ``ASCENT_HYSTERESIS_M``."""
    if altitude is None:
        return None, None
    values = altitude[np.isfinite(altitude)]
    if len(values) < 2:
        return None, None
    up = down = 0.0
    floats = values.tolist()  # Python floats: a loop over NumPy scalars is ~5x slower
    anchor = floats[0]
    for value in floats[1:]:
        change = value - anchor
        if change >= ASCENT_HYSTERESIS_M:
            up += change
            anchor = value
        elif change <= -ASCENT_HYSTERESIS_M:
            down -= change
            anchor = value
    return up, down


def moving_time_s(time_s: FloatArray, distance_m: FloatArray | None) -> float | None:
    """Time spent moving: intervals at or above ``MOVING_SPEED_M_S`` (see the module rules)."""
    if len(time_s) < 2:
        return None
    dt = np.diff(time_s)
    if distance_m is None or not np.isfinite(distance_m).any():
        return float(dt[dt < PAUSE_GAP_S].sum())
    dd = np.diff(_fill_forward(distance_m, start=0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(dt > 0, dd / dt, 0.0)
    return float(dt[(dt > 0) & (speed >= MOVING_SPEED_M_S)].sum())


def recorded(values: FloatArray | None) -> FloatArray | None:
    """The stream, or None when it holds no real value."""
    if values is None or not np.isfinite(values).any():
        return None
    return values


def heart_rate(values: FloatArray | None) -> FloatArray | None:
    """Heart rate with "no signal" zeros as NaN; None when nothing was measured."""
    if values is None:
        return None
    cleaned = np.where(values >= MIN_HEART_RATE_BPM, values, np.nan)
    return recorded(cleaned)


def mean(values: FloatArray | None) -> float | None:
    if values is None or not np.isfinite(values).any():
        return None
    return float(np.nanmean(values))


def mean_while_active(values: FloatArray | None) -> float | None:
    """Average of the non-zero samples (cadence and power are 0 while standing still)."""
    if values is None:
        return None
    return mean(np.where(values > 0, values, np.nan))


def maximum(values: FloatArray | None) -> float | None:
    if values is None or not np.isfinite(values).any():
        return None
    return float(np.nanmax(values))


def total_distance_m(streams: Streams) -> float | None:
    """The last distance in the stream, or None when there is no distance stream."""
    if streams.distance_m is None:
        return None
    finite = streams.distance_m[np.isfinite(streams.distance_m)]
    return float(finite[-1] - finite[0]) if len(finite) else None


def fill_from_streams(run: Run) -> Run:
    """Every summary number the file did not give, derived from the run's streams (without
    the samples a broken clock timed outside the activity)."""
    streams = without_clock_glitches(run).streams
    if streams is None or not len(streams):
        return run
    if run.elapsed_s is None:
        run.elapsed_s = float(streams.time_s[-1] - streams.time_s[0])
    if run.distance_m is None:
        run.distance_m = total_distance_m(streams)
    if run.moving_s is None:
        run.moving_s = moving_time_s(streams.time_s, streams.distance_m)
    if run.ascent_m is None and run.descent_m is None:
        run.ascent_m, run.descent_m = ascent_descent_m(streams.altitude_m)
    run.avg_hr = run.avg_hr if run.avg_hr is not None else mean(streams.heart_rate)
    run.max_hr = run.max_hr if run.max_hr is not None else maximum(streams.heart_rate)
    if run.avg_cadence_spm is None:
        run.avg_cadence_spm = mean_while_active(streams.cadence_spm)
    if run.max_cadence_spm is None:
        run.max_cadence_spm = maximum(streams.cadence_spm)
    run.avg_power_w = run.avg_power_w or mean(streams.power_w)  # zeros count, as Garmin's
    run.max_power_w = run.max_power_w or maximum(streams.power_w)
    return run


STRIDE_CADENCE_MAX = 120.0  # per min; a foot cadence whose median is below this counts strides


def steps_per_minute(cadence: FloatArray | None, foot_sport: bool) -> FloatArray | None:
    """Cadence in steps per minute: Garmin and Strava GPX/TCX write strides (one foot) per
    minute for running, as FIT does; apps that write steps already are left alone."""
    cadence = recorded(cadence)
    if cadence is None or not foot_sport:
        return cadence
    moving = cadence[cadence > 0]
    if len(moving) and float(np.median(moving)) < STRIDE_CADENCE_MAX:
        return cadence * 2
    return cadence
