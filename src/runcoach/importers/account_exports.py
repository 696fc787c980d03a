"""Account exports: what Strava's ``activities.csv`` and Garmin's summarized activities say.

A Strava bulk export holds ``activities.csv`` (one row per activity: "Activity ID",
"Activity Date", "Activity Name", "Activity Type", "Activity Description", "Activity Gear",
"Filename", ...) next to ``activities/`` with the files (often ``.gz``). A Garmin export holds
``DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`` (names, types and start times)
and the FIT files in ``DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_*.zip``. The files
give the samples; these indexes give what the runner typed: names, descriptions, shoes.

An index is untrusted like any file: it is read through a bounded reader, a bad row or entry
is left out with a problem naming its line (``ExportIndex.problems``), never the whole
import's end, and the text kept is cut to what the log stores.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from runcoach.domain.errors import ImportProblem
from runcoach.domain.run.runs import Sport
from runcoach.importers.sports import named_sport

STRAVA_INDEX = "activities.csv"
GARMIN_SUMMARY_SUFFIX = "summarizedActivities.json"
MAX_INDEX_BYTES = 64 * 1024 * 1024  # bytes; an index larger than this is not read (Strava's
# activities.csv of 5,000 activities is ~5 MB)
MAX_NAME_CHARS = 500  # characters of a run's name kept (the runs.name column)
MAX_GEAR_CHARS = 200  # characters of a pair of shoes' name kept (the shoes.name column)
MAX_DESCRIPTION_CHARS = 64 * 1024  # characters of a description kept as the run's notes
MAX_PROBLEMS_KEPT = 20  # problems of one index listed; the rest are counted
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
    member: str | None = None  # the index file's own path inside the export
    problems: list[str] = field(default_factory=list)  # rows or entries left out, and why
    left_out: int = 0  # problems beyond those listed

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(text)
        else:
            self.left_out += 1

    def notes(self) -> list[str]:
        more = [f"and {self.left_out} more rows or entries left out"] if self.left_out else []
        return [*self.problems, *more]

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


ReadMember = Callable[[zipfile.ZipInfo, int], bytes]  # (member, most bytes) -> its bytes
ReadFile = Callable[[Path, int], bytes]  # (path, most bytes) -> its bytes


def index_of_zip(archive: zipfile.ZipFile, read: ReadMember) -> ExportIndex | None:
    """The export index in ``archive``, read with ``read`` (bounded: an ImportProblem leaves
    an empty index that says why)."""
    for info in archive.infolist():
        base = info.filename.rsplit("/", 1)[-1]
        if base == STRAVA_INDEX:
            prefix = info.filename[: -len(STRAVA_INDEX)]
            return _index(partial(read, info, MAX_INDEX_BYTES), info.filename, prefix, "strava")
        if base.endswith(GARMIN_SUMMARY_SUFFIX):
            return _index(partial(read, info, MAX_INDEX_BYTES), info.filename, "", "garmin")
    return None


def index_of_folder(folder: Path, read: ReadFile) -> ExportIndex | None:
    strava = folder / STRAVA_INDEX
    if strava.is_file():
        return _index(partial(read, strava, MAX_INDEX_BYTES), STRAVA_INDEX, "", "strava")
    for summary in folder.glob(f"DI_CONNECT/*/*{GARMIN_SUMMARY_SUFFIX}"):
        member = summary.relative_to(folder).as_posix()
        return _index(partial(read, summary, MAX_INDEX_BYTES), member, "", "garmin")
    return None


def _index(load: Callable[[], bytes], member: str, prefix: str, kind: str) -> ExportIndex:
    try:
        data = load()
    except ImportProblem as problem:
        index = ExportIndex(kind=kind, prefix=prefix, member=member)
        index.problem(f"not read: {problem.message}")
        return index
    index = strava_index(data, prefix) if kind == "strava" else garmin_index(data)
    index.member = member
    return index


# --- Strava --------------------------------------------------------------------------------


def strava_index(data: bytes, prefix: str) -> ExportIndex:
    """The rows of Strava's ``activities.csv``; a row that cannot be read (a field over the
    csv module's 128 KiB, an ID that is not a number) is left out with its line number."""
    index = ExportIndex(kind="strava", prefix=prefix, member=prefix + STRAVA_INDEX)
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    column: dict[str, int] | None = None
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return index
        except csv.Error as error:
            index.problem(f"line {rows.line_num}: {error}; the row is left out")
            continue
        if column is None:
            column = _columns(row)
        else:
            _add_strava_row(index, row, column, rows.line_num)


