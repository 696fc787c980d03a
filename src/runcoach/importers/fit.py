"""FIT reader: Garmin, Coros, Suunto, Wahoo, Polar, Zwift and phone-app activity files.

Decoding is in ``fit_decode`` (fitfast, with fitdecode as reference and fallback), building
runs in ``fit_runs``. This module decides what a file is: an activity (-> runs), another FIT
file type (-> ``NotAnActivity``), or broken (-> ``CorruptFile``, or runs with a warning when
the readable part holds the activity, as Garmin Connect does with a truncated file).
"""

from __future__ import annotations

import numpy as np

from runcoach.domain.errors import CorruptFile, NotAnActivity
from runcoach.domain.run.runs import Run
from runcoach.importers import register
from runcoach.importers.fit_decode import (
    FIT_EPOCH_UNIX_S,
    FIT_RELATIVE_TIME_MAX,
    FitContent,
    FitDecodeFailed,
    Message,
    decode,
)
from runcoach.importers.fit_runs import (
    Clock,
    Context,
    build_run,
    fill_heart_rate,
    session_windows,
)

FIT_MIN_BYTES = 12  # the shortest FIT header (FIT protocol: 12 or 14 bytes)
TIMEZONE_STEP_S = 15 * 60  # s; UTC offsets come in quarter hours (e.g. +05:45 Nepal)

_NOT_ACTIVITIES = {
    "settings": "a settings file (watch settings), not an activity",
    "sport": "a sport settings file, not an activity",
    "workout": "a workout file (a session to do, not one done)",
    "course": "a course file (a route to follow), not an activity",
    "schedules": "a schedule file, not an activity",
    "weight": "a weight scale file, not an activity",
    "totals": "a totals file, not an activity",
    "goals": "a goals file, not an activity",
    "blood_pressure": "a blood pressure file, not an activity",
    "monitoring_a": "a monitoring file (all-day tracking), not an activity",
    "monitoring_b": "a monitoring file (all-day tracking), not an activity",
    "monitoring_daily": "a monitoring file (all-day tracking), not an activity",
    "activity_summary": "an activity summary file (no samples), not an activity",
    "segment": "a segment file, not an activity",
    "segment_list": "a segment list file, not an activity",
    "device": "a device description file, not an activity",
}


@register(".fit")
def read_fit(data: bytes) -> list[Run]:
    """The runs in a FIT file (one per session)."""
    _check_header(data)
    try:
        content = decode(data)
    except FitDecodeFailed as failure:
        where = f" at byte {failure.offset}" if failure.offset is not None else ""
        raise CorruptFile(
            f"broken FIT file{where}: {failure.reason}",
            hint="if the watch still has it, copy the file again",
        ) from None
    _check_is_activity(content)
    return runs_of(content)


def _check_header(data: bytes) -> None:
    if len(data) < FIT_MIN_BYTES:
        raise CorruptFile(
            f"not a FIT file: {len(data)} bytes, shorter than a FIT header",
            hint="a FIT file starts with a 12- or 14-byte header holding '.FIT'",
        )
    if data[8:12] != b".FIT":
        raise CorruptFile(
            "not a FIT file: bytes 8-11 are not '.FIT'",
            hint="the file may be another format renamed to .fit",
        )


def _check_is_activity(content: FitContent) -> None:
    file_type = content.first("file_id").get("type")
    if isinstance(file_type, str) and file_type in _NOT_ACTIVITIES:
        raise NotAnActivity(_NOT_ACTIVITIES[file_type])
    if file_type is not None and file_type != "activity":
        raise NotAnActivity(f"a FIT file of type '{file_type}', not an activity")
    if not len(content.columns()["timestamp"]) and not content.of("session"):
        raise NotAnActivity(
            "an activity file with no timestamps: nothing in it says when it happened",
            hint="export the activity again from the watch or its app",
        )


