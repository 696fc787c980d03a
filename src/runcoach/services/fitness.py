"""Use cases for fitness: predict a race, training paces and zones, check a goal.

This is where the clock is read (``today``), where what a runner typed becomes domain values
(through ``runcoach.domain.units``), and where results would come from the training log.
The log's run tables have not landed on main yet: ``performances_from_log`` is the seam.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from runcoach.domain.errors import InvalidInput, NotFound, RuncoachError
from runcoach.domain.fitness.conditions import Conditions
from runcoach.domain.fitness.current import Fitness, Performance, current_fitness
from runcoach.domain.fitness.own_model import Prediction, Result, predict
from runcoach.domain.fitness.paces import TrainingPaces, training_paces
from runcoach.domain.fitness.vdot import vdot_from_performance
from runcoach.domain.fitness.zones import HeartRateZones, heart_rate_zones
from runcoach.domain.goals import Goal, Verdict, check_goal
from runcoach.domain.units import (
    DISTANCE_EXAMPLES,
    parse_distance,
    parse_duration,
    parse_percentage,
    parse_temperature,
    parse_time_of_day,
)

RESULT_EXAMPLE = "10k=41:30, half=1:32:05, marathon=3:15:00"


def parse_result(text: str) -> Result:
    """Parse "10k=41:30" into a result (distance and time)."""
    distance_text, sep, time_text = text.partition("=")
    if not sep or not distance_text.strip() or not time_text.strip():
        raise InvalidInput(
            f"'{text}' is not a result: write distance=time", hint=f"for example {RESULT_EXAMPLE}"
        )
    distance_m = parse_distance(distance_text)
    time_s = parse_duration(time_text)
    vdot_from_performance(distance_m, time_s)  # refuses impossible or out-of-range results
    return Result(distance_m, time_s)


def parse_results(texts: Sequence[str]) -> list[Result]:
    return [parse_result(t) for t in texts]


def optional(parse: Any, text: str | None) -> Any:
    return None if text is None else parse(text)


WEEKLY_MIN_M = 1_000.0  # m; less than 1 km a week is a typo ("35" is 35 metres), not volume
WEEKLY_MAX_M = 400_000.0  # m; beyond any runner's weekly volume


def parse_weekly_distance(text: str | None) -> float | None:
    """A weekly volume ("35mi", "55km"), refusing a bare number that means metres by mistake."""
    if text is None:
        return None
    metres = parse_distance(text)
    if not WEEKLY_MIN_M <= metres <= WEEKLY_MAX_M:
        raise InvalidInput(
            f"'{text}' is {metres:g} m a week, not a running volume",
            hint="write the unit, for example --weekly-distance 35mi or 55km",
        )
    return metres


def performances_from_log(athlete_id: int | None = None) -> list[Performance]:
    """Races, time trials and best efforts from the training log (not stored yet on main)."""
    raise NotFound(
        "the training log holds no races or best efforts yet",
        hint=f"give your results instead, for example --result {RESULT_EXAMPLE.split(',')[0]}",
    )


def results_or_log(texts: Sequence[str], today: dt.date) -> list[Result]:
    if texts:
        return parse_results(texts)
    return [p.as_result(today) for p in performances_from_log()]


def predict_race(
    result_texts: Sequence[str], to: str, weekly_distance: str | None, today: dt.date | None = None
) -> Prediction:
    today = today or dt.date.today()
    results = results_or_log(result_texts, today)
    return predict(results, parse_distance(to), parse_weekly_distance(weekly_distance))


def _batch_line(line: str) -> Prediction:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not JSON ({error.msg})", hint=_BATCH_EXAMPLE) from None
    if not isinstance(data, dict) or not isinstance(data.get("results"), list) or "to" not in data:
        raise InvalidInput("a line needs 'results' (a list) and 'to'", hint=_BATCH_EXAMPLE)
    texts = [
        f"{r.get('distance', '')}={r.get('time', '')}"
        for r in data["results"]
        if isinstance(r, dict)
    ]
    if len(texts) != len(data["results"]):
        raise InvalidInput("each result needs a distance and a time", hint=_BATCH_EXAMPLE)
    weekly = data.get("weekly_distance")
    return predict_race(
        texts, str(data["to"]), None if weekly is None else str(weekly), dt.date.today()
    )


_BATCH_EXAMPLE = (
    'for example {"results": [{"distance": "half", "time": "1:32:05"}], '
    '"weekly_distance": "35mi", "to": "marathon"}'
)


def predict_batch(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One answer per non-empty line; a bad line answers with its error and line number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            p = _batch_line(line)
        except RuncoachError as error:
            yield {"line": number, "error": str(error)}
            continue
        yield {
            "line": number,
            "seconds": round(p.time_s, 1),
            "low_seconds": round(p.low_s, 1),
            "high_seconds": round(p.high_s, 1),
            "model": p.model,
        }


@dataclass(frozen=True)
class PacesReport:
    vdot: float
    paces: TrainingPaces
    zones: HeartRateZones | None
    from_results: tuple[Result, ...]


def paces_for(
    result_texts: Sequence[str],
    max_hr: int | None,
    resting_hr: int | None,
    today: dt.date | None = None,
) -> PacesReport:
    """Training paces from the best VDOT among the results, else from current fitness in the log.

    Zones when a max heart rate is given (Karvonen with a resting heart rate).
    """
    if max_hr is None and resting_hr is not None:
        raise InvalidInput(
            "a resting heart rate needs a max heart rate too",
            hint="e.g. --max-hr 186 --resting-hr 52",
        )
    zones = None if max_hr is None else heart_rate_zones(max_hr, resting_hr)
    if result_texts:
        results = parse_results(result_texts)
        vdot = max(vdot_from_performance(r.distance_m, r.time_s) for r in results)
        return PacesReport(vdot, training_paces(vdot), zones, tuple(results))
    fitness = fitness_from_log(today or dt.date.today())
    used = tuple(w.performance.as_result(fitness.on) for w in fitness.used)
    return PacesReport(fitness.vdot, training_paces(fitness.vdot), zones, used)


def fitness_from_log(today: dt.date) -> Fitness:
    """Current fitness (recency-weighted VDOT) from the races and efforts in the log."""
    fitness = current_fitness(performances_from_log(), today)
    if fitness is None:
        raise NotFound(
            "no race, time trial or hard effort in the last year to judge fitness from",
            hint=f"give a result instead, for example --result {RESULT_EXAMPLE.split(',')[0]}",
        )
    return fitness


@dataclass(frozen=True)
class ConditionsText:
    temperature: str | None = None
    dew_point: str | None = None
    humidity: str | None = None
    start: str | None = None
    elevation_gain: str | None = None
    altitude: str | None = None

    def parse(self) -> Conditions:
        return Conditions(
            temperature_c=optional(parse_temperature, self.temperature),
            dew_point_c=optional(parse_temperature, self.dew_point),
            humidity_pct=optional(parse_percentage, self.humidity),
            start_hour=optional(parse_time_of_day, self.start),
            elevation_gain_m=optional(parse_distance, self.elevation_gain),
            altitude_m=_altitude(self.altitude),
        )


def _altitude(text: str | None) -> float | None:
    if text is not None and text.strip() in ("0", "0m"):
        return 0.0
    return parse_distance(text) if text is not None else None


def parse_goal(text: str) -> tuple[float, float]:
    distance_text, sep, time_text = text.partition("=")
    if not sep:
        raise InvalidInput(
            f"'{text}' is not a goal: write distance=time", hint="for example marathon=2:59:59"
        )
    distance_m = parse_distance(distance_text)
    time_s = parse_duration(time_text)
    vdot_from_performance(distance_m, time_s)
    return distance_m, time_s


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a date", hint="write YYYY-MM-DD, e.g. 2027-04-19"
        ) from None


def check_goal_text(
    goal: str,
    date: str,
    conditions: ConditionsText,
    result_texts: Sequence[str],
    weekly_distance: str | None,
    longest_run: str | None = None,
    dream: str | None = None,
    today: dt.date | None = None,
) -> Verdict:
    """The verdict on a goal typed as text, judged as of ``today`` (default: the clock)."""
    today = today or dt.date.today()
    distance_m, time_s = parse_goal(goal)
    dream_s = None if dream is None else parse_duration(dream)
    return check_goal(
        Goal(distance_m, time_s, parse_date(date), conditions.parse()),
        results_or_log(result_texts, today),
        parse_weekly_distance(weekly_distance),
        today,
        dream_s=dream_s,
        longest_run_m=optional(parse_distance, longest_run),
    )


__all__ = ["DISTANCE_EXAMPLES"]
