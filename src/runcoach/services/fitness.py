"""Use cases for fitness: predict a race, training paces and zones, check a goal.

This is where the clock is read (``today``), where what a runner typed becomes domain values
(through ``runcoach.domain.units``), and where results come from the training log when none
are typed: races, runs tagged as race efforts (time trials) and best efforts inside training
runs of the last year (``performances_from_log``), with the weekly volume of the last four
weeks. The log is opened only then (``open_log``), so typed results need no database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.domain.errors import InvalidInput, NotFound, RuncoachError
from runcoach.domain.fitness.conditions import ALTITUDE_MAX_M, Conditions
from runcoach.domain.fitness.current import (
    LOOKBACK_DAYS,
    MIN_EFFORT_M,
    Fitness,
    Performance,
    PerformanceKind,
    current_fitness,
    fitness_history,
    monthly_dates,
)
from runcoach.domain.fitness.gain import GainInputs
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
from runcoach.store import performances as log_store
from runcoach.store.athletes import athlete_or_local

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


VOLUME_DAYS = 28  # days of log that give the current weekly volume (4 weeks; assumption)
LONGEST_RUN_DAYS = 42  # days of log searched for the longest recent run (6 weeks)
NO_RESULTS_HINT = f"give your results instead, for example --result {RESULT_EXAMPLE.split(',')[0]}"

OpenLog = Callable[[], Engine]


@dataclass(frozen=True)
class LogInputs:
    """What the training log says for a prediction: results, volume, longest recent run."""

    results: tuple[Result, ...]
    weekly_distance_m: float | None
    longest_run_m: float | None
    fitness: Fitness


def performances_from_log(
    conn: Connection, athlete_id: int, since: dt.date, until: dt.date
) -> list[Performance]:
    """Races, time trials (runs tagged as race efforts) and best efforts inside training runs
    between two dates, oldest first."""
    out = [
        Performance(
            r.local_date,
            float(r.distance_m),
            float(r.time_s),
            PerformanceKind.RACE if r.is_race else PerformanceKind.TIME_TRIAL,
            r.run_id,
        )
        for r in log_store.race_rows(conn, athlete_id, since, until)
        if r.distance_m and r.time_s
    ]
    out += [
        Performance(
            r.local_date, float(r.distance_m), float(r.time_s), PerformanceKind.EFFORT, r.run_id
        )
        for r in log_store.effort_rows(conn, athlete_id, since, until, MIN_EFFORT_M)
    ]
    return sorted(out, key=lambda p: p.date)


TREND_SPAN_DAYS = 182  # days; the trend compares fitness now with fitness half a year ago
DAYS_PER_YEAR = 365.25


def gain_inputs_from_log(
    engine: Engine, today: dt.date, *, athlete_id: int | None = None
) -> GainInputs:
    """What the log says about the expected gain: years of running it covers, and the trend of
    fitness over the last half year (%/year of race time; VDOT % is about race-time %)."""
    with engine.begin() as conn:
        athlete_id = athlete_or_local(conn, athlete_id)
        first = log_store.first_run_date(conn, athlete_id)
        since = today - dt.timedelta(days=LOOKBACK_DAYS + TREND_SPAN_DAYS)
        performances = performances_from_log(conn, athlete_id, since, today)
    years = None if first is None else (today - first).days / DAYS_PER_YEAR
    return GainInputs(
        years_running=years, trend_pct_per_year=fitness_trend_pct(performances, today)
    )


def fitness_trend_pct(performances: Sequence[Performance], today: dt.date) -> float | None:
    """The change of fitness from half a year ago to today, in % a year (+ = faster)."""
    now = current_fitness(performances, today)
    then = current_fitness(performances, today - dt.timedelta(days=TREND_SPAN_DAYS))
    if now is None or then is None:
        return None
    return (now.vdot / then.vdot - 1.0) * 100.0 * DAYS_PER_YEAR / TREND_SPAN_DAYS


def read_log_inputs(engine: Engine, today: dt.date, *, athlete_id: int | None = None) -> LogInputs:
    """Current fitness, weekly volume and longest recent run from the log, as of ``today``."""
    with engine.begin() as conn:
        athlete_id = athlete_or_local(conn, athlete_id)
        since = today - dt.timedelta(days=LOOKBACK_DAYS)
        performances = performances_from_log(conn, athlete_id, since, today)
        volume = log_store.running_volume(
            conn, athlete_id, today - dt.timedelta(days=VOLUME_DAYS - 1), today
        )
        longest = log_store.running_volume(
            conn, athlete_id, today - dt.timedelta(days=LONGEST_RUN_DAYS - 1), today
        ).longest_m
    fitness = _current_or_explain(performances, today)
    weekly = float(volume.distance_m) * 7 / VOLUME_DAYS if volume.runs else None
    return LogInputs(
        telling_results(fitness), weekly, None if longest is None else float(longest), fitness
    )


HISTORY_DAYS_DEFAULT = 730  # days of fitness history shown unless asked for more (2 years)


@dataclass(frozen=True)
class FitnessOverTime:
    """Current fitness and how it changed: fitness on the first of each month since a date."""

    now: Fitness
    history: tuple[Fitness, ...]


def fitness_over_time(
    engine: Engine,
    today: dt.date | None = None,
    since: dt.date | None = None,
    *,
    athlete_id: int | None = None,
) -> FitnessOverTime:
    """Current fitness from the log and its history month by month (default: two years)."""
    today = today or dt.date.today()
    since = since or today - dt.timedelta(days=HISTORY_DAYS_DEFAULT)
    if since > today:
        raise InvalidInput(f"--since {since} is after today ({today})", hint="e.g. 2025-01-01")
    with engine.begin() as conn:
        athlete_id = athlete_or_local(conn, athlete_id)
        first = since - dt.timedelta(days=LOOKBACK_DAYS)
        performances = performances_from_log(conn, athlete_id, first, today)
    now = _current_or_explain(performances, today, MARK_A_RACE_HINT)
    return FitnessOverTime(now, tuple(fitness_history(performances, monthly_dates(since, today))))


def telling_results(fitness: Fitness) -> tuple[Result, ...]:
    """The results a prediction starts from: races and time trials, and per other distance
    the fastest best effort among those that set current fitness."""
    used = [w.performance for w in fitness.used]
    raced = [p for p in used if p.kind is not PerformanceKind.EFFORT]
    raced_at = {round(p.distance_m) for p in raced}
    efforts: dict[int, Performance] = {}
    for p in used:
        key = round(p.distance_m)
        if p.kind is PerformanceKind.EFFORT and key not in raced_at:
            best = efforts.get(key)
            efforts[key] = p if best is None or p.time_s < best.time_s else best
    return tuple(p.as_result(fitness.on) for p in [*raced, *efforts.values()])


def _log_inputs(open_log: OpenLog | None, today: dt.date, athlete_id: int | None) -> LogInputs:
    if open_log is None:
        raise NotFound("no results given and no training log to read", hint=NO_RESULTS_HINT)
    return read_log_inputs(open_log(), today, athlete_id=athlete_id)


def results_or_log(
    texts: Sequence[str],
    today: dt.date,
    open_log: OpenLog | None = None,
    *,
    athlete_id: int | None = None,
) -> list[Result]:
    if texts:
        return parse_results(texts)
    return list(_log_inputs(open_log, today, athlete_id).results)


def predict_race(
    result_texts: Sequence[str],
    to: str,
    weekly_distance: str | None,
    today: dt.date | None = None,
    open_log: OpenLog | None = None,
    *,
    athlete_id: int | None = None,
) -> Prediction:
    """A prediction from the results given, else from the log (with the log's weekly volume
    unless one is given)."""
    today = today or dt.date.today()
    target_m = parse_distance(to)
    weekly_m = parse_weekly_distance(weekly_distance)
    if result_texts:
        return predict(parse_results(result_texts), target_m, weekly_m)
    log = _log_inputs(open_log, today, athlete_id)
    return predict(list(log.results), target_m, weekly_m or log.weekly_distance_m)


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
    if not texts:
        raise InvalidInput("a line needs at least one result", hint=_BATCH_EXAMPLE)
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
    open_log: OpenLog | None = None,
    *,
    athlete_id: int | None = None,
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
    fitness = _log_inputs(open_log, today or dt.date.today(), athlete_id).fitness
    used = tuple(w.performance.as_result(fitness.on) for w in fitness.used)
    return PacesReport(fitness.vdot, training_paces(fitness.vdot), zones, used)


MARK_A_RACE_HINT = "mark a race in the log: runcoach runs edit ID --race --official-time 41:30"


def _current_or_explain(
    performances: Sequence[Performance], today: dt.date, hint: str = NO_RESULTS_HINT
) -> Fitness:
    """Current fitness (recency-weighted VDOT) from the races and efforts in the log."""
    fitness = current_fitness(performances, today)
    if fitness is None:
        raise NotFound(
            "the training log holds no race, time trial or hard effort of "
            f"{MIN_EFFORT_M:g} m or more in the last year to judge fitness from",
            hint=hint,
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


def check_goal_text(
    goal: str,
    date: str,
    conditions: ConditionsText,
    result_texts: Sequence[str],
    weekly_distance: str | None,
    longest_run: str | None = None,
    dream: str | None = None,
    today: dt.date | None = None,
    open_log: OpenLog | None = None,
    *,
    athlete_id: int | None = None,
    runner: RunnerText | None = None,
) -> Verdict:
    """The verdict on a goal typed as text, judged as of ``today`` (default: the clock).

    Without results, the results, weekly volume, longest recent run and what the expected gain
    rests on (years of running, fitness trend) come from the log (each one given on the
    command line still wins)."""
    today = today or dt.date.today()
    distance_m, time_s = parse_goal(goal)
    dream_s = None if dream is None else parse_duration(dream)
    weekly_m = parse_weekly_distance(weekly_distance)
    longest_m = optional(parse_distance, longest_run)
    gain_inputs = (runner or RunnerText()).parse()
    if result_texts:
        results = parse_results(result_texts)
    else:
        log = _log_inputs(open_log, today, athlete_id)
        results = list(log.results)
        weekly_m = weekly_m or log.weekly_distance_m
        longest_m = longest_m or log.longest_run_m
        assert open_log is not None  # _log_inputs refused otherwise
        gain_inputs = _merged(
            gain_inputs, gain_inputs_from_log(open_log(), today, athlete_id=athlete_id)
        )
    return check_goal(
        Goal(distance_m, time_s, parse_date(date), conditions.parse()),
        results,
        weekly_m,
        today,
        dream_s=dream_s,
        longest_run_m=longest_m,
        gain_inputs=gain_inputs,
    )


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


def _merged(given: GainInputs, log: GainInputs) -> GainInputs:
    """What the runner typed wins; the log fills the rest."""
    return GainInputs(
        years_running=given.years_running if given.years_running is not None else log.years_running,
        age=given.age,
        trend_pct_per_year=log.trend_pct_per_year,
    )


__all__ = ["DISTANCE_EXAMPLES"]
