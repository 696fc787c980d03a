"""The load part of a report: what loads are measured against, and the load summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from runcoach.domain.days import local_day
from runcoach.domain.progress.load import (
    LOAD_WARMUP_DAYS,
    LoadBasis,
    LoadMethod,
    RunLoad,
    daily_loads,
    estimate_threshold_pace,
    heart_rate_profile,
    load_detail,
    load_points,
    ramp_rate,
    training_curve,
    week_strain,
    workload_ratio,
)
from runcoach.domain.progress.report import LoadSummary, Period, trend_start
from runcoach.domain.run.runs import Run
from runcoach.domain.units import Pace, UnitSystem, format_pace
from runcoach.services.runlog import AthleteProfile


@dataclass(frozen=True)
class Threshold:
    """A threshold pace and where it comes from."""

    pace: Pace
    source: str


def load_basis(
    runs: Sequence[Run], athlete: AthleteProfile, threshold: Threshold | None = None
) -> tuple[LoadBasis, list[str]]:
    """The threshold pace and heart-rate profile loads are measured against, with sources."""
    notes: list[str] = []
    pace = None
    if threshold is not None:
        pace = threshold.pace
        notes.append(
            f"threshold pace {format_pace(pace, UnitSystem.METRIC)} from the {threshold.source}"
        )
    else:
        pace = estimate_threshold_pace(runs)
        if pace is not None:
            notes.append("threshold pace estimated: the fastest pace held 20-70 min in the log")
    seen = [r.max_hr for r in runs if r.max_hr is not None]
    profile, assumed = heart_rate_profile(athlete.max_hr, athlete.resting_hr, seen)
    return LoadBasis(profile, pace), notes + assumed


class _Points(NamedTuple):
    day: date
    load: float
    method: LoadMethod
    run: Run


def load_summary(
    runs: Sequence[Run],
    period: Period,
    until: date,
    athlete: AthleteProfile,
    basis: LoadBasis,
    notes: list[str],
    listed: Collection[int | None] | None = None,
) -> LoadSummary:
    """Run loads, fitness/fatigue/form, ramp, monotony/strain and the acute:chronic ratio.
    The loads of the period's runs are listed with their words; of a long period only those
    of the runs ``listed`` (its run lines), the methods still counted over every run."""
    warm_first = period.first - timedelta(days=LOAD_WARMUP_DAYS)
    tz = athlete.tz
    known = [_Points(day, *found, r) for r in runs
             if (found := load_points(r, basis)) is not None
             for day in (local_day(r.start, tz),)]  # fmt: skip
    daily = daily_loads(known, warm_first, period.last)
    curve = training_curve(warm_first, daily)
    offset = LOAD_WARMUP_DAYS
    end_index = (until - warm_first).days
    in_period = [item for item in known if period.first <= item.day <= period.last]
    weeks = [
        week_strain(curve[i].day, daily[i : i + 7])
        for i in range(offset - period.first.weekday(), len(daily) - 6, 7)
    ]
    shown = [RunLoad(p.day, p.load, p.method, load_detail(p.run, p.method, basis), p.run.id)
             for p in in_period if listed is None or p.run.id in listed]  # fmt: skip
    return LoadSummary(
        basis=notes,
        runs=shown,
        methods=dict(Counter(item.method.value for item in in_period)),
        days=curve[(trend_start(period) - warm_first).days : end_index + 1],
        ramp_rate=ramp_rate(curve, end_index),
        weeks=weeks,
        workload_ratio=workload_ratio(daily[: end_index + 1]),
    )
