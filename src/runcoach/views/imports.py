"""Imports as JSON (``runcoach import --json``, ``quarantine release --json``): what became of
each file, and the counts."""

from __future__ import annotations

from typing import Literal, TypedDict

from runcoach.services.importing import FileOutcome, ImportSummary, Outcome

OutcomeName = Literal["imported", "already_there", "not_activity", "quarantined", "failed"]


class FileOutcomeJson(TypedDict):
    """One file: what became of it, why, and the runs it holds."""

    name: str
    outcome: OutcomeName
    reason: str | None  # why it was not imported, or what it was recognised as
    run_ids: list[int]
    kind: str | None  # the problem's kind: not_activity, unsupported, corrupt, failed, index
    warnings: list[str]


class ImportSummaryJson(TypedDict):
    """An import of files, folders or export archives: the counts, then file by file."""

    files: int
    imported: int
    already_there: int
    not_activity: int
    quarantined: int
    failed: int
    runs_added: int
    details: list[FileOutcomeJson]


def file_outcome_json(f: FileOutcome) -> FileOutcomeJson:
    return {
        "name": f.name, "outcome": f.outcome.value, "reason": f.reason,
        "run_ids": list(f.run_ids), "kind": f.kind, "warnings": list(f.warnings),
    }  # fmt: skip


def import_summary_json(summary: ImportSummary) -> ImportSummaryJson:
    count = summary.count
    return {
        "files": len(summary.files),
        "imported": count(Outcome.IMPORTED),
        "already_there": count(Outcome.ALREADY_THERE),
        "not_activity": count(Outcome.NOT_ACTIVITY),
        "quarantined": count(Outcome.QUARANTINED),
        "failed": count(Outcome.FAILED),
        "runs_added": summary.runs_added,
        "details": [file_outcome_json(f) for f in summary.files],
    }
