"""Account exports: what Strava's ``activities.csv`` and Garmin's summarized activities say.

A Strava bulk export holds ``activities.csv`` (one row per activity: "Activity ID",
"Activity Date", "Activity Name", "Activity Type", "Activity Description", "Activity Gear",
"Filename", ...) next to ``activities/`` with the files (often ``.gz``). A Garmin export holds
``DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`` (names, types and start times)
and the FIT files in ``DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_*.zip``. The files
give the samples; these indexes give what the runner typed: names, descriptions, shoes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from runcoach.domain.runs import Sport
from runcoach.importers.sports import named_sport

STRAVA_INDEX = "activities.csv"
GARMIN_SUMMARY_SUFFIX = "summarizedActivities.json"
MAX_INDEX_BYTES = 256 * 1024 * 1024  # bytes; an index larger than this is not read
MATCH_START_S = 120.0  # s; a summary belongs to a file whose run starts this close
STRAVA_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S")  # as Strava writes them


@dataclass(frozen=True)
class ExportRecord:
    """What an export's index says about one activity."""

    activity_id: str
    name: str | None = None
    sport: Sport | None = None
    description: str | None = None
    gear: str | None = None
    start: datetime | None = None


@dataclass
class ExportIndex:
    kind: str  # "strava" or "garmin"
    prefix: str = ""  # the folder the index sits in, inside the archive
    by_file: dict[str, ExportRecord] = field(default_factory=dict)
    by_start: list[ExportRecord] = field(default_factory=list)

    def record_for(self, member: str | None, start: datetime | None) -> ExportRecord | None:
        """The index's record of a file (by its path), else of a run (by its start)."""
        if member is not None:
            relative = member[len(self.prefix) :] if member.startswith(self.prefix) else member
            found = self.by_file.get(_file_key(relative))
            if found is not None:
                return found
        if start is None:
            return None
        near = [r for r in self.by_start if _seconds_apart(r.start, start) <= MATCH_START_S]
        return min(near, key=lambda r: _seconds_apart(r.start, start)) if near else None


def _seconds_apart(a: datetime | None, b: datetime) -> float:
    return float("inf") if a is None else abs((a - b).total_seconds())


def _file_key(path: str) -> str:
    """A file's key in an index: its path without a ``.gz``, lower-cased."""
    key = path.strip().replace("\\", "/").lower()
    return key[:-3] if key.endswith(".gz") else key


# --- finding the index -------------------------------------------------------------------


def index_of_zip(archive: zipfile.ZipFile) -> ExportIndex | None:
    for info in archive.infolist():
        base = info.filename.rsplit("/", 1)[-1]
        if info.file_size > MAX_INDEX_BYTES:
            continue
        if base == STRAVA_INDEX:
            prefix = info.filename[: -len(STRAVA_INDEX)]
            return strava_index(archive.read(info), prefix)
        if base.endswith(GARMIN_SUMMARY_SUFFIX):
            return garmin_index(archive.read(info))
    return None


def index_of_folder(folder: Path) -> ExportIndex | None:
    strava = folder / STRAVA_INDEX
    if strava.is_file() and strava.stat().st_size <= MAX_INDEX_BYTES:
        return strava_index(strava.read_bytes(), "")
    for summary in folder.glob(f"DI_CONNECT/*/*{GARMIN_SUMMARY_SUFFIX}"):
        return garmin_index(summary.read_bytes())
    return None


# --- Strava --------------------------------------------------------------------------------


def strava_index(data: bytes, prefix: str) -> ExportIndex:
    index = ExportIndex(kind="strava", prefix=prefix)
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    header = next(rows, [])
    column: dict[str, int] = {}
    for position, title in enumerate(header):
        column.setdefault(title.strip(), position)  # Strava repeats some titles: first wins
    for row in rows:
        record = _strava_record(row, column)
        if record is None:
            continue
        filename = _cell(row, column, "Filename")
        if filename:
            index.by_file[_file_key(filename)] = record
        index.by_start.append(record)
    return index


def _strava_record(row: list[str], column: dict[str, int]) -> ExportRecord | None:
    activity_id = _cell(row, column, "Activity ID")
    if not activity_id:
        return None
    kind = _cell(row, column, "Activity Type")
    return ExportRecord(
        activity_id=activity_id,
        name=_cell(row, column, "Activity Name"),
        sport=named_sport(kind, default=Sport.OTHER) if kind else None,
        description=_cell(row, column, "Activity Description"),
        gear=_cell(row, column, "Activity Gear"),
        start=_strava_date(_cell(row, column, "Activity Date")),
    )


def _cell(row: list[str], column: dict[str, int], title: str) -> str | None:
    position = column.get(title)
    if position is None or position >= len(row):
        return None
    value = row[position].strip()
    return value or None


def _strava_date(text: str | None) -> datetime | None:
    if not text:
        return None
    for pattern in STRAVA_DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


# --- Garmin --------------------------------------------------------------------------------


def garmin_index(data: bytes) -> ExportIndex:
    index = ExportIndex(kind="garmin")
    try:
        content = json.loads(data)
    except ValueError:
        return index
    for block in content if isinstance(content, list) else [content]:
        entries = block.get("summarizedActivitiesExport", []) if isinstance(block, dict) else []
        index.by_start.extend(r for r in map(_garmin_record, entries) if r is not None)
    return index


def _garmin_record(entry: Any) -> ExportRecord | None:
    if not isinstance(entry, dict) or "startTimeGmt" not in entry:
        return None
    try:
        start = datetime.fromtimestamp(float(entry["startTimeGmt"]) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    kind = entry.get("activityType")
    return ExportRecord(
        activity_id=str(entry.get("activityId", "")),
        name=entry.get("name") or None,
        sport=named_sport(str(kind), default=Sport.OTHER) if kind else None,
        description=entry.get("description") or None,
        start=start,
    )
