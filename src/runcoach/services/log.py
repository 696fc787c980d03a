"""The log page's reads: the runs a filter picks and every pair of shoes (for the filter),
read in one read-only transaction and kept per data version (services/page_cache.py)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.services.page_cache import answers
from runcoach.services.runs import RunSummary, run_filter, summaries_of
from runcoach.services.shoes import ShoeReport, shoe_reports
from runcoach.store import runs as run_store
from runcoach.store.athletes import data_version
from runcoach.store.db import read_only


@dataclass(frozen=True)
class LogQuery:
    """What the log shows: local dates (inclusive), a workout type, a sport, a pair of shoes,
    at most ``limit`` runs, newest first."""

    date_from: date | None = None
    date_to: date | None = None
    workout_type: str | None = None
    sport: str | None = None
    shoe_id: int | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Log:
    version: int  # the athlete's data version the runs and shoes were read at
    runs: list[RunSummary]
    pairs: list[ShoeReport]  # every pair, retired ones too


def log(engine: Engine, settings: Settings, query: LogQuery, *, athlete_id: int) -> Log:
    """The runs ``query`` picks and the athlete's shoes, as of one moment; served again
    until the athlete's data changes. Callers never change what they get."""
    where = run_filter(athlete_id, query.date_from, query.date_to, query.workout_type,
                       query.sport, query.limit)  # fmt: skip
    where = dataclasses.replace(where, shoe_id=query.shoe_id)
    with read_only(engine) as conn:
        version = data_version(conn, athlete_id)
        key = ("log", str(engine.url), athlete_id, version, query, settings)
        kept: Log | None = answers.get(key)
        if kept is not None:
            return kept
        found = Log(
            version,
            summaries_of(run_store.list_summaries(conn, where)),
            shoe_reports(conn, settings, athlete_id=athlete_id),
        )
    answers.put(key, found)
    return found
