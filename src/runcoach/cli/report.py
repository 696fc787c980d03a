"""``runcoach report`` and ``runcoach wins``: progress in numbers, charts and small wins."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.hints import said
from runcoach.cli.output import emit, json_option
from runcoach.domain.errors import InvalidInput
from runcoach.domain.progress.measures import Intensity, IntensitySplit, Streaks
from runcoach.domain.progress.report import (
    Period,
    PeriodKind,
    Report,
    habit_lines,
    latest_predictions,
)
from runcoach.domain.progress.summary import summary_lines
from runcoach.domain.progress.wins import Win
from runcoach.domain.units import (
    UnitSystem,
    distance_label,
    format_distance,
    format_duration,
    signed,
)
from runcoach.services.reports import (
    period_report,
    period_with_runs,
    recent_wins,
    write_report,
)
from runcoach.views.json import to_jsonable

DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.command("report")
@click.option("--week", is_flag=True, help="This ISO week (default).")
@click.option("--month", is_flag=True, help="This calendar month.")
@click.option("--year", is_flag=True, help="This calendar year.")
@click.option("--from", "first", type=DAY, help="First day of a custom period (YYYY-MM-DD).")
@click.option("--to", "last", type=DAY, help="Last day of a custom period (YYYY-MM-DD).")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write charts (PNG and SVG) and report.html into this folder.",
)
@json_option
@pass_app
def report_command(
    app: AppContext,
    week: bool,
    month: bool,
    year: bool,
    first: datetime | None,
    last: datetime | None,
    out: Path | None,
    as_json: bool,
) -> None:
    """Volume, run days, streaks, intensity, load, variety, wins, plan and predictions."""
    kinds = [k for k, on in ((PeriodKind.WEEK, week), (PeriodKind.MONTH, month),
                             (PeriodKind.YEAR, year)) if on]  # fmt: skip
    chosen = _kind(kinds, first, last)
    report, name = period_report(
        app.reads,  # sqlite3 on a ready SQLite store: no SQLAlchemy (store.sql)
        app.settings,
        chosen,
        first.date() if first else None,
        last.date() if last else None,
        athlete_id=app.athlete_id,
    )
    empty = report.totals.runs == 0
    nearest = (
        period_with_runs(app.reads, report.period, athlete_id=app.athlete_id) if empty else None
    )
    try:
        files = write_report(report, out, name) if out and not empty else []
    except OSError as error:
        raise InvalidInput(
            f"cannot write the report into {out}: {error.strerror or error}",
            hint="--out needs a folder you can write to, for example --out report",
        ) from error
    if not as_json:  # the JSON of a decade (3,000 runs, 3,900 days) is not made for nothing
        note = empty_period_note(report.period, nearest, writing=out is not None) if empty else ""
        emit(False, None, lambda: note + render_report(report) + _files(files))
        return
    data = to_jsonable(report)
    if out:
        data["files"] = [str(p) for p in files]
    if empty:
        data["empty"] = True
        data["nearest_period_with_runs"] = None if nearest is None else to_jsonable(nearest)
    emit(True, data)


def empty_period_note(period: Period, nearest: Period | None, *, writing: bool) -> str:
    """What to say of a period without runs, instead of empty charts."""
    said = f"the {period.kind.value} {period.first} to {period.last} holds no runs"
    charts = ": no charts written" if writing else ""
    if nearest is None:
        return f"{said}{charts}; import your files first: runcoach import PATH\n\n"
    where = "last" if nearest.last < period.first else "first"
    kind = nearest.kind.value
    return (
        f"{said}{charts}; your {where} {kind} with runs is {nearest.first} to {nearest.last}: "
        f"runcoach report --from {nearest.first} --to {nearest.last}\n\n"
    )


def _kind(kinds: list[PeriodKind], first: datetime | None, last: datetime | None) -> PeriodKind:
    if len(kinds) > 1:
        flags = " and ".join(f"--{k.value}" for k in kinds)
        raise InvalidInput(
            f"choose one period, not {flags}",
            hint="for example --month, or --from 2026-01-01 --to 2026-03-31",
        )
    if first is not None or last is not None:
        if kinds:
            raise InvalidInput(f"choose either --{kinds[0].value} or --from/--to, not both")
        return PeriodKind.CUSTOM
    return kinds[0] if kinds else PeriodKind.WEEK


def _files(files: list[Path]) -> str:
    return "".join(f"\nwrote {p}" for p in files)


def _streak(streaks: Streaks) -> str:
    current = streaks.current.weeks if streaks.current else 0
    longest = streaks.longest.weeks if streaks.longest else 0
    return f"{current} weeks (longest {longest})"


def _intensity(split: IntensitySplit | None) -> str | None:
    if split is None or split.share(Intensity.EASY) is None:
        return None
    shares = " / ".join(f"{(split.share(z) or 0):.0%} {z.value}" for z in Intensity)
    return f"intensity by {split.basis}: {shares}"


def render_report(report: Report) -> str:
    """The report as a screen of text."""
    t, u = report.totals, report.units
    lines = [
        f"{report.period.kind.value} {report.period.first} to {report.period.last}",
        f"distance {format_distance(t.distance_m, u, 1)}, time {format_duration(t.duration_s)}, "
        f"ascent {t.ascent_m:.0f} m, {t.runs} runs on {t.run_days} days "
        f"({t.run_days_per_week:.1f} per week), longest {format_distance(t.longest_run_m, u, 1)}",
        f"weeks in a row with 4+ run days: {_streak(report.streak_four_days)}; "
        f"with a run: {_streak(report.streak_any_run)}",
    ]
    lines += [
        x for x in (_intensity(report.intensity_pace), _intensity(report.intensity_heart_rate)) if x
    ]
    lines += _load_lines(report)
    if report.variety.headline:
        lines.append(f"variety: {report.variety.headline}")
    lines.append(_year_line(report, u))
    lines += _plan_lines(report)
    lines += _prediction_lines(report)
    lines += habit_lines(report)
    lines += summary_lines(report.summary, said) if report.summary else []
    lines += [f"win {w.day}: {w.title}" for w in report.wins]
    return "\n".join(lines)


def _plan_lines(report: Report) -> list[str]:
    u = report.units
    lines = [
        f"plan, week of {p.week_start}: {p.done_sessions} of {p.planned_sessions} sessions due "
        f"done, {format_distance(p.done_distance_m, u, 1)} of "
        f"{format_distance(p.planned_distance_m, u, 1)} run"
        for p in report.planned
    ]
    return lines + ([f"  (from {report.plan_source})"] if lines else [])


def _prediction_lines(report: Report) -> list[str]:
    latest = latest_predictions(report.predictions)
    if not latest:
        return []
    times = ", ".join(f"{distance_label(p.distance_m)} {format_duration(p.time_s)}" for p in latest)
    return [f"predicted on {latest[-1].day}: {times}", f"  ({latest[-1].source})"]


def _load_lines(report: Report) -> list[str]:
    load = report.load
    if not load.days:
        return []
    last = load.days[-1]
    ratio = load.workload_ratio.ratio
    methods = ", ".join(f"{n} by {m.replace('_', ' ')}" for m, n in load.methods.items())
    return [
        f"fitness {last.fitness:.1f}, fatigue {last.fatigue:.1f}, form {signed(last.form)}"
        + (f", ramp {signed(load.ramp_rate)}/week" if load.ramp_rate is not None else ""),
        f"acute:chronic ratio {'-' if ratio is None else f'{ratio:.2f}'} "
        "(a description, not an injury predictor: see docs/progress.md)",
        "; ".join([f"loads: {methods or 'none'}", *load.basis]),
    ]


def _year_line(report: Report, units: UnitSystem) -> str:
    this, last = report.this_year, report.last_year
    return (
        f"this year {format_distance(this.distance_m, units, 0)} on {this.run_days} days; "
        f"same dates last year {format_distance(last.distance_m, units, 0)} "
        f"on {last.run_days} days"
    )


@click.command("wins")
@click.option(
    "--since", "--from", "since", type=DAY,
    help="First day (YYYY-MM-DD); default the last 28 days.",
)  # fmt: skip
@click.option("--to", "until", type=DAY, help="Last day (YYYY-MM-DD); default today.")
@json_option
@pass_app
def wins_command(
    app: AppContext, since: datetime | None, until: datetime | None, as_json: bool
) -> None:
    """The small wins found in your log, newest first."""
    found = recent_wins(
        app.reads,
        app.settings,
        since.date() if since else None,
        until=until.date() if until else None,
        athlete_id=app.athlete_id,
    )
    emit(as_json, found, lambda: render_wins(found, since_given=since is not None))


def render_wins(wins: list[Win], since_given: bool = True) -> str:
    if not wins:
        if not since_given:
            return (
                "no wins in the last 28 days yet: every run is a chance for one "
                "(older ones: runcoach wins --since 2020-01-01)"
            )
        return "no wins in this period yet: every run is a chance for one"
    return "\n".join(
        f"{w.day}  {w.title}"
        + (f" — {w.detail}" if w.detail else "")
        + (f" (run {w.run_id})" if w.run_id is not None else "")
        for w in wins
    )


COMMANDS = [report_command, wins_command]
