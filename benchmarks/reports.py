"""How long reports take on 1, 3 and 10 years of training, and what a weekly report reads.

    python -m benchmarks.reports [--repeat 5] [--charts] [--store [--sqlite3] [--after-writes]]
        [--years 1 3 10]

For each history length it builds the synthetic history (``benchmarks/synthetic.py``, about
300 runs a year, so 3,000 runs for a decade), then times ``build_report`` for the week, the
month, the year and the whole history (median and fastest of ``--repeat`` runs), and counts
the runs the weekly report read. With ``--charts`` it also times drawing every chart and the
HTML report. With ``--store`` the history is inserted through the repository into a SQLite
file and the reports read it with a new ``SqlRunLog`` and the store's hooks (race
predictions and the threshold pace from the fitness model) each time, as the CLI does;
with ``--sqlite3`` it reads through the standard library's sqlite3 (``store.lite``), as
``runcoach report`` does on a ready SQLite store, instead of SQLAlchemy; with
``--after-writes`` it also times the whole history after a write of a run on its last day
(the fitness months of the last year forgotten) and with no fitness month kept. Each cell
gives the median wall time, its fastest, and the median CPU time of the process (user +
system), which other jobs on a shared machine move much less than the wall time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, text

from benchmarks.store_history import stored_history
from benchmarks.synthetic import history, start_points
from runcoach.domain.days import zone
from runcoach.domain.progress.report import Period, PeriodKind, Report, resolve_period
from runcoach.domain.run.runs import Run
from runcoach.exporters.charts import report_charts
from runcoach.exporters.report_html import render_report_html
from runcoach.services.report_builder import ReportHooks, build_report
from runcoach.services.report_hooks import report_hooks
from runcoach.services.runlog import AthleteProfile, MemoryLog, RunLog
from runcoach.store.lite import open_reader
from runcoach.store.report_log import SqlRunLog
from runcoach.store.run_weeks import refresh_weeks
from runcoach.store.sql import Reader

TODAY = date(2026, 11, 20)
ATHLETE = AthleteProfile(1, zone("Europe/Ljubljana"), max_hr=190, resting_hr=50)


class CountingLog(MemoryLog):
    """Counts the run summaries a report reads."""

    read = 0

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        found = super().runs(start, end)
        self.read += len(found)
        return found


def median_ms(action: Callable[[], object], repeat: int) -> float:
    return timings_ms(action, repeat)[0]


def timings_ms(action: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and fastest wall time of ``repeat`` runs, and their median CPU time (user +
    system of this process), ms (the fastest and the CPU time are the least disturbed by
    other jobs on a shared machine)."""
    times, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), _cpu_s()
        action()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((_cpu_s() - used) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu)


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def periods(years: int) -> dict[str, Period]:
    whole = Period(PeriodKind.CUSTOM, date(TODAY.year - years, TODAY.month, TODAY.day), TODAY)
    found = {
        kind.value: resolve_period(kind, TODAY)
        for kind in (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.YEAR)
    }
    found["all"] = whole
    return found


def bench(years: int, repeat: int, charts: bool) -> None:
    runs, efforts, halves = history(years, TODAY)
    log = CountingLog(runs, efforts, halves, start_points(runs))
    cells = []
    _time_periods(lambda: (log, ReportHooks()), years, repeat, cells)
    log.read = 0
    week = build_report(log, ATHLETE, resolve_period(PeriodKind.WEEK, TODAY), TODAY)
    cells.append(f"week reads {log.read} runs")
    if charts:
        drawn = median_ms(lambda: render_report_html(week), max(1, repeat // 2))
        cells.append(f"week charts+HTML {drawn:.0f} ms ({len(report_charts(week))} charts)")
    print(f"{years:2d} y, {len(runs):5d} runs | " + " | ".join(cells))


def _time_periods(
    open_log: Callable[[], tuple[RunLog, ReportHooks]], years: int, repeat: int, cells: list[str]
) -> None:
    for name, period in periods(years).items():
        ms, fastest, cpu = timings_ms(lambda p=period: _report(open_log, p), repeat)
        cells.append(f"{name} {ms:6.1f} ms (min {fastest:.1f}, CPU {cpu:.1f})")


def _report(open_log: Callable[[], tuple[RunLog, ReportHooks]], period: Period) -> Report:
    log, hooks = open_log()
    return build_report(log, ATHLETE, period, TODAY, hooks=hooks)


def bench_store(
    years: int,
    repeat: int,
    folder: Path,
    through_sqlite3: bool = False,
    after_writes: bool = False,
) -> None:
    started = time.perf_counter()
    engine, athlete_id, count = stored_history(years, TODAY, folder)
    inserted = time.perf_counter() - started
    source: Engine | Reader = engine
    if through_sqlite3:
        reader = open_reader(str(engine.url))
        assert reader is not None, "a migrated SQLite store opens through sqlite3"
        source = reader

    def open_log() -> tuple[RunLog, ReportHooks]:
        return SqlRunLog(source, athlete_id), report_hooks(source, TODAY, athlete_id=athlete_id)

    _report(open_log, periods(years)["all"])  # start points and fitness months, then kept
    cells: list[str] = []
    _time_periods(open_log, years, repeat, cells)
    if after_writes:
        _time_after_writes(engine, athlete_id, open_log, years, repeat, cells)
    print(
        f"{years:2d} y, {count:5d} runs in SQLite (inserted in {inserted:.0f} s) | "
        + " | ".join(cells)
    )
    engine.dispose()


def _time_after_writes(
    engine: Engine,
    athlete_id: int,
    open_log: Callable[[], tuple[RunLog, ReportHooks]],
    years: int,
    repeat: int,
    cells: list[str],
) -> None:
    """The whole history after a write of a run on its last day (the last year's fitness
    months forgotten: worked out and kept again by the report) and with no month kept (the
    first report after the migration, or after a write ten years back)."""
    whole = periods(years)["all"]

    def timed(before: Callable[[], None]) -> tuple[float, float, float]:
        def one() -> None:
            before()  # not timed apart: a write costs the store a few ms
            _report(open_log, whole)

        return timings_ms(one, repeat)

    def written() -> None:
        with engine.begin() as conn:
            refresh_weeks(conn, athlete_id, [TODAY])

    def forgotten() -> None:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM fitness_months WHERE athlete_id = :a"),
                         {"a": athlete_id})  # fmt: skip

    for name, before in (("all after a write", written), ("all, no month kept", forgotten)):
        ms, fastest, cpu = timed(before)
        cells.append(f"{name} {ms:6.1f} ms (min {fastest:.1f}, CPU {cpu:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--charts", action="store_true")
    parser.add_argument("--years", type=int, nargs="*", default=[1, 3, 10])
    parser.add_argument("--store", action="store_true", help="read through the SQLite store")
    parser.add_argument(
        "--sqlite3", action="store_true", help="with --store: read through sqlite3, as the CLI"
    )
    parser.add_argument(
        "--after-writes",
        action="store_true",
        help="with --store: also the whole history after a write, and with no fitness kept",
    )
    args = parser.parse_args()
    for years in args.years:
        if args.store:
            with tempfile.TemporaryDirectory() as folder:
                bench_store(years, args.repeat, Path(folder), args.sqlite3, args.after_writes)
        else:
            bench(years, args.repeat, args.charts)


if __name__ == "__main__":
    main()
