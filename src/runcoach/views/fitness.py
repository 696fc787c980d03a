"""Predictions, goal verdicts and training paces as JSON (``--json`` and the API)."""

from __future__ import annotations

from typing import Any

from runcoach.domain.fitness.goals import Verdict
from runcoach.domain.fitness.own_model import INTERVAL_SHARE, Prediction
from runcoach.domain.fitness.paces import TrainingPaces
from runcoach.domain.units import Pace, UnitSystem, format_duration, format_pace
from runcoach.services.fitness import PacesReport
from runcoach.views.json import to_jsonable


def prediction_json(p: Prediction) -> dict[str, Any]:
    return {
        "distance_m": p.target_m,
        "seconds": round(p.time_s, 1),
        "low_seconds": round(p.low_s, 1),
        "high_seconds": round(p.high_s, 1),
        "interval": INTERVAL_SHARE,
        "time": format_duration(p.time_s),
        "model": p.model,
        "used": to_jsonable(p.used),
        "weekly_distance_m": p.weekly_distance_m,
        "results_age_days": p.results_age_days,  # results older than a year: a wider interval
    }


def verdict_json(v: Verdict) -> dict[str, Any]:
    data = to_jsonable(v)
    data["verdict"] = v.kind.value
    data["today"] = prediction_json(v.today)
    data["conditions"]["factor"] = v.conditions.factor
    return dict(data)


def _both(pace: Pace) -> dict[str, Any]:
    return {
        "seconds_per_km": round(pace.seconds_per_km, 1),
        "seconds_per_mile": round(pace.seconds_per_mile, 1),
        "per_km": format_pace(pace, UnitSystem.METRIC),
        "per_mile": format_pace(pace, UnitSystem.IMPERIAL),
    }


def _named(paces: TrainingPaces) -> dict[str, Any]:
    return {
        "easy": {"slow": _both(paces.easy.slow), "fast": _both(paces.easy.fast)},
        "marathon": _both(paces.marathon),
        "threshold": _both(paces.threshold),
        "interval": _both(paces.interval),
        "repetition": _both(paces.repetition),
    }


def paces_json(report: PacesReport) -> dict[str, Any]:
    return {
        "vdot": round(report.vdot, 1),
        "source": "Daniels' Running Formula (3rd ed. 2014), VDOT of Daniels & Gilbert 1979",
        "paces": _named(report.paces),
        "heart_rate_zones": report.zones,
        "age_days": report.age_days,  # how old the log's fitness is (0: the last year)
    }