def _columns(header: list[str]) -> dict[str, int]:
    column: dict[str, int] = {}
    for position, title in enumerate(header):
        column.setdefault(title.strip(), position)  # Strava repeats some titles: first wins
    return column


def _add_strava_row(index: ExportIndex, row: list[str], column: dict[str, int], line: int) -> None:
    activity_id = _cell(row, column, "Activity ID")
    if not activity_id:
        return
    if not activity_id.isdigit():
        shown = activity_id[:40]
        index.problem(f"line {line}: Activity ID '{shown}' is not a number; the row is left out")
        return
    record = _strava_record(activity_id, row, column)
    filename = _cell(row, column, "Filename")
    if filename:
        index.by_file[_file_key(filename)] = record
    index.by_start.append(record)


def _strava_record(activity_id: str, row: list[str], column: dict[str, int]) -> ExportRecord:
    kind = _cell(row, column, "Activity Type")
    return ExportRecord(
        activity_id=activity_id,
        name=_cut(_cell(row, column, "Activity Name"), MAX_NAME_CHARS),
        sport=named_sport(kind, default=Sport.OTHER) if kind else None,
        description=_cut(_cell(row, column, "Activity Description"), MAX_DESCRIPTION_CHARS),
        gear=_cut(_cell(row, column, "Activity Gear"), MAX_GEAR_CHARS),
        start=_strava_date(_cell(row, column, "Activity Date")),
    )


def _cut(text: str | None, most: int) -> str | None:
    return None if text is None else text[:most]


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
    """The entries of Garmin's summarized activities; an entry that cannot be read is left out
    with its number, a document that is not JSON (or nested too deep to read) leaves none."""
    index = ExportIndex(kind="garmin")
    try:
        content = json.loads(data)
    except (ValueError, RecursionError) as error:
        reason = "nested too deep" if isinstance(error, RecursionError) else str(error)[:200]
        index.problem(f"not read as JSON ({reason}); no names or types taken from it")
        return index
    number = 0
    for block in content if isinstance(content, list) else [content]:
        entries = block.get("summarizedActivitiesExport", []) if isinstance(block, dict) else []
        for entry in entries if isinstance(entries, list) else []:
            number += 1
            record = _garmin_record(entry)
            if isinstance(record, str):
                index.problem(f"entry {number}: {record}; left out")
            else:
                index.by_start.append(record)
    return index


def _garmin_record(entry: Any) -> ExportRecord | str:
    """The entry's record, or what is wrong with it."""
    if not isinstance(entry, dict) or "startTimeGmt" not in entry:
        return "not an activity with a startTimeGmt"
    try:
        start = datetime.fromtimestamp(float(entry["startTimeGmt"]) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return f"startTimeGmt {str(entry['startTimeGmt'])[:40]!r} is not a time"
    kind = _text(entry.get("activityType"))
    return ExportRecord(
        activity_id=str(_text(entry.get("activityId")) or ""),
        name=_cut(_text(entry.get("name")), MAX_NAME_CHARS),
        sport=named_sport(kind, default=Sport.OTHER) if kind else None,
        description=_cut(_text(entry.get("description")), MAX_DESCRIPTION_CHARS),
        start=start,
    )


def _text(value: Any) -> str | None:
    """A JSON value that is text (or a number, e.g. an ID); anything else is not taken."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value) or None
