"""A walk over a FIT file's record headers (FIT protocol): where each message starts, which
local message it is, and what the definition messages declare. No field is decoded.

Used where a decision needs the file's structure that the decoders do not report: how many
definitions declare a field (``fit_compressed``), where a file breaks (``fit_prefix``).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    """A definition message: the global message, its native field numbers, a data message's size."""

    message: int
    fields: tuple[int, ...]
    size: int


class UndefinedMessage(Exception):
    """A data message whose local message number no definition gave: the file breaks there."""

    def __init__(self, offset: int, local: int) -> None:
        super().__init__(f"local message {local} not defined")
        self.offset = offset
        self.local = local


def segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(start, header size, end of data) of each chained FIT file; struct.error if cut short."""
    offset = 0
    while offset < len(data):
        header_size = data[offset]
        (data_size,) = struct.unpack_from("<I", data, offset + 4)
        yield offset, header_size, offset + header_size + data_size
        offset += header_size + data_size + 2


def definitions(data: bytes, offset: int, end: int) -> Iterator[tuple[int, Definition | None]]:
    """(offset, its definition) of each definition message and (offset, None) of each data
    message between offset and end. Raises UndefinedMessage, IndexError or struct.error."""
    known: dict[int, Definition] = {}
    while offset < end:
        header = data[offset]
        if header & 0x80:  # compressed timestamp header: a data message
            local, definition = (header >> 5) & 0x3, None
        elif header & 0x40:
            local, definition = header & 0x0F, _definition(data, offset + 1, header & 0x20)
        else:
            local, definition = header & 0x0F, None
        yield offset, definition
        if definition is not None:
            known[local] = definition
            offset += 1 + _definition_length(data, offset + 1, header & 0x20)
        elif local in known:
            offset += 1 + known[local].size
        else:
            raise UndefinedMessage(offset, local)


def _definition(data: bytes, offset: int, developer: int) -> Definition:
    big_endian = data[offset + 1] == 1
    (message,) = struct.unpack_from(">H" if big_endian else "<H", data, offset + 2)
    count = data[offset + 4]
    starts = range(offset + 5, offset + 5 + 3 * count, 3)
    size = sum(data[at + 1] for at in starts)
    if developer:
        extra_at = offset + 5 + 3 * count
        size += sum(
            data[at + 1] for at in range(extra_at + 1, extra_at + 1 + 3 * data[extra_at], 3)
        )
    return Definition(message, tuple(data[at] for at in starts), size)


def _definition_length(data: bytes, offset: int, developer: int) -> int:
    length = 5 + 3 * data[offset + 4]
    return length + (1 + 3 * data[offset + length] if developer else 0)
