"""Small hostile files made on the spot (no fixture on disk holds a bomb)."""

from __future__ import annotations

import gzip
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

MiB = 1024 * 1024


def gpx_run(start: datetime | None = None, points: int = 120, name: str = "Easy run") -> bytes:
    """A valid GPX run of ``points`` seconds going north at ~3 m/s."""
    start = start or datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
    rows = []
    for i in range(points):
        when = (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(
            f'<trkpt lat="{48.0 + i * 0.000027:.6f}" lon="11.0"><time>{when}</time></trkpt>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{name}</name><type>running</type><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()


def gzip_of_zeros(total_bytes: int, piece_bytes: int = 64 * MiB) -> bytes:
    """A .gz that unpacks to ``total_bytes`` of zeros: copies of one gzip member (the format
    allows many), so a 3 GB bomb is ~3 MB and made in a moment."""
    piece = gzip.compress(b"\0" * piece_bytes, compresslevel=9)
    return piece * max(1, total_bytes // piece_bytes)


def nested_zip_bomb(path: Path, leaves: int = 4, copies: int = 4, leaf_bytes: int = MiB * 1024):
    """A zip of ``copies`` zips, each with ``leaves`` .gpx.gz members unpacking to
    ``leaf_bytes`` each: copies * leaves * leaf_bytes nominal bytes."""
    leaf = gzip_of_zeros(leaf_bytes)
    inner = path.with_suffix(".inner")
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_STORED) as archive:
        for i in range(leaves):
            archive.writestr(f"track-{i}.gpx.gz", leaf)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for i in range(copies):
            archive.write(inner, f"part-{i}.zip")
    inner.unlink()
    return path


def tcx_run(
    start: datetime | None = None,
    distance_m: float = 10_000.0,
    lap_seconds: float = 3_000.0,
    points: int = 60,
    step_s: float = 1.0,
) -> bytes:
    """A TCX run whose lap totals (the device's numbers, which win) say ``distance_m`` in
    ``lap_seconds``; its points are ``step_s`` apart."""
    start = start or datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    rows = "".join(
        f"<Trackpoint><Time>{(start + timedelta(seconds=i * step_s)).strftime(stamp)}</Time>"
        f"<DistanceMeters>{i * 3.0}</DistanceMeters></Trackpoint>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
        f'<Id>{start.strftime(stamp)}</Id><Lap StartTime="{start.strftime(stamp)}">'
        f"<TotalTimeSeconds>{lap_seconds}"
        f"</TotalTimeSeconds><DistanceMeters>{distance_m}</DistanceMeters><Track>{rows}</Track>"
        "</Lap></Activity></Activities></TrainingCenterDatabase>"
    ).encode()
