"""Fitness inputs: results ("10k=41:30"), weekly volume ("35mi"), goals, dates, race-day
conditions and a coach's batch of runners (one JSON object a line)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.conditions import ALTITUDE_MAX_M, Conditions
from runcoach.domain.fitness.gain import GainInputs
from runcoach.domain.fitness.goals import Goal
from runcoach.domain.fitness.own_model import Result
from runcoach.domain.fitness.vdot import vdot_from_performance
from runcoach.domain.units import (
    parse_distance,
    parse_duration,
    parse_percentage,
    parse_temperature,
    parse_time_of_day,
)
from runcoach.inputs.documents import BATCH_LINE, load_document

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


@dataclass(frozen=True)
class ConditionsText:
    temperature: str | None = None
    dew_point: str | None = None
    humidity: str | None = None
    start: str | None = None
    elevation_gain: str | None = None
    altitude: str | None = None

    def parse(self) -> Conditions:
        temperature_c = optional(parse_temperature, self.temperature)
        dew_point_c = optional(parse_temperature, self.dew_point)
        if temperature_c is not None and dew_point_c is not None and dew_point_c > temperature_c:
            raise InvalidInput(
                f"a dew point of {self.dew_point} above a temperature of {self.temperature} "
                "cannot be: the dew point is at most the air temperature (100 % humidity)",
                hint="for example --temperature 24C --dew-point 18C",
            )
        return Conditions(
            temperature_c=temperature_c,
            dew_point_c=dew_point_c,
            humidity_pct=optional(parse_percentage, self.humidity),
            start_hour=optional(parse_time_of_day, self.start),
            elevation_gain_m=optional(parse_distance, self.elevation_gain),
            altitude_m=_altitude(self.altitude),
        )


def _altitude(text: str | None) -> float | None:
    if text is not None and text.strip() in ("0", "0m"):
        return 0.0
    altitude_m = parse_distance(text) if text is not None else None
    if altitude_m is not None and altitude_m > ALTITUDE_MAX_M:
        raise InvalidInput(
            f"{text} is higher than any race is run (the highest starts at 5,364 m)",
            hint="give the race's altitude above sea level, e.g. --altitude 1600m",
        )
    return altitude_m


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


@dataclass(frozen=True)
class PredictionRequest:
    """One runner of a batch: results, the race to predict and (maybe) the weekly volume."""

    results: list[Result]
    target_m: float
    weekly_m: float | None


def parse_prediction_request(
    result_texts: Sequence[str], to: str, weekly_distance: str | None
) -> PredictionRequest:
    """A prediction as typed: the race ("marathon"), the volume ("35mi"), the results (none:
    the log's)."""
    target_m = parse_distance(to)
    weekly_m = parse_weekly_distance(weekly_distance)
    return PredictionRequest(parse_results(result_texts), target_m, weekly_m)


@dataclass(frozen=True)
class GoalRequest:
    """A goal and what it is judged from, as the services take it (``judge_goal(**vars)``)."""

    goal: Goal
    results: list[Result]
    weekly_m: float | None
    longest_m: float | None
    dream_s: float | None
    gain: GainInputs


def parse_goal_request(
    goal: str,
    date: str,
    conditions: ConditionsText,
    result_texts: Sequence[str],
    weekly_distance: str | None,
    longest_run: str | None = None,
    dream: str | None = None,
    runner: RunnerText | None = None,
) -> GoalRequest:
    """A goal as typed at the command line or in the goal form ("marathon=3:59:59")."""
    distance_m, time_s = parse_goal(goal)
    dream_s = None if dream is None else parse_duration(dream)
    weekly_m = parse_weekly_distance(weekly_distance)
    longest_m = optional(parse_distance, longest_run)
    gain = (runner or RunnerText()).parse()
    results = parse_results(result_texts)
    the_goal = Goal(distance_m, time_s, parse_date(date), conditions.parse())
    return GoalRequest(the_goal, results, weekly_m, longest_m, dream_s, gain)


BATCH_EXAMPLE = (
    'for example {"results": [{"distance": "half", "time": "1:32:05"}], '
    '"weekly_distance": "35mi", "to": "marathon"}'
)


def parse_batch_line(line: bytes | str) -> PredictionRequest:
    """A line of a batch file: {"results": [{"distance", "time"}...], "to", "weekly_distance"},
    read within ``documents.BATCH_LINE`` (UTF-8, 64 KiB, 32 levels, 15-digit numbers)."""
    raw = line.encode("utf-8", "surrogateescape") if isinstance(line, str) else line
    try:
        data = load_document(raw, "the line", BATCH_LINE, as_json=True)
    except InvalidInput as error:
        raise InvalidInput(error.message, hint=BATCH_EXAMPLE) from None
    if not isinstance(data, dict) or not isinstance(data.get("results"), list) or "to" not in data:
        raise InvalidInput("a line needs 'results' (a list) and 'to'", hint=BATCH_EXAMPLE)
    texts = [
        f"{r.get('distance', '')}={r.get('time', '')}"
        for r in data["results"]
        if isinstance(r, dict)
    ]
    if len(texts) != len(data["results"]):
        raise InvalidInput("each result needs a distance and a time", hint=BATCH_EXAMPLE)
    if not texts:
        raise InvalidInput("a line needs at least one result", hint=BATCH_EXAMPLE)
    weekly = data.get("weekly_distance")
    target_m = parse_distance(str(data["to"]))
    weekly_m = parse_weekly_distance(None if weekly is None else str(weekly))
    return PredictionRequest(parse_results(texts), target_m, weekly_m)


@dataclass(frozen=True)
class RunnerText:
    """What the runner says about themselves for the expected gain, as typed."""

    years_running: str | None = None
    age: str | None = None

    def parse(self) -> GainInputs:
        return GainInputs(
            years_running=_number(
                "years of running", self.years_running, 0, 80, "--years-running 4"
            ),
            age=_number("age", self.age, 5, 110, "--age 42"),
        )


def _number(what: str, text: str | None, low: float, high: float, example: str) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not low <= value <= high:
        raise InvalidInput(
            f"'{text}' is not a valid {what} ({low:g}-{high:g})", hint=f"for example {example}"
        )
    return value
