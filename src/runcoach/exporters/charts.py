"""Charts of a report as PNG and SVG, drawn with matplotlib (Agg backend, bundled fonts).

Each ``*_chart`` function returns a matplotlib Figure or None when there is nothing to draw;
``write_charts`` saves them all; ``svg_markup`` gives the SVG text to embed in a page.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from runcoach.domain.fitness.body import BodyTrend
from runcoach.domain.progress.load import DayState
from runcoach.domain.progress.measures import (
    BenchmarkRun,
    IntensitySplit,
    PlannedVsDone,
    WeekVolume,
)
from runcoach.domain.progress.report import PredictionPoint, Report
from runcoach.domain.units import (
    KG_PER_LB,
    METRES_PER_KM,
    METRES_PER_MILE,
    UnitSystem,
    distance_label,
    format_duration,
)

SIZE_IN = (8.0, 3.6)  # figure size, inches: fits an A4 page width at 100 dpi
DPI = 110
MAX_LABELLED_WEEKS = 26  # run-day labels on bars up to half a year; beyond, they crowd
MAX_PREDICTION_PANELS = 4  # race distances drawn, shortest first
LONG_CURVE_DAYS = 400  # beyond about a year of days, daily fatigue is drawn thin and light
MAX_BENCHMARK_LINES = 3  # the most repeated sessions only: more lines are unreadable
COLOURS = {
    "volume": "#2f6f9f",
    "fitness": "#1f77b4",
    "fatigue": "#d62728",
    "form": "#2ca02c",
    "easy": "#6baed6",
    "moderate": "#fdae6b",
    "hard": "#e6550d",
    "body": "#756bb1",
}
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "runcoach",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _unit(system: UnitSystem) -> tuple[float, str]:
    if system is UnitSystem.IMPERIAL:
        return METRES_PER_MILE, "mi"
    return METRES_PER_KM, "km"


def _figure(title: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=SIZE_IN, dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontweight="bold")
    ax.grid(axis="y", alpha=0.3)
    return fig, ax


def weekly_volume_chart(weeks: Sequence[WeekVolume], system: UnitSystem) -> Figure | None:
    """Distance per ISO week, with the run days of each week on its bar."""
    if not weeks:
        return None
    per, unit = _unit(system)
    fig, ax = _figure(f"Weekly volume ({unit})")
    values = [w.distance_m / per for w in weeks]
    bars = ax.bar(
        _x(w.week_start for w in weeks), values, width=5, align="edge", color=COLOURS["volume"]
    )
    for bar, week in zip(bars, weeks, strict=True):
        if week.run_days and len(weeks) <= MAX_LABELLED_WEEKS:
            ax.annotate(
                f"{week.run_days}d",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#444",
            )
    ax.set_ylabel(f"distance per week ({unit})")
    ax.set_xlabel("week starting (label on bar: run days)")
    _date_axis(ax)
    return fig


def _x(days: Iterable[date]) -> list[float]:
    """Dates as matplotlib's day numbers."""
    return [float(mdates.date2num(day)) for day in days]  # type: ignore[no-untyped-call]


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=3)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(formatter)


def fitness_chart(days: Sequence[DayState]) -> Figure | None:
    """Fitness (CTL), fatigue (ATL) and form (TSB) day by day."""
    if not days:
        return None
    fig, ax = _figure("Fitness, fatigue and form (load points per day)")
    x = _x(d.day for d in days)
    long = len(days) > LONG_CURVE_DAYS  # over years fatigue is a band: thin, under fitness
    ax.plot(
        x,
        [d.fitness for d in days],
        color=COLOURS["fitness"],
        lw=2.2,
        label="fitness (42-day average)",
        zorder=3,
    )
    ax.plot(
        x,
        [d.fatigue for d in days],
        color=COLOURS["fatigue"],
        lw=0.6 if long else 1.4,
        alpha=0.55 if long else 1.0,
        label="fatigue (7-day average)",
        zorder=2,
    )
    form = [d.form for d in days]
    ax.fill_between(x, form, 0, color=COLOURS["form"], alpha=0.25, label="form = fitness - fatigue")
    ax.axhline(0, color="#888", lw=0.8)
    ax.set_ylabel("load points (100 = 1 h at threshold)")
    fig.legend(loc="outside upper right", ncol=3, fontsize=8, frameon=False)
    _date_axis(ax)
    return fig


def _pace_formatter(system: UnitSystem) -> FuncFormatter:
    unit = "/mi" if system is UnitSystem.IMPERIAL else "/km"
    return FuncFormatter(lambda value, _pos: f"{format_duration(value)}{unit}")


