"""What a restored row may hold beyond its column's type: the values of the domain.

A backup is a file that may have been damaged or edited. ``store/backup.py`` checks each
value against its column (a number, a date between 1900 and 2200, text that fits); this
module checks the columns that carry a domain value: a sport runcoach knows, a workout
type, a feel, a time zone, a run's analysis that the domain reads back with the right
types, original files whose bytes still have the SHA-256 and size recorded for them,
samples in runcoach's own format. A row that fails is named with the reason, and nothing
is restored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import types
import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import zstandard

from runcoach.domain.days import zone
from runcoach.domain.errors import RuncoachError
from runcoach.domain.run.efforts import BestEffort, Halves, RunAnalysis, Split, SplitKind
from runcoach.domain.run.runs import Feel, Sport, Surface, Terrain, WorkoutType
from runcoach.domain.today.health import Symptoms
from runcoach.domain.units import Pace, UnitSystem
from runcoach.services.import_sources import MAX_FILE_BYTES
from runcoach.store.streams_codec import decode_streams

Check = Callable[[Any], None]


def one_of(kind: type[StrEnum]) -> Check:
    def check(value: Any) -> None:
        if value not in {member.value for member in kind}:
            raise ValueError(f"{value!r} is not a {kind.__name__.lower()} runcoach knows")

    return check


def time_zone(value: Any) -> None:
    try:
        zone(value)
    except RuncoachError as error:
        raise ValueError(str(error)) from None


def analysis(value: Any) -> None:
    """A run's analysis as ``RunAnalysis.to_dict`` wrote it, every field of its type."""
    if not isinstance(value, dict):
        raise ValueError("the analysis is not a JSON object")
    try:
        parsed = RunAnalysis.from_dict({**value, "best_efforts": []})
    except (KeyError, TypeError, ValueError, RuncoachError) as error:
        raise ValueError(f"the analysis cannot be read ({type(error).__name__}: {error})") from None
    for part in [*parsed.splits_km, *parsed.splits_mile, parsed.halves]:
        if part is not None:
            _typed(part)
    if not all(isinstance(why, str) for why in parsed.limitations):
        raise ValueError("the analysis's limitations are not text")


def _typed(part: Split | Halves | BestEffort) -> None:
    hints = typing.get_type_hints(type(part))
    for field in dataclasses.fields(part):
        value = getattr(part, field.name)
        if not _fits(value, hints[field.name]):
            raise ValueError(f"the analysis's {field.name} is {value!r}")


def _fits(value: Any, hint: Any) -> bool:
    if isinstance(hint, types.UnionType):
        return any(_fits(value, option) for option in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return _number(value)
    if hint is Pace:
        return isinstance(value, Pace) and _number(value.seconds_per_km)
    if hint is SplitKind:
        return isinstance(value, SplitKind)
    return False


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# Each table's columns that carry a domain value, and how each is checked.
COLUMN_CHECKS: dict[str, dict[str, Check]] = {
    "athletes": {"units": one_of(UnitSystem), "timezone": time_zone},
    "runs": {
        "sport": one_of(Sport),
        "workout_type": one_of(WorkoutType),
        "surface": one_of(Surface),
        "terrain": one_of(Terrain),
        "feel": one_of(Feel),
        "split_kind": one_of(SplitKind),
        "analysis": analysis,
    },
    "checkins": {"feel": one_of(Feel), "symptoms": one_of(Symptoms)},
}


def check_row(table: str, row: dict[str, Any]) -> None:
    """ValueError naming the column when a decoded row holds what the domain cannot read."""
    for column, check in COLUMN_CHECKS.get(table, {}).items():
        value = row.get(column)
        if value is not None:
            try:
                check(value)
            except ValueError as error:
                raise ValueError(f"column {column!r}: {error}") from None
    whole = WHOLE_ROW_CHECKS.get(table)
    if whole is not None:
        whole(row)


def original_file(row: dict[str, Any]) -> None:
    """An original file's bytes still have the SHA-256 and the size recorded for them."""
    size = row.get("size_bytes")
    if not isinstance(size, int) or not 0 <= size <= MAX_FILE_BYTES:
        raise ValueError(f"column 'size_bytes': {size!r} is not a size runcoach imports")
    try:
        data = zstandard.ZstdDecompressor().decompress(row["data"], max_output_size=size)
    except (zstandard.ZstdError, KeyError, TypeError) as error:
        raise ValueError(f"column 'data': the original file cannot be unpacked: {error}") from None
    if len(data) != size or hashlib.sha256(data).hexdigest() != row.get("sha256"):
        raise ValueError("column 'data': the original file's bytes are not the ones recorded")


def samples(row: dict[str, Any]) -> None:
    """A run's samples in runcoach's own format, as many as recorded."""
    try:
        unpacked = zstandard.frame_content_size(row["data"])
        if not 0 <= unpacked <= MAX_FILE_BYTES:  # -1: not recorded in the frame
            raise ValueError(f"{unpacked:,} bytes unpacked is not a run's samples")
        streams = decode_streams(row["data"])
    except (RuncoachError, KeyError, ValueError, TypeError, zstandard.ZstdError) as error:
        raise ValueError(f"column 'data': the samples cannot be read: {error}") from None
    if len(streams) != row.get("samples"):
        raise ValueError(f"column 'samples': {row.get('samples')!r}, the data holds {len(streams)}")


WHOLE_ROW_CHECKS: dict[str, Check] = {"source_files": original_file, "streams": samples}