def runs_of(content: FitContent) -> list[Run]:
    """Runs from decoded content that holds an activity."""
    records = content.columns()
    if content.of("hr"):
        fill_heart_rate(records, content.of("hr"))
    context = Context(
        clock=_clock(content, records),
        records=records,
        device=device_name(content),
        timezone=timezone_of(content),
        warnings=list(content.warnings),
        multisport=len(content.of("session")) > 1,
    )
    if context.clock.offset_s != FIT_EPOCH_UNIX_S:
        context.warnings.append(
            "the watch recorded times since it was switched on; the start is taken from its "
            "local clock at the end of the activity, as UTC, so it may be off by the time zone"
        )
    sessions = _distinct(content.of("session")) or [_session_from_records(content, records)]
    sessions = [s for s in sessions if "start_time" in s or len(records["timestamp"])]
    if not sessions:
        raise NotAnActivity("an activity file with no timestamps: nothing says when it happened")
    if content.end_offset is not None and not content.of("session"):
        context.warnings.append("no summary at the end of the file: totals come from the samples")
    windows = session_windows(sessions, records)
    return [build_run(s, w, content, context) for s, w in zip(sessions, windows, strict=True)]


def _distinct(sessions: list[Message]) -> list[Message]:
    """Sessions once each (a chained file may repeat the same activity)."""
    seen: set[tuple[object, object]] = set()
    distinct = []
    for session in sessions:
        key = (session.get("start_time"), session.get("sport"))
        if key not in seen:
            seen.add(key)
            distinct.append(session)
    return distinct


def _session_from_records(content: FitContent, records: dict[str, np.ndarray]) -> Message:
    sport = content.first("sport")
    session: Message = {"sport": sport.get("sport", "running"), "sub_sport": sport.get("sub_sport")}
    if len(records["timestamp"]):
        session["start_time"] = float(records["timestamp"][0])
    return session


def _clock(content: FitContent, records: dict[str, np.ndarray]) -> Clock:
    """How FIT times map to UTC; files with device-relative times are anchored on local time."""
    reference = _reference_time(content, records)
    if reference is None or reference >= FIT_RELATIVE_TIME_MAX:
        return Clock(offset_s=FIT_EPOCH_UNIX_S)
    activity = content.first("activity")
    local, at = _number_or_none(activity, "local_timestamp"), _number_or_none(activity, "timestamp")
    if local is not None and at is not None and local >= FIT_RELATIVE_TIME_MAX:
        return Clock(offset_s=FIT_EPOCH_UNIX_S + local - at)  # local clock absolute, UTC relative
    raise NotAnActivity(
        "no timestamps: the watch recorded only seconds since it was switched on, not a date",
        hint="the watch's own software may export it with dates (GPX or TCX)",
    )


def _number_or_none(message: Message, name: str) -> float | None:
    value = message.get(name)
    return float(value) if isinstance(value, int | float) else None


def _reference_time(content: FitContent, records: dict[str, np.ndarray]) -> float | None:
    if len(records["timestamp"]):
        return float(records["timestamp"][0])
    start = content.first("session").get("start_time")
    return float(start) if isinstance(start, int | float) else None


def timezone_of(content: FitContent) -> str | None:
    """The UTC offset where the run was, from the activity's local and UTC end times."""
    activity = content.first("activity")
    local, utc = activity.get("local_timestamp"), activity.get("timestamp")
    if not isinstance(local, int | float) or not isinstance(utc, int | float):
        return None
    if min(local, utc) < FIT_RELATIVE_TIME_MAX:
        return None
    offset_s = round((local - utc) / TIMEZONE_STEP_S) * TIMEZONE_STEP_S
    if abs(offset_s) > 14 * 3600:
        return None
    sign = "+" if offset_s >= 0 else "-"
    hours, minutes = divmod(abs(offset_s) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def device_name(content: FitContent) -> str | None:
    """Maker and model ("garmin fenix5"), from file_id or the creator's device_info."""
    creators = [d for d in content.of("device_info") if d.get("device_index") == "creator"]
    for message in (content.first("file_id"), *creators):
        name = _device(message)
        if name:
            return name
    return None


def _device(message: Message) -> str | None:
    maker = message.get("manufacturer")
    product = message.get("product_name") or message.get("garmin_product")
    product = product or message.get("favero_product") or message.get("product")
    if isinstance(product, int) and maker in _GARMIN_PRODUCT_MAKERS:
        product = _garmin_product(product)
    parts = [str(p) for p in (maker, product) if p not in (None, "", 0)]
    return " ".join(parts).strip().lower() or None


_GARMIN_PRODUCT_MAKERS = {"garmin", "dynastream", "dynastream_oem", "tacx"}


def _garmin_product(number: int) -> str | int:
    from fitdecode.profile import FIELD_TYPES

    names = FIELD_TYPES["garmin_product"].enum
    return str(names.get(number, number)) if names else number
