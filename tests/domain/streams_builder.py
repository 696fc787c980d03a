"""Synthetic runs for domain tests: a run described by its segments, sampled every second."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from runcoach.domain.run.runs import Streams


@dataclass(frozen=True)
class Segment:
    distance_m: float
    pace_s_per_km: float
    climb_m: float = 0.0  # altitude gained (negative: lost) along the segment
    heart_rate: float | None = None


@dataclass(frozen=True)
class Pause:
    duration_s: float


def build_streams(*parts: Segment | Pause, hz: float = 1.0, start_altitude_m: float = 100.0):
    """Streams sampled ``hz`` times a second through the given segments and pauses."""
    times, dists, alts, hrs = [0.0], [0.0], [start_altitude_m], [np.nan]
    for part in parts:
        if isinstance(part, Pause):
            _pause(part, times, dists, alts, hrs, hz)
        else:
            _segment(part, times, dists, alts, hrs, hz)
    hr = np.array(hrs)
    hr[0] = hr[1] if len(hr) > 1 else np.nan
    return Streams(
        time_s=np.array(times),
        distance_m=np.array(dists),
        altitude_m=np.array(alts),
        heart_rate=None if np.isnan(hr).all() else hr,
    )


def _segment(seg: Segment, times, dists, alts, hrs, hz: float) -> None:
    duration = seg.distance_m * seg.pace_s_per_km / 1000
    steps = max(1, round(duration * hz))
    t0, d0, a0 = times[-1], dists[-1], alts[-1]
    for k in range(1, steps + 1):
        f = k / steps
        times.append(t0 + f * duration)
        dists.append(d0 + f * seg.distance_m)
        alts.append(a0 + f * seg.climb_m)
        hrs.append(np.nan if seg.heart_rate is None else seg.heart_rate)


def _pause(pause: Pause, times, dists, alts, hrs, hz: float) -> None:
    steps = max(1, round(pause.duration_s * hz))
    t0 = times[-1]
    for k in range(1, steps + 1):
        times.append(t0 + k * pause.duration_s / steps)
        dists.append(dists[-1])
        alts.append(alts[-1])
        hrs.append(hrs[-1])


def steady(distance_m: float, pace_s_per_km: float, **kw) -> Streams:
    return build_streams(Segment(distance_m, pace_s_per_km), **kw)


M_PER_DEGREE = 111_195.0


def with_gps(streams: Streams, *, loop_m: float | None = None) -> Streams:
    """The same streams with positions: a straight line north, or laps of a ``loop_m`` oval."""
    d = streams.distance_m
    if loop_m is None:
        north, east = d, np.zeros_like(d)
    else:
        angle = 2 * np.pi * d / loop_m
        north, east = 35 * np.sin(angle), 85 * np.cos(angle)
    latitude = 46.0 + north / M_PER_DEGREE
    longitude = 14.5 + east / (M_PER_DEGREE * np.cos(np.radians(46.0)))
    return replace(streams, latitude=latitude, longitude=longitude)


def with_noise(streams: Streams, fraction: float, seed: int = 7) -> Streams:
    """GPS-like noise: each second's distance off by up to ``fraction``, total kept."""
    rng = np.random.default_rng(seed)
    steps = np.diff(streams.distance_m)
    noisy = steps * (1 + fraction * rng.uniform(-1, 1, len(steps)))
    distance = np.concatenate(([0.0], np.cumsum(noisy)))
    distance *= streams.distance_m[-1] / distance[-1]
    return replace(streams, distance_m=distance)
