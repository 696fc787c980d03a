"""A run's samples as one compressed blob: columnar, delta-coded integers, zstd.

Each stream is quantised at (or below) the resolution a FIT device records, forward-filled
where a sample is missing (a bit mask remembers which), delta-coded, narrowed to the smallest
integer type that holds the deltas and compressed with zstd. A typical run's streams take a
fraction of the size of its FIT file (docs/storage.md has the measurements). The original
file is kept as well, so a better codec can always re-derive the streams.
"""

from __future__ import annotations

import json
import struct
from typing import TYPE_CHECKING, Any

from runcoach.domain.errors import CorruptFile
from runcoach.domain.run.runs import FloatArray, Streams

if TYPE_CHECKING:
    import numpy as np

CODEC = "rcs1-delta-zstd"
ZSTD_LEVEL = 9  # zstd level, 1-22; 9 is near the size of 19 at a fraction of the time
_MAGIC = b"RCS1"

# Units per stored integer step: the stream's value times the scale is stored as an integer.
SCALES: dict[str, float] = {
    "time_s": 1000.0,  # 1 ms
    "distance_m": 100.0,  # 1 cm, the FIT distance resolution
    "latitude": 1e7,  # 1e-7 degree, about 1 cm (FIT: 1 semicircle = 8.4e-8 degree)
    "longitude": 1e7,
    "altitude_m": 100.0,  # 1 cm (FIT: 20 cm)
    "heart_rate": 10.0,  # 0.1 bpm (FIT: 1 bpm)
    "cadence_spm": 100.0,  # 0.01 spm (FIT: 1/128 with fractional cadence)
    "power_w": 10.0,  # 0.1 W (FIT: 1 W)
    "speed_m_s": 1000.0,  # 1 mm/s, the FIT speed resolution
}


def encode_streams(streams: Streams) -> bytes:
    """The streams as one compressed blob."""
    import zstandard

    header: list[dict[str, object]] = []
    parts: list[bytes] = []
    for name, values in streams.named().items():
        column, payload = _encode_column(name, values)
        header.append(column)
        parts.extend(payload)
    head = json.dumps({"n": len(streams), "columns": header}).encode()
    raw = _MAGIC + struct.pack("<I", len(head)) + head + b"".join(parts)
    return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw)


def _encode_column(name: str, values: FloatArray) -> tuple[dict[str, object], list[bytes]]:
    import numpy as np

    finite = np.isfinite(values)
    filled = _forward_fill(values, finite)
    scaled = np.round(filled * SCALES[name]).astype(np.int64)
    deltas = np.diff(scaled, prepend=np.int64(0))
    dtype = _narrowest(deltas)
    payload = [deltas.astype(dtype).tobytes()]
    has_mask = not bool(finite.all())
    if has_mask:
        payload.append(np.packbits(finite).tobytes())
    column = {"name": name, "dtype": np.dtype(dtype).str, "mask": has_mask}
    return column, payload


def _forward_fill(values: FloatArray, finite: np.ndarray) -> FloatArray:
    import numpy as np

    if finite.all():
        return values
    if not finite.any():
        return np.zeros_like(values)
    index = np.where(finite, np.arange(len(values)), 0)
    np.maximum.accumulate(index, out=index)
    filled = values[index]
    filled[: int(np.argmax(finite))] = values[int(np.argmax(finite))]
    return filled


def _narrowest(deltas: np.ndarray) -> type[np.signedinteger[Any]]:
    import numpy as np

    if len(deltas) == 0:
        return np.int8
    low, high = int(deltas.min()), int(deltas.max())
    for dtype in (np.int8, np.int16, np.int32):
        info = np.iinfo(dtype)
        if info.min <= low and high <= info.max:
            return dtype
    return np.int64


def decode_streams(blob: bytes) -> Streams:
    """The streams back from ``encode_streams``'s blob."""
    import zstandard

    try:
        raw = zstandard.ZstdDecompressor().decompress(blob)
    except zstandard.ZstdError as exc:
        raise CorruptFile(f"stored samples are damaged: {exc}") from exc
    if raw[:4] != _MAGIC:
        raise CorruptFile("stored samples are not in runcoach's stream format")
    (head_len,) = struct.unpack("<I", raw[4:8])
    head = json.loads(raw[8 : 8 + head_len])
    offset, n, columns = 8 + head_len, int(head["n"]), {}
    for column in head["columns"]:
        values, offset = _decode_column(raw, offset, n, column)
        columns[column["name"]] = values
    return Streams(**columns)


def _decode_column(
    raw: bytes, offset: int, n: int, column: dict[str, object]
) -> tuple[FloatArray, int]:
    import numpy as np

    dtype = np.dtype(str(column["dtype"]))
    deltas = np.frombuffer(raw, dtype=dtype, count=n, offset=offset)
    offset += n * dtype.itemsize
    values = np.cumsum(deltas.astype(np.int64)) / SCALES[str(column["name"])]
    if column["mask"]:
        mask_len = (n + 7) // 8
        mask = np.unpackbits(np.frombuffer(raw, np.uint8, mask_len, offset), count=n)
        offset += mask_len
        values[mask == 0] = np.nan
    return values.astype(np.float64), offset
