"""The printable report: one self-contained HTML page (inline CSS, inline SVG charts).

Nothing is fetched from anywhere: no CDN, no web fonts, no scripts. It prints on A4 and is
the page a runner hands to a coach.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from runcoach.domain.progress.measures import Intensity, IntensitySplit, Streaks, Totals
from runcoach.domain.progress.report import Report, habit_lines, latest_predictions
from runcoach.domain.units import (
    Pace,
    UnitSystem,
    distance_label,
    format_distance,
    format_duration,
    format_pace,
    signed,
)
from runcoach.exporters.charts import report_charts, svg_markup

STRAIN_WEEKS_SHOWN = 12  # weeks of monotony and strain listed: the last twelve with load
CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; max-width: 880px;
       margin: 0 auto; padding: 16px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 22px 0 6px;
     border-bottom: 2px solid #2f6f9f; padding-bottom: 2px; }
.sub { color: #666; margin: 0 0 12px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 10px; }
.card b { display: block; font-size: 18px; } .card span { color: #666; font-size: 11px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eee; font-size: 12px; }
th { background: #f3f6f9; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
ul.wins { padding-left: 18px; margin: 4px 0; } ul.wins li { margin: 2px 0; }
.note { color: #666; font-size: 11px; } .chart svg { width: 100%; height: auto; }
.chart { break-inside: avoid; margin: 8px 0; }
"""


