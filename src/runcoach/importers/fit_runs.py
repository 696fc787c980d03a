"""``FitContent`` -> ``Run``s: one run per session (a multisport file gives one per leg).

The device's own totals (session and lap messages) win over anything derived from samples;
samples fill in what a file lacks (a recovered truncated file has records but no session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from runcoach.domain.run.runs import FOOT_SPORTS, FloatArray, Lap, Run, Sport, Streams
from runcoach.importers import tracks
from runcoach.importers.fit_decode import FitContent, Message
from runcoach.importers.sports import fit_sport

SEMICIRCLE_DEG = 180.0 / 2**31  # degrees per semicircle (FIT protocol position unit)
HR_MATCH_S = 1.5  # s; an hr-message beat this close to a record fills that record's heart rate
_TIMER_STOPS = {"stop", "stop_all", "stop_disable", "stop_disable_all"}


@dataclass
class Clock:
    """FIT seconds -> UTC: ``offset_s`` is added to a FIT time to get Unix seconds."""

    offset_s: float

    def at(self, fit_s: float) -> datetime:
        return datetime.fromtimestamp(fit_s + self.offset_s, tz=UTC)


@dataclass
class Context:
    """What every run of one file shares."""

    clock: Clock
    records: dict[str, FloatArray]
    device: str | None
    timezone: str | None
    warnings: list[str]
    multisport: bool


def fill_heart_rate(columns: dict[str, FloatArray], hr_messages: list[Message]) -> None:
    """Heart rate from ``hr`` messages (HRM-Tri/Swim) into records that have none."""
    times = np.array([t for m in hr_messages for t in m["times"]], dtype=float)
    bpm = np.array([b for m in hr_messages for b in m["bpm"]], dtype=float)
    if not len(times):
        return
    order = np.argsort(times)
    times, bpm = times[order], bpm[order]
    stamps = columns["timestamp"]
    nearest = np.clip(np.searchsorted(times, stamps), 1, len(times) - 1)
    left_closer = np.abs(stamps - times[nearest - 1]) <= np.abs(times[nearest] - stamps)
    nearest = np.where(left_closer, nearest - 1, nearest)
    close = np.abs(times[nearest] - stamps) <= HR_MATCH_S
    current = columns["heart_rate"]
    missing = ~(np.nan_to_num(current) >= tracks.MIN_HEART_RATE_BPM)
    columns["heart_rate"] = np.where(missing & close, bpm[nearest], current)


def session_windows(sessions: list[Message], records: dict[str, FloatArray]) -> list[slice]:
    """The records of each session: from its start to the next session's start."""
    stamps = records["timestamp"]
    starts = [float(s.get("start_time", stamps[0] if len(stamps) else 0)) for s in sessions]
    bounds = [int(np.searchsorted(stamps, start, side="left")) for start in starts]
    ends = [*bounds[1:], len(stamps)]
    return [slice(a, max(a, b)) for a, b in zip(bounds, ends, strict=True)]


def build_run(session: Message, window: slice, content: FitContent, context: Context) -> Run:
    sport = fit_sport(session.get("sport"), session.get("sub_sport"))
    columns = {name: values[window] for name, values in context.records.items()}
    start_fit = float(session.get("start_time", _first(columns["timestamp"])))
    streams = _streams(columns, start_fit, sport, context.multisport)
    elapsed = _number(session, "total_elapsed_time") or _span(streams)
    end_fit = start_fit + (elapsed or 0.0)
    run = Run(
        start=context.clock.at(start_fit),
        sport=sport,
        sub_sport=_sub_sport(session, sport),
        elapsed_s=elapsed,
        moving_s=_number(session, "total_timer_time")
        or _timer_time(content.of("event"), start_fit, end_fit)
        or tracks.moving_time_s(streams.time_s, streams.distance_m),
        distance_m=_number(session, "total_distance") or tracks.total_distance_m(streams),
        timezone=context.timezone,
        device=context.device,
        laps=_laps(content.of("lap"), start_fit, end_fit, sport, context.clock),
        streams=streams,
        source="fit",
        warnings=list(context.warnings),
    )
    _fill_summary(run, session, streams)
    return run


def _fill_summary(run: Run, session: Message, streams: Streams) -> None:
    ascent, descent = tracks.ascent_descent_m(streams.altitude_m)
    run.ascent_m = _either(_number(session, "total_ascent", allow_zero=True), ascent)
    run.descent_m = _either(_number(session, "total_descent", allow_zero=True), descent)
    run.avg_hr = _heart(session, "avg_heart_rate") or tracks.mean(streams.heart_rate)
    run.max_hr = _heart(session, "max_heart_rate") or tracks.maximum(streams.heart_rate)
    run.avg_cadence_spm = _cadence(session, "avg", run.sport) or tracks.mean_while_active(
        streams.cadence_spm
    )
    run.max_cadence_spm = _cadence(session, "max", run.sport) or tracks.maximum(streams.cadence_spm)
    run.avg_power_w = _number(session, "avg_power") or tracks.mean(streams.power_w)
    run.max_power_w = _number(session, "max_power") or tracks.maximum(streams.power_w)
    run.calories = _number(session, "total_calories")
    if run.moving_s is not None and run.elapsed_s is not None:
        run.moving_s = min(run.moving_s, run.elapsed_s)


