"""Use cases behind ``runcoach report`` and ``runcoach wins``: open the log, build, write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.days import zone
from runcoach.domain.progress.report import Period, PeriodKind, Report, resolve_period
from runcoach.domain.progress.wins import Win
from runcoach.services.report_hooks import report_hooks
from runcoach.services.reports import ReportHooks, build_report, wins_since
from runcoach.services.runlog import AthleteProfile, MemoryLog, RunLog
from runcoach.store import runs as run_store
from runcoach.store.progress import SqlRunLog, athlete_row, has_training_log


@dataclass(frozen=True)
class OpenLog:
    log: RunLog
    athlete: AthleteProfile
    name: str
    with_log: bool = False  # the store holds the training log (and plans)


def open_log(engine: Engine, *, athlete_id: int) -> OpenLog:
    """The athlete's log as reports read it, with the athlete's time zone and heart rates."""
    with engine.begin() as conn:
        row = athlete_row(conn, athlete_id)
        with_log = has_training_log(conn)
    tz = zone(row.timezone if row else None)
    profile = AthleteProfile(
        athlete_id, tz, row.max_hr if row else None, row.resting_hr if row else None
    )
    log: RunLog = MemoryLog([])  # a store without the training log's tables holds no runs
    if with_log:
        log = store_run_log(engine, athlete_id=athlete_id)
    return OpenLog(log, profile, row.name if row else "", with_log)


def store_run_log(engine: Engine, *, athlete_id: int) -> RunLog:
    """The SQL ``RunLog`` over the training log's tables."""
    return SqlRunLog(engine, athlete_id)


def today_for(athlete: AthleteProfile, now: datetime | None = None) -> date:
    """Today in the athlete's time zone."""
    return (now or datetime.now(athlete.tz)).astimezone(athlete.tz).date()


def period_report(
    engine: Engine,
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
    """
    opened = open_log(engine, athlete_id=athlete_id)
    today = today_for(opened.athlete, now)
    period = resolve_period(kind, today, first, last)
    hooks = hooks or _store_hooks(engine, opened, today)
    report = build_report(opened.log, opened.athlete, period, today, settings.units, hooks)
    return report, opened.name


def period_with_runs(engine: Engine, period: Period, *, athlete_id: int) -> Period | None:
    """For an empty period, the nearest one of the same kind with runs (the last before it,
    else the first after it; a month for a custom period); None when the log has no runs."""
    with engine.begin() as conn:
        if not has_training_log(conn):
            return None
        day = run_store.nearest_run_day(conn, athlete_id, period.first, period.last)
    if day is None:
        return None
    kind = PeriodKind.MONTH if period.kind is PeriodKind.CUSTOM else period.kind
    return resolve_period(kind, day)


def _store_hooks(engine: Engine, opened: OpenLog, today: date) -> ReportHooks:
    if not opened.with_log:
        return ReportHooks()
    return report_hooks(engine, today, athlete_id=opened.athlete.athlete_id)


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
    engine: Engine,
    settings: Settings,
    since: date | None,
    now: datetime | None = None,
    *,
    athlete_id: int,
) -> list[Win]:
    """The wins from ``since`` (default: the last 28 days) to today, newest first."""
    opened = open_log(engine, athlete_id=athlete_id)
    today = today_for(opened.athlete, now)
    first = since if since is not None else date.fromordinal(today.toordinal() - DEFAULT_WIN_DAYS)
    hooks = _store_hooks(engine, opened, today)
    return wins_since(opened.log, opened.athlete, first, today, settings.units, hooks)


DEFAULT_WIN_DAYS = 28  # `runcoach wins` without --since: the last four weeks
