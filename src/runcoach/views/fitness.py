"""Predictions, goal verdicts, training paces and fitness as JSON (``--json`` and the API)."""

from __future__ import annotations

from typing import Any, TypedDict

from runcoach.domain.fitness.current import Fitness
from runcoach.domain.fitness.goals import Verdict
from runcoach.domain.fitness.own_model import INTERVAL_SHARE, Prediction, Result
from runcoach.domain.fitness.paces import TrainingPaces
from runcoach.domain.fitness.zones import HeartRateZones
from runcoach.domain.units import Pace, UnitSystem, format_duration, format_pace
from runcoach.services.fitness import BatchAnswer, FitnessOverTime, PacesReport
from runcoach.views.json import IsoDate, to_jsonable


class PredictionJson(TypedDict):
    distance_m: float
    seconds: float
    low_seconds: float  # the interval's fast end
    high_seconds: float  # the interval's slow end
    interval: float  # the share of runners the interval holds
    time: str  # h:mm:ss
    model: str
    used: list[Result]  # the results the prediction was made from
    weekly_distance_m: float | None
    results_age_days: int | None  # results older than a year: a wider interval


def prediction_json(p: Prediction) -> PredictionJson:
    return {
        "distance_m": p.target_m,
        "seconds": round(p.time_s, 1),
        "low_seconds": round(p.low_s, 1),
        "high_seconds": round(p.high_s, 1),
        "interval": INTERVAL_SHARE,
        "time": format_duration(p.time_s),
        "model": p.model,
        "used": to_jsonable(p.used),  # JSON of the Result dataclasses
        "weekly_distance_m": p.weekly_distance_m,
        "results_age_days": p.results_age_days,  # results older than a year: a wider interval
    }


def verdict_json(v: Verdict) -> dict[str, Any]:
    data = to_jsonable(v)
    data["verdict"] = v.kind.value
    data["today"] = prediction_json(v.today)
    data["conditions"]["factor"] = v.conditions.factor
    return dict(data)


class PaceJson(TypedDict):
    seconds_per_km: float
    seconds_per_mile: float
    per_km: str
    per_mile: str


class EasyJson(TypedDict):
    slow: PaceJson
    fast: PaceJson


class NamedPacesJson(TypedDict):
    easy: EasyJson
    marathon: PaceJson
    threshold: PaceJson
    interval: PaceJson
    repetition: PaceJson


class PacesJson(TypedDict):
    vdot: float
    source: str
    paces: NamedPacesJson
    heart_rate_zones: HeartRateZones | None
    age_days: int  # how old the log's fitness is (0: the last year)


def _both(pace: Pace) -> PaceJson:
    return {
        "seconds_per_km": round(pace.seconds_per_km, 1),
        "seconds_per_mile": round(pace.seconds_per_mile, 1),
        "per_km": format_pace(pace, UnitSystem.METRIC),
        "per_mile": format_pace(pace, UnitSystem.IMPERIAL),
    }


def _named(paces: TrainingPaces) -> NamedPacesJson:
    return {
        "easy": {"slow": _both(paces.easy.slow), "fast": _both(paces.easy.fast)},
        "marathon": _both(paces.marathon),
        "threshold": _both(paces.threshold),
        "interval": _both(paces.interval),
        "repetition": _both(paces.repetition),
    }


def paces_json(report: PacesReport) -> PacesJson:
    return {
        "vdot": round(report.vdot, 1),
        "source": "Daniels' Running Formula (3rd ed. 2014), VDOT of Daniels & Gilbert 1979",
        "paces": _named(report.paces),
        "heart_rate_zones": report.zones,
        "age_days": report.age_days,  # how old the log's fitness is (0: the last year)
    }


FITNESS_SOURCE = (
    "VDOT of Daniels & Gilbert (1979) per performance, recency-weighted (half-life "
    "{half_life:g} days); races count fully, time trials 0.9, efforts in training runs 0.6"
)


class PerformanceJson(TypedDict):
    date: IsoDate
    kind: str  # race, time trial or effort
    distance_m: float
    time_s: float
    vdot: float
    weight: float  # its share in the fitness: recency and kind
    run_id: int | None


class FitnessPointJson(TypedDict):
    date: IsoDate  # the first of a month
    vdot: float
    performances: int


class FitnessJson(TypedDict):
    date: IsoDate
    vdot: float
    source: str
    age_days: int
    used: list[PerformanceJson]
    history: list[FitnessPointJson]


def fitness_json(report: FitnessOverTime) -> FitnessJson:
    now = report.now
    return {
        "date": now.on.isoformat(),
        "vdot": round(now.vdot, 2),
        "source": FITNESS_SOURCE.format(half_life=now.half_life_days),
        "age_days": report.age_days,
        "used": _used(now),
        "history": [
            {"date": f.on.isoformat(), "vdot": round(f.vdot, 2), "performances": len(f.used)}
            for f in report.history
        ],
    }


def _used(fitness: Fitness) -> list[PerformanceJson]:
    return [
        {
            "date": w.performance.date.isoformat(),
            "kind": w.performance.kind.value,
            "distance_m": w.performance.distance_m,
            "time_s": w.performance.time_s,
            "vdot": round(w.vdot, 2),
            "weight": round(w.weight, 3),
            "run_id": w.performance.run_id,
        }
        for w in fitness.used
    ]


class BatchPredictionJson(TypedDict):
    """A line of ``predict --batch`` answered: the time predicted and its interval."""

    line: int  # its number in the batch, from 1
    seconds: float
    low_seconds: float
    high_seconds: float
    model: str


class BatchErrorJson(TypedDict):
    """A line of ``predict --batch`` that could not be answered, and why."""

    line: int
    error: str


def batch_answer_json(answer: BatchAnswer) -> BatchPredictionJson | BatchErrorJson:
    """One line of ``predict --batch``'s JSON lines."""
    p = answer.prediction
    if p is None:
        return {"line": answer.line, "error": answer.error or ""}
    return {
        "line": answer.line,
        "seconds": round(p.time_s, 1),
        "low_seconds": round(p.low_s, 1),
        "high_seconds": round(p.high_s, 1),
        "model": p.model,
    }
