"""``runcoach import PATH...``: files, folders, .gz and .zip exports into the training log.

Exit status: 0 when anything was imported or was already there, or when every file simply
held no activity (a folder of settings files is not an error); 6 when every activity file
failed; 2 for a path that does not exist.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.hints import said
from runcoach.cli.output import emit, json_option
from runcoach.cli.shoes import warn_worn
from runcoach.domain.errors import ImportProblem
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import FileOutcome, ImportSummary, Outcome, import_sources
from runcoach.views.imports import import_summary_json

PROGRESS_MIN_FILES = 2  # files; a single file needs no progress bar

_LABELS = {
    Outcome.ALREADY_THERE: "already there",
    Outcome.NOT_ACTIVITY: "not an activity",
    Outcome.QUARANTINED: "quarantined (cannot be; see runcoach quarantine)",
    Outcome.FAILED: "failed",
}


class _Progress:
    """A progress bar on stderr, only for a person at a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, total: int) -> None:
        if self.enabled and total >= PROGRESS_MIN_FILES:
            self.bar = click.progressbar(length=total, label="importing", file=sys.stderr)
            self.bar.__enter__()

    def step(self, _outcome: FileOutcome) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@pass_app
def import_command(app: AppContext, paths: tuple[Path, ...], as_json: bool) -> None:
    """Import activity files: FIT, GPX, TCX (also .gz), folders and .zip account exports.

    A whole Strava or Garmin export can be given as its .zip or unpacked folder; the names,
    descriptions and shoes of its index are merged into the runs. Importing again never
    duplicates a run. Exit status: 0 when anything was imported or already there (or no
    file held an activity), 6 when every activity file failed, 2 for a missing path.
    """
    progress = _Progress(enabled=not as_json and sys.stderr.isatty())
    try:
        summary = import_sources(
            app.engine,
            sources_of_paths(list(paths)),
            athlete_id=app.athlete_id,
            progress=progress.step,
            on_total=progress.start,
            settings=app.settings,
        )
    finally:
        progress.finish()
    if summary.worked:
        _judge_contracts(app)
    emit(as_json, import_summary_json(summary), lambda: _render(summary))
    warn_worn(summary.worn_out, app.settings.units)
    if not summary.worked:
        raise ImportProblem(
            f"none of the {summary.count(Outcome.FAILED)} activity files could be imported",
            hint="see the reason given for each file above",
        )


def _judge_contracts(app: AppContext) -> None:
    """New runs can decide a contract's period: judged now, not at the server's next round."""
    from runcoach.services.contract_judging import judge_due

    judge_due(app.engine, datetime.now(UTC), athlete_id=app.athlete_id)


def _render(summary: ImportSummary) -> str:
    lines = [
        f"imported {_count(summary.count(Outcome.IMPORTED), 'file')} "
        f"({_count(summary.runs_added, 'run')} added), "
        f"{summary.count(Outcome.ALREADY_THERE)} already there, "
        f"{summary.count(Outcome.NOT_ACTIVITY)} not activities, "
        f"{summary.count(Outcome.QUARANTINED)} quarantined, "
        f"{summary.count(Outcome.FAILED)} failed"
    ]
    for outcome, label in _LABELS.items():
        for file in (f for f in summary.files if f.outcome is outcome):
            lines.append(f"  {label}: {file.name}: {said(file.reason or '')}")
    for file in summary.files:
        for warning in file.warnings:
            lines.append(f"  note: {file.name}: {warning}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


COMMANDS = [import_command]
