"""Use cases behind ``runcoach report`` and ``runcoach wins``: open the log, build, write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from runcoach.config import Settings
from runcoach.domain.days import zone
from runcoach.domain.progress.report import Period, PeriodKind, Report, resolve_period
from runcoach.domain.progress.wins import Win
from runcoach.services.page_cache import AnswerKey, keep, recall
from runcoach.services.report_builder import ReportHooks, build_report, wins_since
from runcoach.services.report_hooks import report_hooks
from runcoach.services.runlog import AthleteProfile, MemoryLog, RunLog
from runcoach.store import log_reads
from runcoach.store.report_log import SqlRunLog
from runcoach.store.sql import Db, Reader, reading, store_key

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


@dataclass(frozen=True)
class OpenLog:
    log: RunLog
    athlete: AthleteProfile
    name: str
    with_log: bool = False  # the store holds the training log (and plans)


def open_log(
    source: Engine | Reader,
    *,
    athlete_id: int,
    conn: Connection | None = None,
    db: Db | None = None,
) -> OpenLog:
    """The athlete's log as reports read it, with the athlete's time zone and heart rates.
    ``source`` is an engine or a sqlite3 reader (``store.sql``); with ``db`` (or ``conn``,
    a SQLAlchemy connection), a read-only transaction, every read of the log goes through it."""
    if conn is not None and db is None:
        from runcoach.store.db import SqlAlchemyDb

        db = SqlAlchemyDb(conn, conn.dialect.name)
    if db is None:
        with reading(source) as own:
            row, with_log = log_reads.athlete_row(own, athlete_id), log_reads.has_runs_table(own)
    else:
        row, with_log = log_reads.athlete_row(db, athlete_id), log_reads.has_runs_table(db)
    tz = zone(row.timezone if row else None)
    profile = AthleteProfile(
        athlete_id, tz, row.max_hr if row else None, row.resting_hr if row else None
    )
    log: RunLog = MemoryLog([])  # a store without the training log's tables holds no runs
    if with_log:
        log = SqlRunLog(source, athlete_id, db=db)
    return OpenLog(log, profile, row.name if row else "", with_log)


def store_run_log(source: Engine | Reader, *, athlete_id: int) -> RunLog:
    """The SQL ``RunLog`` over the training log's tables."""
    return SqlRunLog(source, athlete_id)


def today_for(athlete: AthleteProfile, now: datetime | None = None) -> date:
    """Today in the athlete's time zone."""
    return (now or datetime.now(athlete.tz)).astimezone(athlete.tz).date()


def period_report(
    source: Engine | Reader,
    settings: Settings,
    kind: PeriodKind,
    first: date | None = None,
    last: date | None = None,
    now: datetime | None = None,
    hooks: ReportHooks | None = None,
    *,
    athlete_id: int,
) -> tuple[Report, str]:
    """The report for the week, month, year or custom period, and the athlete's name.

    Without ``hooks``, the active plan and the fitness model feed them (``report_hooks``).
    ``source`` is an engine or a sqlite3 reader (``store.sql``).
    """
    with reading(source) as db:  # one moment of the store, one connection
        opened = open_log(source, athlete_id=athlete_id, db=db)
        today = today_for(opened.athlete, now)
        period = resolve_period(kind, today, first, last)
        version = log_reads.data_version(db, athlete_id)
        key = AnswerKey("report", version,
                        (store_key(source), period, today, settings.units))  # fmt: skip
        if hooks is None and (kept := recall(db, key, athlete_id=athlete_id)) is not None:
            return kept, opened.name
        mine = hooks or _store_hooks(source, opened, today, db)
        report = build_report(opened.log, opened.athlete, period, today, settings.units, mine)
    if hooks is None:
        keep(source, key, report, athlete_id=athlete_id)
    return report, opened.name


def period_with_runs(source: Engine | Reader, period: Period, *, athlete_id: int) -> Period | None:
    """For an empty period, the nearest one of the same kind with runs (the last before it,
    else the first after it; a month for a custom period); None when the log has no runs."""
    with reading(source) as db:
        if not log_reads.has_runs_table(db):
            return None
        day = log_reads.nearest_run_day(db, athlete_id, period.first, period.last)
    if day is None:
        return None
    kind = PeriodKind.MONTH if period.kind is PeriodKind.CUSTOM else period.kind
    return resolve_period(kind, day)


def _store_hooks(
    source: Engine | Reader, opened: OpenLog, today: date, db: Db | None = None
) -> ReportHooks:
    if not opened.with_log:
        return ReportHooks()
    return report_hooks(source, today, athlete_id=opened.athlete.athlete_id, db=db)


def write_report(report: Report, folder: Path, athlete_name: str = "") -> list[Path]:
    """Charts as PNG and SVG, and ``report.html``, in ``folder``."""
    # matplotlib takes half a second to import: only a report written out pays for it
    from runcoach.exporters.charts import inline_svg, report_charts, write_charts
    from runcoach.exporters.report_html import render_report_html

    written = write_charts(report_charts(report), folder)
    svgs = [inline_svg(p.read_text(encoding="utf-8")) for p in written if p.suffix == ".svg"]
    page = folder / "report.html"
    page.write_text(render_report_html(report, athlete_name, svgs), encoding="utf-8")
    return [*written, page]


def recent_wins(
    source: Engine | Reader,
    settings: Settings,
    since: date | None,
    now: datetime | None = None,
    *,
    until: date | None = None,
    athlete_id: int,
) -> list[Win]:
    """The wins from ``since`` (default: the last 28 days) to ``until`` (default and at the
    latest today), newest first."""
    with reading(source) as db:
        opened = open_log(source, athlete_id=athlete_id, db=db)
        today = today_for(opened.athlete, now)
        first = since if since is not None else today - timedelta(days=DEFAULT_WIN_DAYS)
        last = today if until is None else min(until, today)
        version = log_reads.data_version(db, athlete_id)
        key = AnswerKey("wins", version,
                        (store_key(source), first, last, today, settings.units))  # fmt: skip
        kept: list[Win] | None = recall(db, key, athlete_id=athlete_id)
        if kept is not None:
            return list(kept)
        hooks = _store_hooks(source, opened, today, db)
        found = wins_since(opened.log, opened.athlete, first, today, settings.units, hooks, last)
    keep(source, key, found, athlete_id=athlete_id)
    return list(found)


def job_settings(engine: Engine, *, athlete_id: int) -> Settings:
    """The settings a job works in for the athlete: the store's, in the athlete's units."""
    from runcoach.services.athletes import athlete_settings

    own = athlete_settings(engine, athlete_id=athlete_id)
    return Settings(home=Path(), database_url=str(engine.url), units=own.units)


DEFAULT_WIN_DAYS = 28  # `runcoach wins` without --since: the last four weeks


REBUILT_PERIODS = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.YEAR)  # the reports page's


def rebuild_reports(engine: Engine, *, athlete_id: int) -> None:
    """Make the reports the pages open first (this week, month and year, and the recent
    wins) for the athlete's data as it is now, and keep them (``page_cache``): run after an
    import (``services.dashboard.rebuild_pages``), so the next page reads a ready report. In
    the process that runs the job (the web server on SQLite; on PostgreSQL the worker that
    took it, and kept for every worker in the shared page cache)."""
    settings = job_settings(engine, athlete_id=athlete_id)
    for kind in REBUILT_PERIODS:
        period_report(engine, settings, kind, athlete_id=athlete_id)
    recent_wins(engine, settings, None, athlete_id=athlete_id)
