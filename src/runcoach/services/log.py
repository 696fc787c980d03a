"""The log page's reads: the runs a filter picks and every pair of shoes (for the filter),
read in one read-only transaction and kept per data version (services/page_cache.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.services.page_cache import AnswerKey, keep, recall
from runcoach.services.run_list import RunSummary, list_runs
from runcoach.services.shoes import ShoeReport, shoe_reports
from runcoach.store.athletes import data_version
from runcoach.store.db import read_only


@dataclass(frozen=True)
class LogQuery:
    """What the log shows: local dates (inclusive), a workout type, a sport, a pair of shoes,
    at most ``limit`` runs, newest first; ``runs_only``: running of every kind (trail,
    treadmill, track) of a minute or more, what ``runs list`` shows by default
    (``services.run_list.list_runs``)."""

    date_from: date | None = None
    date_to: date | None = None
    workout_type: str | None = None
    sport: str | None = None
    shoe_id: int | None = None
    limit: int | None = None
    runs_only: bool = False


@dataclass(frozen=True)
class Log:
    version: int  # the athlete's data version the runs and shoes were read at
    runs: list[RunSummary]
    pairs: list[ShoeReport]  # every pair, retired ones too


def log(engine: Engine, settings: Settings, query: LogQuery, *, athlete_id: int) -> Log:
    """The runs ``query`` picks and the athlete's shoes, served again until the athlete's data
    changes. The version is read first, so what is kept under it is never older than it.
    Callers never change what they get."""
    with read_only(engine) as conn:
        version = data_version(conn, athlete_id)
        key = AnswerKey("log", version, (str(engine.url), query, settings))
        kept: Log | None = recall(conn, key, athlete_id=athlete_id)
    if kept is not None:
        return kept
    runs = list_runs(engine, athlete_id=athlete_id, date_from=query.date_from,
                     date_to=query.date_to, workout_type=query.workout_type, sport=query.sport,
                     limit=query.limit, runs_only=query.runs_only,
                     shoe_id=query.shoe_id)  # fmt: skip
    with read_only(engine) as conn:
        found = Log(version, runs, shoe_reports(conn, settings, athlete_id=athlete_id))
    keep(engine, key, found, athlete_id=athlete_id)
    return found