def benchmark_chart(runs: Sequence[BenchmarkRun], system: UnitSystem) -> Figure | None:
    """Pace of each repeated key session over time; faster is higher."""
    if not runs:
        return None
    fig, ax = _figure("Benchmark workouts: pace over time (higher is faster)")
    by_name: dict[str, list[BenchmarkRun]] = defaultdict(list)
    for run in runs:
        by_name[run.name].append(run)
    imperial = system is UnitSystem.IMPERIAL
    most_run = sorted(by_name.items(), key=lambda item: -len(item[1]))[:MAX_BENCHMARK_LINES]
    for name, items in sorted(most_run):
        paces = [r.pace.seconds_per_mile if imperial else r.pace.seconds_per_km for r in items]
        ax.plot(_x(r.day for r in items), paces, marker="o", label=name)
    ax.invert_yaxis()
    ax.yaxis.set_major_formatter(_pace_formatter(system))
    ax.set_ylabel("average pace of the work")
    fig.legend(loc="outside upper right", ncol=3, fontsize=8, frameon=False)
    _date_axis(ax)
    return fig


def intensity_chart(splits: Sequence[IntensitySplit | None]) -> Figure | None:
    """Share of time easy / moderate / hard, by pace and by heart rate."""
    known = [s for s in splits if s is not None and s.easy_s + s.moderate_s + s.hard_s > 0]
    if not known:
        return None
    fig, ax = _figure("Intensity distribution (share of time)")
    fig.set_size_inches(SIZE_IN[0], 1.2 + 0.7 * len(known))
    for row, split in enumerate(known):
        total = split.easy_s + split.moderate_s + split.hard_s
        left = 0.0
        for zone, seconds in (
            ("easy", split.easy_s),
            ("moderate", split.moderate_s),
            ("hard", split.hard_s),
        ):
            share = seconds / total * 100
            ax.barh(row, share, left=left, color=COLOURS[zone], label=zone if row == 0 else None)
            if share >= 4:
                ax.text(
                    left + share / 2, row, f"{share:.0f} %", ha="center", va="center", fontsize=9
                )
            left += share
    ax.set_yticks(range(len(known)), [f"by {s.basis}" for s in known])
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of time with a known pace or heart rate")
    fig.legend(loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    return fig


def plan_chart(rows: Sequence[PlannedVsDone], system: UnitSystem) -> Figure | None:
    """Each plan week: planned distance (outline) beside the distance run, sessions on top."""
    if not rows:
        return None
    per, unit = _unit(system)
    fig, ax = _figure(f"Plan: planned vs done ({unit})")
    x = _x(r.week_start for r in rows)
    ax.bar(x, [r.planned_distance_m / per for r in rows], width=3, align="edge",
           facecolor="none", edgecolor=COLOURS["volume"], hatch="//", label="planned")  # fmt: skip
    done = ax.bar([d + 3 for d in x], [r.done_distance_m / per for r in rows], width=3,
                  align="edge", color=COLOURS["volume"], label="done")  # fmt: skip
    for bar, row in zip(done, rows, strict=True):
        if len(rows) <= MAX_LABELLED_WEEKS and row.planned_sessions:
            top = max(bar.get_height(), row.planned_distance_m / per)
            ax.annotate(f"{row.done_sessions}/{row.planned_sessions}", (bar.get_x(), top),
                        ha="center", va="bottom", fontsize=8, color="#444")  # fmt: skip
    ax.set_ylabel(f"distance per week ({unit})")
    ax.set_xlabel("week starting (label: sessions done / due)")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    _date_axis(ax)
    return fig


def predictions_chart(points: Sequence[PredictionPoint]) -> Figure | None:
    """Predicted race times over time: one panel per distance (at most four)."""
    if not points:
        return None
    by_distance: dict[float, list[PredictionPoint]] = defaultdict(list)
    for point in points:
        by_distance[point.distance_m].append(point)
    shown = sorted(by_distance.items())[:MAX_PREDICTION_PANELS]
    fig = Figure(figsize=(SIZE_IN[0], 1.0 + 1.5 * len(shown)), dpi=DPI, layout="constrained")
    axes = fig.subplots(len(shown), 1, sharex=True, squeeze=False)[:, 0]
    fig.suptitle("Race predictions over time (h:mm:ss)", x=0.02, ha="left", fontweight="bold")
    for ax, (metres, items) in zip(axes, shown, strict=True):
        items.sort(key=lambda p: p.day)
        for run in _without_gaps(items):  # no line across months without a prediction
            ax.plot(_x(p.day for p in run), [p.time_s for p in run], marker="o", color="C0")
        ax.set_ylabel(distance_label(metres))
        low, high = _clock_range([p.time_s for p in items])
        ax.set_ylim(low, high)
        ax.yaxis.set_major_locator(_clock_ticks(high - low))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_duration(v)))
        ax.grid(axis="y", alpha=0.3)
    _date_axis(axes[-1])
    return fig


