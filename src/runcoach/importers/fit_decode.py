"""FIT bytes -> ``FitContent``: the messages of a file, decoded by a fast or a mature decoder.

The fast decoder is fitfast (Rust, BSD-3); fitdecode (MIT, pure Python) is the reference and
the fallback. fitfast is used only where a test shows it agrees with fitdecode on every real
file (tests/importers/test_fit_decoders_agree.py); a file goes to fitdecode when fitfast:

- rejects it (truncated, bad CRC, chained with a broken part, missing definition...);
- holds ``compressed_speed_distance`` (FR60/FR70 era) in a form ``fit_compressed`` does not expand
  exactly as fitdecode would (it expands the usual one: one definition, no native speed/distance);
- holds ``hr`` messages (HRM-Tri/Swim): fitfast leaves ``event_timestamp_12`` packed;
- declares a developer field named like a native record field (it would shadow the native one).

fitfast also rejects files whose header CRC is 0x0000 (legal: "not computed"), checking the file
CRC over the data only. Such a file's CRC is checked here over header and data, as the FIT
protocol says, and the bytes handed to fitfast carry a computed header CRC and data CRC.

Both decoders give the same shape: message dicts keyed by field name (first valid value wins,
developer fields left out), enum values as names, times as FIT seconds (see ``fit_time``).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import fitdecode
import fitfast
import numpy as np

from runcoach.domain.run.runs import FloatArray
from runcoach.importers import fit_compressed, fit_prefix

Message = dict[str, Any]

FIT_EPOCH_UNIX_S = 631065600  # 1989-12-31T00:00:00Z, the FIT epoch (FIT protocol, Garmin)
FIT_RELATIVE_TIME_MAX = 0x10000000  # date_time below this is seconds since power-on (FIT SDK)
_FITFAST_UNIX_OFFSET = FIT_EPOCH_UNIX_S  # fitfast adds this to every date_time it decodes

# Record fields the reader uses: a developer field with one of these names goes to fitdecode.
NATIVE_RECORD_FIELDS = frozenset(
    {
        "timestamp", "distance", "position_lat", "position_long", "altitude",
        "enhanced_altitude", "heart_rate", "cadence", "fractional_cadence", "power",
        "speed", "enhanced_speed",
    }
)  # fmt: skip
# The messages runs are built from besides records (their times are normalised).
SUMMARY_MESSAGES = frozenset(
    {"file_id", "session", "lap", "event", "activity", "device_info", "sport"}
)
_TIME_FIELDS = ("timestamp", "start_time", "time_created", "local_timestamp")


@dataclass
class FitContent:
    """What a FIT file holds: messages by kind, in file order, plus what went wrong on the way."""

    messages: dict[str, list[Any]] = field(default_factory=dict)  # kind -> Message dicts
    warnings: list[str] = field(default_factory=list)
    decoder: str = "fitdecode"
    end_offset: int | None = None  # where decoding stopped early, when it did
    record_time_offset_s: float = 0.0  # subtracted from record timestamps (fitfast adds one)

    def columns(self) -> dict[str, FloatArray]:
        """The record fields the reader uses as float columns, in time order, one row per
        timestamp (NaN where a record lacks a field). Built once."""
        if self._columns is None:
            self._columns = record_columns(self.of("record"), self.record_time_offset_s)
        return self._columns

    _columns: dict[str, FloatArray] | None = None

    def of(self, kind: str) -> list[Message]:
        return self.messages.get(kind, [])

    def first(self, kind: str) -> Message:
        found = self.of(kind)
        return found[0] if found else {}


class FitDecodeFailed(Exception):
    """Neither decoder could read anything: ``offset`` says where it broke."""

    def __init__(self, reason: str, offset: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


def record_columns(records: list[Any], time_offset_s: float = 0.0) -> dict[str, FloatArray]:
    """The record fields the reader uses as float columns (NaN where a record lacks one)."""
    present = set().union(*records) if records else set()  # fields no record has: all NaN
    missing = np.full(len(records), np.nan)
    columns = {
        name: _column(records, name) if name in present else missing.copy()
        for name in NATIVE_RECORD_FIELDS
    }
    columns["timestamp"] = columns["timestamp"] - time_offset_s
    keep = np.isfinite(columns["timestamp"])
    columns = {name: values[keep] for name, values in columns.items()}
    return _one_per_timestamp(columns)


def _one_per_timestamp(columns: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """Records in time order, one per timestamp: the first valid value of each field wins
    (chained files repeat records; some devices split one sample over two records)."""
    order = np.argsort(columns["timestamp"], kind="stable")
    stamps = columns["timestamp"][order]
    unique, inverse = np.unique(stamps, return_inverse=True)
    if len(unique) == len(stamps):
        return {name: values[order] for name, values in columns.items()}
    merged = {}
    for name, values in columns.items():
        ordered = values[order]
        valid = np.isfinite(ordered)
        out = np.full(len(unique), np.nan)
        out[inverse[valid][::-1]] = ordered[valid][::-1]
        merged[name] = out
    return merged


def _column(records: list[Any], name: str) -> FloatArray:
    values = [record.get(name, _NAN) for record in records]
    try:
        column = np.array(values, dtype=np.float64)  # None becomes NaN too
        if column.ndim == 1:
            return column
    except (TypeError, ValueError):
        pass  # a damaged file can give a list or a string where a number belongs
    return np.array([v if isinstance(v, int | float) else np.nan for v in values], dtype=float)


_NAN = float("nan")


def decode(data: bytes) -> FitContent:
    """The file's messages, from fitfast when it is trusted with this file (or with the part
    before a break at an undefined local message: ``fit_prefix``), else fitdecode."""
    fast = decode_fast(data)
    if fast is not None:
        return fast
    cut = fit_prefix.before_break(data, fit_crc)
    if cut is not None:
        before = _fast_reading(cut.data)
        if before is not None:
            return _broken_at(before, cut.offset, cut.reason)
    return decode_reference(data)


def decode_fast(data: bytes) -> FitContent | None:
    """fitfast's reading, or None when fitfast cannot read this file or is not trusted with it."""
    prepared = _with_computed_header_crcs(data)
    return _fast_reading(prepared) if prepared is not None else None


