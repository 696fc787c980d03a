"""The training log out of runcoach: a CSV of every run, and GPX files of their tracks.

Both write beside their destination first and rename, so a failure never leaves half a
file under the real name; the GPX export writes one file per run with a GPS track
(``2026-11-20-0712-run-123.gpx``) and says which runs had none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import Run
from runcoach.exporters.gpx_track import run_gpx
from runcoach.exporters.log_csv import LogRow, local_start, write_log_csv
from runcoach.services.files import atomic_path
from runcoach.services.runs import run_filter
from runcoach.store import runs as run_store
from runcoach.store.shoes import shoe_names


@dataclass(frozen=True)
class LogSelection:
    """Which runs to export (local dates, inclusive)."""

    date_from: date | None = None
    date_to: date | None = None
    workout_type: str | None = None
    sport: str | None = None


@dataclass
class ExportSummary:
    path: Path
    runs: int = 0
    files: list[Path] = field(default_factory=list)
    without_track: list[int] = field(default_factory=list)  # run ids with no GPS to write


def export_csv(
    engine: Engine, path: Path, selection: LogSelection, *, athlete_id: int
) -> ExportSummary:
    """Every selected run as a row of ``path``, oldest first."""
    with engine.connect() as conn:
        found = run_store.runs_oldest_first(conn, _filter(athlete_id, selection))
        names = shoe_names(conn, athlete_id)
    rows = (LogRow(run, names.get(run.shoe_id or 0)) for run in found)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as partial, partial.open("w", newline="", encoding="utf-8") as out:
        count = write_log_csv(rows, out)
    return ExportSummary(path, count)


def export_gpx(
    engine: Engine, folder: Path, selection: LogSelection, *, athlete_id: int
) -> ExportSummary:
    """A GPX file per selected run with a track, in ``folder``."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file: GPX files go in a folder, one per run")
    folder.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(folder)
    for run in _with_samples(engine, selection, athlete_id):
        summary.runs += 1
        if run.streams is None or run.streams.latitude is None:
            summary.without_track.append(run.id or 0)
            continue
        path = folder / gpx_name(run)
        with atomic_path(path) as partial:
            partial.write_text(run_gpx(run), encoding="utf-8")
        summary.files.append(path)
    return summary


def gpx_name(run: Run) -> str:
    return f"{local_start(run):%Y-%m-%d-%H%M}-{run.sport.value}-{run.id}.gpx"


def _with_samples(engine: Engine, selection: LogSelection, athlete_id: int) -> Iterator[Run]:
    with engine.connect() as conn:
        found = run_store.runs_oldest_first(conn, _filter(athlete_id, selection))
        for run in found:
            run.streams = run_store.streams_of(conn, run.id or 0)
            yield run


def _filter(athlete: int, selection: LogSelection) -> run_store.RunFilter:
    return run_filter(
        athlete, selection.date_from, selection.date_to, selection.workout_type, selection.sport
    )
