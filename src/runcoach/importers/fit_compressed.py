"""``compressed_speed_distance`` (FR60/FR70-era records) expanded from fitfast's raw bytes.

The FIT profile packs a record's speed and distance into 3 bytes (record field 8, little-endian
bits): speed in bits 0-11, scale 100 (m/s); distance in bits 12-23, scale 16 (m), *accumulated*:
each value is the low 12 bits of a running total that rolls over at 4096 (256 m). fitfast leaves
the 3 bytes as they are; this expands them exactly as fitdecode (the reference) does:

- the running total starts at 0 where a definition message declares the field, so a file
  defining records with this field more than once (or chaining files that do) is left to
  fitdecode (``defines_it_once``) rather than guessed at;
- a record whose 3 bytes are all 0xFF (invalid) has none: fitfast drops such a field;
- a record that also carries a native ``speed`` or ``distance`` is left to fitdecode, whose
  "first value wins" order depends on the field order of its definition.
"""

from __future__ import annotations

import struct
from typing import Any

from runcoach.importers import fit_walk

FIELD = "compressed_speed_distance"
RECORD_MESSAGE = 20  # FIT global message number of ``record`` (FIT profile)
_FIELD_NUMBER = 8  # record.compressed_speed_distance (FIT profile)
SPEED_SCALE = 100.0  # 12-bit speed component: 1/100 m/s (FIT profile)
DISTANCE_SCALE = 16.0  # 12-bit distance component: 1/16 m, accumulated (FIT profile)
_DISTANCE_BITS = 12


def expand(records: list[Any]) -> list[Any] | None:
    """The records with ``speed`` and ``distance`` from their packed bytes, or None when a
    record holds them in a form only fitdecode reads exactly."""
    total = 0
    out = []
    for record in records:
        packed = record.get(FIELD)
        if packed is None:
            out.append(record)
            continue
        if len(packed) != 3 or "speed" in record or "distance" in record:
            return None
        low = packed[0] | packed[1] << 8 | packed[2] << 16
        total = _accumulate(low >> 12, total)
        speed_m_s = (low & 0xFFF) / SPEED_SCALE
        out.append({**record, "speed": speed_m_s, "distance": total / DISTANCE_SCALE})
    return out


def _accumulate(value: int, total: int) -> int:
    """The running total after a 12-bit value (fitdecode's, i.e. the FIT SDK's, rollover rule)."""
    mask = (1 << _DISTANCE_BITS) - 1
    base = value + (total & ~mask)
    return base + (1 << _DISTANCE_BITS) if value < (total & mask) else base


def defines_it_once(data: bytes) -> bool:
    """Whether the file (all its chained parts) declares record.compressed_speed_distance in
    exactly one definition message, so that one running total covers it all."""
    try:
        count = sum(
            1
            for start, header_size, end in fit_walk.segments(data)
            for _, found in fit_walk.definitions(data, start + header_size, end)
            if found is not None
            and found.message == RECORD_MESSAGE
            and _FIELD_NUMBER in found.fields
        )
    except (IndexError, struct.error, fit_walk.UndefinedMessage):
        return False
    return count == 1
