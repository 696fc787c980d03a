"""A FIT file that breaks at a message of an undefined local number, cut to what comes before.

fitdecode (the fallback) reads such a file up to the break and stops there (e.g. a Strava
Android export: "local message 11 not defined"); fitfast rejects the whole file. The bytes up
to the break, with the header's data size and both CRCs made to match them (FIT protocol), are
a whole FIT file that fitfast reads to the same messages as fitdecode's partial reading, in a
fraction of the time. Only the first file of a chain, with the break inside it, is cut here:
anything else stays with fitdecode.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

from runcoach.importers import fit_walk

CrcFunction = Callable[[bytes | bytearray | memoryview, int], int]  # fit_decode.fit_crc


@dataclass(frozen=True)
class Prefix:
    """The bytes before the break as a FIT file of their own, and where and why it broke."""

    data: bytes
    offset: int
    reason: str


def before_break(data: bytes, crc: CrcFunction) -> Prefix | None:
    """The file cut at its first data message of an undefined local number, or None when the
    file has no such break (or breaks in another way, or is chained)."""
    try:
        start, header_size, end = next(fit_walk.segments(data))
        if start != 0 or header_size not in (12, 14):
            return None
        for _ in fit_walk.definitions(data, header_size, min(end, len(data))):
            pass
    except fit_walk.UndefinedMessage as broken:
        return Prefix(_as_file(data, header_size, broken.offset, crc), broken.offset, str(broken))
    except (IndexError, StopIteration, struct.error):
        return None
    return None


def _as_file(data: bytes, header_size: int, cut: int, crc: CrcFunction) -> bytes:
    header = bytearray(data[:header_size])
    struct.pack_into("<I", header, 4, cut - header_size)
    if header_size == 14:
        struct.pack_into("<H", header, 12, crc(header[:12], 0))
    body = data[header_size:cut]
    return bytes(header) + body + struct.pack("<H", crc(body, crc(header, 0)))