PREDICTION_GAP_DAYS = 45  # monthly points further apart than this have no prediction between


def _without_gaps(points: Sequence[PredictionPoint]) -> list[list[PredictionPoint]]:
    """The points (by day) in runs with no gap of more than ``PREDICTION_GAP_DAYS``."""
    runs: list[list[PredictionPoint]] = []
    for point in points:
        if runs and (point.day - runs[-1][-1].day).days <= PREDICTION_GAP_DAYS:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


CLOCK_STEPS_S = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)  # round clock steps


MIN_CLOCK_SPAN_SHARE = 0.02  # a flat line still gets an axis of +-2 % of its time


def _clock_range(seconds: Sequence[float]) -> tuple[float, float]:
    """The axis around the times: their span plus 15 %, at least +-2 % of the slowest."""
    low, high = min(seconds), max(seconds)
    pad = max((high - low) * 0.15, high * MIN_CLOCK_SPAN_SHARE)
    return low - pad, high + pad


def _clock_ticks(span: float) -> MultipleLocator:
    """Ticks on round minutes or seconds, about four of them over ``span`` seconds."""
    step = next((s for s in CLOCK_STEPS_S if span / s <= 4), CLOCK_STEPS_S[-1])
    return MultipleLocator(step)


def body_chart(
    weight: BodyTrend | None, resting_hr: BodyTrend | None, system: UnitSystem
) -> Figure | None:
    """Body weight and resting heart rate: each morning's reading and the 7-day average,
    one panel each (only those with readings)."""
    per_kg, unit = (1 / KG_PER_LB, "lb") if system is UnitSystem.IMPERIAL else (1.0, "kg")
    panels = [(t, label, scale) for t, label, scale in
              ((weight, f"weight ({unit})", per_kg), (resting_hr, "resting HR (bpm)", 1.0))
              if t is not None]  # fmt: skip
    if not panels:
        return None
    fig = Figure(figsize=(SIZE_IN[0], 1.0 + 1.8 * len(panels)), dpi=DPI, layout="constrained")
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    fig.suptitle("Body: morning readings and 7-day average", x=0.02, ha="left",
                 fontweight="bold")  # fmt: skip
    for ax, (trend, label, scale) in zip(axes, panels, strict=True):
        ax.plot(_x(p.day for p in trend.points), [p.value * scale for p in trend.points],
                "o", markersize=3, color=COLOURS["body"], alpha=0.5, label="reading")  # fmt: skip
        ax.plot(_x(a.day for a in trend.averages), [a.value * scale for a in trend.averages],
                color=COLOURS["body"], label="7-day average")  # fmt: skip
        ax.set_ylabel(label)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="best", fontsize=8, frameon=False)
    _date_axis(axes[-1])
    return fig


def report_charts(report: Report) -> dict[str, Figure]:
    """Every chart the report has something to show in, by file name stem."""
    charts = {
        "weekly-volume": weekly_volume_chart(report.trend_weeks or report.weeks, report.units),
        "fitness-fatigue-form": fitness_chart(report.load.days),
        "benchmark-pace": benchmark_chart(report.benchmarks, report.units),
        "intensity": intensity_chart([report.intensity_pace, report.intensity_heart_rate]),
        "predictions": predictions_chart(report.predictions),
        "plan-vs-done": plan_chart(report.planned, report.units),
        "body": body_chart(report.weight, report.resting_hr, report.units),
    }
    return {name: fig for name, fig in charts.items() if fig is not None}


def write_charts(charts: dict[str, Figure], folder: Path) -> list[Path]:
    """Save each chart as ``<name>.png`` and ``<name>.svg`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in charts.items():
        for suffix in ("png", "svg"):
            path = folder / f"{name}.{suffix}"
            fig.savefig(path, format=suffix, metadata=_metadata(suffix))
            written.append(path)
    return written


def _metadata(suffix: str) -> dict[str, str | None]:
    return {"Date": None} if suffix == "svg" else {"Software": "runcoach"}


def svg_markup(fig: Figure) -> str:
    """The chart as inline SVG (no XML header), to embed in an HTML page."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return inline_svg(buffer.getvalue())


def inline_svg(text: str) -> str:
    """An SVG file's text without its XML header and doctype."""
    return text[text.index("<svg") :]