def render_report_html(
    report: Report, athlete_name: str = "", charts_svg: Sequence[str] | None = None
) -> str:
    """The whole page as a string; ``charts_svg`` reuses charts already drawn as SVG."""
    sections = [
        _header(report, athlete_name),
        _cards(report),
        _wins(report),
        _load(report),
        _intensity(report),
        _variety(report),
        _planned(report),
        _predictions(report),
        _habits(report),
        _year(report),
        _runs(report),
        _charts(report, charts_svg),
    ]
    body = "\n".join(part for part in sections if part)
    title = escape(f"runcoach report {report.period.first} to {report.period.last}")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: set[int]) -> str:
    cls = [' class="n"' if i in numeric else "" for i in range(len(head))]
    top = "".join(f"<th{cls[i]}>{escape(h)}</th>" for i, h in enumerate(head))
    lines = [
        "<tr>" + "".join(f"<td{cls[i]}>{escape(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    ]
    return f"<table><tr>{top}</tr>{''.join(lines)}</table>"


def _header(report: Report, name: str) -> str:
    who = f" for {escape(name)}" if name else ""
    first, last = report.period.first, report.period.last
    period = f"{report.period.kind.value}: {first:%a %d %b %Y} – {last:%a %d %b %Y}"
    return (
        f'<h1>Training report{who}</h1><p class="sub">{escape(period)} · made '
        f"{report.today:%d %b %Y} by runcoach</p>"
    )


def _dist(metres: float | None, units: UnitSystem) -> str:
    return "–" if metres is None else format_distance(metres, units, 1)


def _cards(report: Report) -> str:
    t, u = report.totals, report.units
    cards = [
        (_dist(t.distance_m, u), "distance"),
        (format_duration(t.duration_s), "time"),
        (f"{t.run_days} ({t.run_days_per_week:.1f}/wk)", "run days"),
        (_dist(t.longest_run_m, u), "longest run"),
        (f"{t.ascent_m:.0f} m", "ascent"),
        (str(t.runs), "runs"),
        (_streak(report.streak_four_days), "weeks in a row with 4+ run days"),
        (_streak(report.streak_any_run), "weeks in a row with a run"),
    ]
    inner = "".join(
        f'<div class="card"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for v, k in cards
    )
    return f'<h2>The period in numbers</h2><div class="cards">{inner}</div>'


def _streak(streaks: Streaks) -> str:
    current = streaks.current.weeks if streaks.current else 0
    longest = streaks.longest.weeks if streaks.longest else 0
    return f"{current} (best {longest})"


def _day_style(report: Report) -> str:
    """Days with their year when the period spans more than one year."""
    return "%a %d %b" if report.period.first.year == report.period.last.year else "%d %b %Y"


def _wins(report: Report) -> str:
    if not report.wins:
        return "<h2>Small wins</h2><p>No wins found in this period yet.</p>"
    style = _day_style(report)
    items = "".join(
        f"<li><b>{w.day.strftime(style)}</b> {escape(w.title)}"
        f"{' — ' + escape(w.detail) if w.detail else ''}</li>"
        for w in report.wins
    )
    return f'<h2>Small wins</h2><ul class="wins">{items}</ul>'


def _load(report: Report) -> str:
    load = report.load
    last = load.days[-1] if load.days else None
    rows = []
    if last is not None:
        rows += [
            ("fitness (CTL, 42 d)", f"{last.fitness:.1f}"),
            ("fatigue (ATL, 7 d)", f"{last.fatigue:.1f}"),
            ("form (TSB)", signed(last.form)),
        ]
    if load.ramp_rate is not None:
        rows.append(("ramp rate (fitness change, 7 d)", signed(load.ramp_rate)))
    ratio = load.workload_ratio.ratio
    rows.append(("acute:chronic ratio (7 d / 28 d)", "–" if ratio is None else f"{ratio:.2f}"))
    shown = [w for w in load.weeks if w.load > 0][-STRAIN_WEEKS_SHOWN:]
    weeks = [
        (
            f"week of {w.week_start.strftime(_day_style(report))}",
            f"load {w.load:.0f}, monotony "
            f"{'–' if w.monotony is None else f'{w.monotony:.2f}'}, strain "
            f"{'–' if w.strain is None else f'{w.strain:.0f}'}",
        )
        for w in shown
    ]
    methods = ", ".join(f"{n} by {m.replace('_', ' ')}" for m, n in load.methods.items())
    notes = "; ".join([*load.basis, f"loads: {methods}" if methods else "no loads"])
    return (
        "<h2>Training load</h2>"
        + _table(("measure", "value"), [*rows, *weeks], {1})
        + f'<p class="note">{escape(notes)}. 100 points = one hour at threshold.</p>'
        + f'<p class="note">{escape(load.workload_ratio.limits)}</p>'
    )


def _intensity(report: Report) -> str:
    splits = [s for s in (report.intensity_pace, report.intensity_heart_rate) if s is not None]
    rows = [_intensity_row(s) for s in splits if s.share(Intensity.EASY) is not None]
    if not rows:
        return ""
    return "<h2>Intensity distribution</h2>" + _table(
        ("by", "easy", "moderate", "hard"), rows, {1, 2, 3}
    )


def _intensity_row(split: IntensitySplit) -> tuple[str, str, str, str]:
    shares = [split.share(z) or 0.0 for z in Intensity]
    return (split.basis, *(f"{s:.0%}" for s in shares))  # type: ignore[return-value]


def _variety(report: Report) -> str:
    v = report.variety
    rows = [
        (
            s.dimension,
            s.most_common or "–",
            "–" if s.most_common_share is None else f"{s.most_common_share:.0%}",
            "–" if s.effective_kinds is None else f"{s.effective_kinds:.1f}",
        )
        for s in v.spreads
    ]
    headline = f"<p><b>{escape(v.headline)}</b></p>" if v.headline else ""
    table = _table(("what", "most common", "share", "effective kinds"), rows, {2, 3})
    return f"<h2>Variety</h2>{headline}{table}"


def _planned(report: Report) -> str:
    if not report.planned:
        return ""
    u = report.units
    rows = [
        (
            f"{p.week_start:%d %b}",
            f"{p.done_sessions}/{p.planned_sessions}",
            f"{_dist(p.done_distance_m, u)} / {_dist(p.planned_distance_m, u)}",
        )
        for p in report.planned
    ]
    source = f'<p class="note">{escape(report.plan_source)}</p>' if report.plan_source else ""
    table = _table(("week", "sessions done / due", "distance run / planned"), rows, {1, 2})
    return "<h2>Planned vs done</h2>" + table + source


def _predictions(report: Report) -> str:
    latest = latest_predictions(report.predictions)
    if not latest:
        return ""
    rows = [(distance_label(p.distance_m), format_duration(p.time_s), f"{p.day}") for p in latest]
    table = _table(("race", "predicted time", "on"), rows, {1})
    note = f'<p class="note">{escape(latest[-1].source)}</p>'
    return "<h2>Race predictions</h2>" + table + note


def _habits(report: Report) -> str:
    lines = habit_lines(report)
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<h2>Habits and body</h2><ul>{items}</ul>"


def _year(report: Report) -> str:
    def row(label: str, t: Totals) -> tuple[str, ...]:
        return (
            label,
            _dist(t.distance_m, report.units),
            format_duration(t.duration_s),
            str(t.run_days),
            _dist(t.longest_run_m, report.units),
        )

    this, last = report.this_year, report.last_year
    rows = [
        row(f"{this.first:%Y} to {this.last:%d %b}", this),
        row(f"{last.first:%Y} to {last.last:%d %b}", last),
    ]
    return "<h2>This year and last</h2>" + _table(
        ("", "distance", "time", "run days", "longest"), rows, {1, 2, 3, 4}
    )


def _runs(report: Report) -> str:
    if not report.runs:
        return ""
    u = report.units
    rows = []
    for r in report.runs:
        pace = (
            format_pace(Pace.from_distance_time(r.distance_m, r.duration_s), u)
            if r.distance_m and r.duration_s
            else "–"
        )
        rows.append(
            (
                r.day.strftime(_day_style(report)),
                r.name or r.workout_type or "run",
                _dist(r.distance_m, u),
                format_duration(r.duration_s) if r.duration_s else "–",
                pace,
                f"{r.avg_hr:.0f}" if r.avg_hr else "–",
                f"{r.load:.0f} ({(r.load_method or '').replace('_', ' ')})"
                if r.load is not None
                else "–",
            )
        )
    head = ("day", "run", "distance", "time", "pace", "avg HR", "load (method)")
    return "<h2>Runs</h2>" + _table(head, rows, {2, 3, 4, 5, 6})


def _charts(report: Report, drawn: Sequence[str] | None) -> str:
    svgs = drawn if drawn is not None else [svg_markup(f) for f in report_charts(report).values()]
    parts = [f'<div class="chart">{svg}</div>' for svg in svgs]
    return "<h2>Charts</h2>" + "".join(parts) if parts else ""