def _streams(columns: dict[str, FloatArray], start_fit: float, sport: Sport, leg: bool) -> Streams:
    latitude = tracks.recorded(columns["position_lat"] * SEMICIRCLE_DEG)
    longitude = tracks.recorded(columns["position_long"] * SEMICIRCLE_DEG)
    distance = tracks.recorded(columns["distance"])
    if distance is not None and leg:
        distance = distance - np.nanmin(distance)
    if distance is None and latitude is not None and longitude is not None:
        distance = tracks.cumulative_distance_m(latitude, longitude)
    return Streams(
        time_s=columns["timestamp"] - start_fit,
        distance_m=distance,
        latitude=latitude if longitude is not None else None,
        longitude=longitude if latitude is not None else None,
        altitude_m=tracks.recorded(_prefer(columns["enhanced_altitude"], columns["altitude"])),
        heart_rate=tracks.heart_rate(columns["heart_rate"]),
        cadence_spm=tracks.recorded(_cadence_stream(columns, sport)),
        power_w=tracks.recorded(columns["power"]),
        speed_m_s=tracks.recorded(_prefer(columns["enhanced_speed"], columns["speed"])),
    )


def _cadence_stream(columns: dict[str, FloatArray], sport: Sport) -> FloatArray:
    cadence = columns["cadence"] + np.nan_to_num(columns["fractional_cadence"])
    return cadence * 2 if sport in FOOT_SPORTS else cadence


def _prefer(first: FloatArray, second: FloatArray) -> FloatArray:
    return np.where(np.isfinite(first), first, second)


def _laps(laps: list[Message], start: float, end: float, sport: Sport, clock: Clock) -> list[Lap]:
    mine = {
        float(lap["start_time"]): lap
        for lap in reversed(laps)
        if start - 1 <= float(lap.get("start_time", -1)) <= end + 1
    }  # one lap per start: a chained file may repeat them (the first one wins)
    return [_lap(mine[at], sport, clock) for at in sorted(mine)]


def _lap(lap: Message, sport: Sport, clock: Clock) -> Lap:
    return Lap(
        start=clock.at(float(lap["start_time"])),
        elapsed_s=_number(lap, "total_elapsed_time") or 0.0,
        distance_m=_number(lap, "total_distance", allow_zero=True),
        moving_s=_number(lap, "total_timer_time", allow_zero=True),
        avg_hr=_heart(lap, "avg_heart_rate"),
        max_hr=_heart(lap, "max_heart_rate"),
        avg_cadence_spm=_cadence(lap, "avg", sport),
        avg_power_w=_number(lap, "avg_power"),
        ascent_m=_number(lap, "total_ascent", allow_zero=True),
        intensity=_text(lap.get("intensity")),
    )


def _timer_time(events: list[Message], start: float, end: float) -> float | None:
    """Timer-running time from timer start/stop events inside [start, end]; None without any."""
    timer = [e for e in events if e.get("event") == "timer" and "timestamp" in e]
    timer = [e for e in timer if start - 1 <= float(e["timestamp"]) <= end + 1]
    if not timer:
        return None
    total = 0.0
    running_since: float | None = start
    for event in timer:
        at = float(event["timestamp"])
        if event.get("event_type") == "start" and running_since is None:
            running_since = at
        elif event.get("event_type") in _TIMER_STOPS and running_since is not None:
            total += max(0.0, at - running_since)
            running_since = None
    if running_since is not None:
        total += max(0.0, end - running_since)
    return total


def _cadence(message: Message, kind: str, sport: Sport) -> float | None:
    whole = _number(message, f"{kind}_cadence") or _number(message, f"{kind}_running_cadence")
    if whole is None:
        return None
    value = whole + (_number(message, f"{kind}_fractional_cadence", allow_zero=True) or 0.0)
    return value * 2 if sport in FOOT_SPORTS else value


def _heart(message: Message, name: str) -> float | None:
    value = _number(message, name)
    return value if value is not None and value >= tracks.MIN_HEART_RATE_BPM else None


def _number(message: Message, name: str, *, allow_zero: bool = False) -> float | None:
    """A numeric field; 0 counts as "not recorded" unless ``allow_zero`` (devices write 0)."""
    value: Any = message.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool) or not np.isfinite(value):
        return None
    if value == 0 and not allow_zero:
        return None
    return float(value)


def _either(recorded: float | None, derived: float | None) -> float | None:
    return recorded if recorded is not None else derived


def _sub_sport(session: Message, sport: Sport) -> str | None:
    sub = _text(session.get("sub_sport"))
    if sport is Sport.OTHER and sub in (None, "generic"):
        return _text(session.get("sport"))
    return sub


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _first(values: FloatArray) -> float:
    return float(values[0]) if len(values) else 0.0


def _span(streams: Streams) -> float | None:
    return float(streams.time_s[-1]) if len(streams) else None
