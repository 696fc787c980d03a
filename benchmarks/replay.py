"""Replay real device files at other dates: the raw material of the decade benchmark.

A FIT file is rewritten in place (every date_time field moved, the file CRC recomputed), a
GPX or TCX file has its timestamps moved in the XML text. Nothing else in the file changes,
so the benchmark imports exactly what devices wrote, only on other days.
"""

from __future__ import annotations

import re
import struct
from datetime import UTC, datetime, timedelta

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
FIT_MIN_DATE_TIME = 0x10000000  # below this a FIT date_time is relative system time (FIT SDK)
FIT_INVALID_UINT32 = 0xFFFFFFFF
COMPRESSED_TIMESTAMP_STEP_S = 32  # compressed timestamps keep the low 5 bits (FIT SDK)

# (global message number, field number) of absolute date_time fields besides 253 (timestamp).
FIT_DATE_TIME_FIELDS = {
    (0, 4),  # file_id.time_created
    (18, 2),  # session.start_time
    (19, 2),  # lap.start_time
    (34, 5),  # activity.local_timestamp
    (101, 2),  # length.start_time
    (216, 2),  # time_in_zone? kept for devices that write start_time here
}
TIMESTAMP_FIELD = 253

_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def fit_crc(data: bytes | bytearray, crc: int = 0) -> int:
    """The FIT CRC-16 of ``data`` (FIT SDK, section 'File CRC')."""
    for byte in data:
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[byte & 0xF]
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[(byte >> 4) & 0xF]
    return crc


def shift_fit(data: bytes, shift_s: int) -> bytes:
    """The FIT file ``data`` with every absolute date_time moved by ``shift_s`` seconds.

    ``shift_s`` must be a multiple of 32 s so that compressed timestamps stay valid.
    Chained FIT files (several headers in one file) are shifted part by part.
    """
    if shift_s % COMPRESSED_TIMESTAMP_STEP_S:
        raise ValueError("shift a FIT file by a multiple of 32 seconds")
    out = bytearray(data)
    offset = 0
    while offset + 12 <= len(out):
        end = _shift_fit_part(out, offset, shift_s)
        if end is None:
            break
        offset = end
    return bytes(out)


def _shift_fit_part(out: bytearray, start: int, shift_s: int) -> int | None:
    header_size = out[start]
    if out[start + 8 : start + 12] != b".FIT":
        return None
    data_size = struct.unpack_from("<I", out, start + 4)[0]
    pos = start + header_size
    end = pos + data_size
    definitions: dict[int, tuple[str, int, list[tuple[int, int]], int]] = {}
    if end + 2 > len(out):
        # A truncated file (the device stopped writing): shift every record that is whole,
        # leave the cut-off tail as it is; there is no CRC to recompute.
        _shift_truncated(out, pos, definitions, shift_s)
        return None
    while pos < end:
        pos = _shift_record(out, pos, definitions, shift_s)
    crc = fit_crc(out[start:end])
    struct.pack_into("<H", out, end, crc)
    return end + 2


def _shift_truncated(
    out: bytearray,
    pos: int,
    definitions: dict[int, tuple[str, int, list[tuple[int, int]], int]],
    shift_s: int,
) -> None:
    while pos < len(out):
        try:  # the record cut off by the end of the file is shifted as far as it goes
            pos = _shift_record(out, pos, definitions, shift_s)
        except (IndexError, KeyError, struct.error):
            return


def _shift_record(
    out: bytearray,
    pos: int,
    definitions: dict[int, tuple[str, int, list[tuple[int, int]], int]],
    shift_s: int,
) -> int:
    header = out[pos]
    pos += 1
    if header & 0x80:  # compressed timestamp header: a data message of local type bits 5-6
        return _shift_data(out, pos, definitions[(header >> 5) & 0x3], shift_s)
    local = header & 0x0F
    if header & 0x40:
        return _read_definition(out, pos, local, bool(header & 0x20), definitions)
    return _shift_data(out, pos, definitions[local], shift_s)


def _read_definition(
    out: bytearray,
    pos: int,
    local: int,
    has_developer_fields: bool,
    definitions: dict[int, tuple[str, int, list[tuple[int, int]], int]],
) -> int:
    endian = ">" if out[pos + 1] == 1 else "<"
    global_num = struct.unpack_from(endian + "H", out, pos + 2)[0]
    count = out[pos + 4]
    pos += 5
    fields = [(out[pos + 3 * i], out[pos + 3 * i + 1]) for i in range(count)]
    pos += 3 * count
    developer_size = 0
    if has_developer_fields:
        dev_count = out[pos]
        developer_size = sum(out[pos + 1 + 3 * i + 1] for i in range(dev_count))
        pos += 1 + 3 * dev_count
    definitions[local] = (endian, global_num, fields, developer_size)
    return pos


def _shift_data(
    out: bytearray,
    pos: int,
    definition: tuple[str, int, list[tuple[int, int]], int],
    shift_s: int,
) -> int:
    endian, global_num, fields, developer_size = definition
    for number, size in fields:
        is_date = number == TIMESTAMP_FIELD or (global_num, number) in FIT_DATE_TIME_FIELDS
        if is_date and size == 4:
            value = struct.unpack_from(endian + "I", out, pos)[0]
            if FIT_MIN_DATE_TIME <= value != FIT_INVALID_UINT32:
                struct.pack_into(endian + "I", out, pos, (value + shift_s) & 0xFFFFFFFF)
        pos += size
    return pos + developer_size


_XML_TIME = re.compile(
    rb"(<(?:\w+:)?(?:time|Time|Id|StartTime)>|StartTime=\")"
    rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)?"
)


def shift_xml(data: bytes, shift_s: int) -> bytes:
    """A GPX or TCX file with every timestamp moved by ``shift_s`` seconds."""

    def move(match: re.Match[bytes]) -> bytes:
        stamp = match[2].decode()
        whole, _, fraction = stamp.partition(".")
        moved = datetime.fromisoformat(whole) + timedelta(seconds=shift_s)
        text = moved.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if fraction else "")
        return match[1] + text.encode() + (match[3] or b"")

    return _XML_TIME.sub(move, data)