def _fast_reading(prepared: bytes) -> FitContent | None:
    try:
        parsed = fitfast.parse(prepared, enum_names=True, datetimes=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        return None
    if not _fast_is_trusted(parsed) or not _expand_compressed(parsed, prepared):
        return None
    messages: dict[str, list[Any]] = {
        kind: [_fast_message(m) for m in found] if kind in SUMMARY_MESSAGES else found
        for kind, found in parsed.items()
    }  # records (the bulk) stay as fitfast made them: columns() reads them directly
    return FitContent(
        messages=messages, decoder="fitfast", record_time_offset_s=_FITFAST_UNIX_OFFSET
    )


def _fast_is_trusted(parsed: dict[str, list[dict[str | int, Any]]]) -> bool:
    if parsed.get("hr"):
        return False
    names = {str(d.get("field_name", "")) for d in parsed.get("field_description", [])}
    return not names & NATIVE_RECORD_FIELDS


def _expand_compressed(parsed: dict[str, list[dict[str | int, Any]]], data: bytes) -> bool:
    """Speed and distance from compressed_speed_distance, in place; False if not exactly."""
    records = parsed.get("record", [])
    if not any(fit_compressed.FIELD in r for r in records):
        return True
    expanded = fit_compressed.expand(records) if fit_compressed.defines_it_once(data) else None
    if expanded is None:
        return False
    parsed["record"] = expanded
    return True


def _fast_message(raw: dict[str | int, Any]) -> Message:
    message = {k: v for k, v in raw.items() if isinstance(k, str)}
    for name in _TIME_FIELDS:
        value = message.get(name)
        if isinstance(value, int | float):
            message[name] = value - _FITFAST_UNIX_OFFSET
    return message


def decode_reference(data: bytes) -> FitContent:
    """fitdecode's reading; keeps what was read before a break and says where it broke."""
    content = FitContent(decoder="fitdecode")
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.READONLY,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    try:
        with warnings.catch_warnings(), reader:
            warnings.simplefilter("ignore")
            for frame in reader:
                _take_frame(content, frame)
    except Exception as error:  # fitdecode also fails with AssertionError, TypeError...
        offset = _offset_of(error)
        if not content.messages:
            raise FitDecodeFailed(_short(error), offset) from error
        _broken_at(content, offset, _short(error))
    return content


def _broken_at(content: FitContent, offset: int | None, reason: str) -> FitContent:
    content.end_offset = offset
    where = f"at byte {offset}" if offset is not None else "early"
    content.warnings.append(f"the file breaks {where} ({reason})")
    return content


def _take_frame(content: FitContent, frame: Any) -> None:
    if isinstance(frame, fitdecode.FitCRC):
        if not frame.matched and frame.crc != 0:
            content.warnings.append("the file's CRC does not match its data: it may be damaged")
    elif isinstance(frame, fitdecode.FitDataMessage):
        convert = _hr_message if frame.name == "hr" else _reference_message
        content.messages.setdefault(frame.name, []).append(convert(frame))


def _reference_message(frame: fitdecode.FitDataMessage) -> Message:
    message: Message = {}
    for item in frame.fields:
        if item.value is None or isinstance(item.field, fitdecode.types.DevField):
            continue
        name = item.name
        if name in message:  # a later, expanded copy never replaces a valid first value
            continue
        message[name] = _plain(name, item)
    return message


def _plain(name: str, item: Any) -> Any:
    value = item.value
    if isinstance(value, datetime):
        if name == "event_timestamp":  # hr messages: expanded 12-bit times, absolute
            return value.timestamp() - FIT_EPOCH_UNIX_S
        return item.raw_value
    if isinstance(value, tuple) and name == "event_timestamp" and value:
        return [_plain(name, _Raw(v)) for v in value]
    return value


@dataclass
class _Raw:
    value: Any

    @property
    def raw_value(self) -> Any:
        return self.value


def _hr_message(frame: fitdecode.FitDataMessage) -> Message:
    """An ``hr`` message as ``times`` (FIT seconds) and ``bpm`` lists of equal length.

    fitdecode expands ``event_timestamp_12`` into absolute times (anchored, as the FIT SDK does,
    on the message that carries ``timestamp`` and ``fractional_timestamp``); that anchor message
    holds one beat rate at its own time.
    """
    fields = _reference_message(frame)
    bpm = fields.get("filtered_bpm")
    bpms = list(bpm) if isinstance(bpm, tuple) else [bpm] if bpm is not None else []
    times = [
        item.value.timestamp() - FIT_EPOCH_UNIX_S
        for item in frame.fields
        if item.name == "event_timestamp" and isinstance(item.value, datetime)
    ]
    if not times and "timestamp" in fields:
        times = [fields["timestamp"] + fields.get("fractional_timestamp", 0.0)]
    count = min(len(times), len(bpms))
    return {"times": times[:count], "bpm": bpms[:count]}


def _offset_of(error: Exception) -> int | None:
    offset = getattr(error, "offset", None)
    if isinstance(offset, int):
        return offset
    _, at, tail = str(error).rpartition(" @ ")
    return int(tail) if at and tail.isdigit() else None


def _short(error: Exception) -> str:
    text = re.sub(r" @ \d+", "", str(error)).replace("FIT parsing error: ", "")
    return text[:160]


# --- FIT CRC-16 (FIT protocol, Garmin: polynomial 0xA001, reflected) ---

_CRC_TABLE = []
for _byte in range(256):
    _crc = _byte
    for _ in range(8):
        _crc = (_crc >> 1) ^ 0xA001 if _crc & 1 else _crc >> 1
    _CRC_TABLE.append(_crc)


def fit_crc(data: bytes | bytearray | memoryview, crc: int = 0) -> int:
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _with_computed_header_crcs(data: bytes) -> bytes | None:
    """The bytes fitfast accepts for a file whose headers say CRC 0x0000, None if none would do."""
    patched: bytearray | None = None
    offset = 0
    while offset < len(data):
        header_size = data[offset]
        if header_size not in (12, 14) or offset + header_size > len(data):
            return None
        (data_size,) = struct.unpack_from("<I", data, offset + 4)
        end = offset + header_size + data_size
        if end + 2 > len(data):
            return None
        if header_size == 14 and data[offset + 12 : offset + 14] == b"\0\0":
            patched = patched if patched is not None else bytearray(data)
            if not _patch_segment(patched, offset, end):
                return None
        offset = end + 2
    return bytes(patched) if patched is not None else data


def _patch_segment(buffer: bytearray, start: int, end: int) -> bool:
    (stored,) = struct.unpack_from("<H", buffer, end)
    if fit_crc(memoryview(buffer)[start:end]) != stored:
        return False
    struct.pack_into("<H", buffer, start + 12, fit_crc(memoryview(buffer)[start : start + 12]))
    struct.pack_into("<H", buffer, end, fit_crc(memoryview(buffer)[start + 14 : end]))
    return True
