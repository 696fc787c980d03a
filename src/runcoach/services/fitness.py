"""Use cases for fitness: predict a race, training paces and zones, check a goal.

Services take typed values (``Result``s, metres, a ``Goal``); what a person typed is parsed
by the door with ``runcoach.inputs.fitness``. This is where the clock is read (``today``), and
where results come from the training log when none are given: races, runs tagged as race
efforts (time trials) and best efforts inside training
runs of the last year (``performances_from_log``), with the weekly volume of the last four
weeks. The log is opened only then (``open_log``), so typed results need no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runcoach.domain.errors import InvalidInput, NotFound, RuncoachError
from runcoach.domain.fitness.current import (
    LOOKBACK_DAYS,
    MIN_EFFORT_M,
    Fitness,
    Performance,
    PerformanceKind,
    current_fitness,
    fitness_history,
    latest_fitness,
    monthly_dates,
)
from runcoach.domain.fitness.gain import GainInputs
from runcoach.domain.fitness.goals import Goal, Verdict, check_goal
from runcoach.domain.fitness.own_model import Prediction, Result, predict
from runcoach.domain.fitness.paces import TrainingPaces, training_paces
from runcoach.domain.fitness.staleness import widened_for_age
from runcoach.domain.fitness.vdot import vdot_from_performance
from runcoach.domain.fitness.zones import HeartRateZones, heart_rate_zones
from runcoach.domain.hints import Do, Hint
from runcoach.inputs.documents import BATCH_LINE
from runcoach.inputs.fitness import RESULT_EXAMPLE, parse_batch_line
from runcoach.store import performances as log_store
from runcoach.store.sql import Db, Reader, reading

if TYPE_CHECKING:
    from sqlalchemy import Engine

VOLUME_DAYS = 28  # days of log that give the current weekly volume (4 weeks; assumption)
LONGEST_RUN_DAYS = 42  # days of log searched for the longest recent run (6 weeks)
NO_RESULTS_HINT = Hint(
    Do.GIVE_RESULTS_INSTEAD,
    "give your results instead, for example 10k in 41:30",
    {"example": RESULT_EXAMPLE.split(",")[0]},
)


@dataclass(frozen=True)
class AthleteLog:
    """Whose training log to read, and the store that holds it (an engine, or the command
    line's sqlite3 reader: ``store.sql``)."""

    store: Engine | Reader
    athlete_id: int


OpenLog = Callable[[], AthleteLog]  # opens the store only when the log is needed


@dataclass(frozen=True)
class LogInputs:
    """What the training log says for a prediction: results, volume, longest recent run."""

    results: tuple[Result, ...]
    weekly_distance_m: float | None
    longest_run_m: float | None
    fitness: Fitness
    age_days: int = 0  # how old the fitness is: 0 when the last year holds results


def performances_from_log(
    db: Db, athlete_id: int, since: dt.date, until: dt.date
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
        for r in log_store.race_rows(db, athlete_id, since, until)
        if r.distance_m and r.time_s
    ]
    out += [
        Performance(
            r.local_date, float(r.distance_m), float(r.time_s), PerformanceKind.EFFORT, r.run_id
        )
        for r in log_store.effort_rows(db, athlete_id, since, until, MIN_EFFORT_M)
    ]
    return sorted(out, key=lambda p: p.date)


TREND_SPAN_DAYS = 182  # days; the trend compares fitness now with fitness half a year ago
DAYS_PER_YEAR = 365.25


def gain_inputs_from_log(store: Engine | Reader, today: dt.date, *, athlete_id: int) -> GainInputs:
    """What the log says about the expected gain: years of running it covers, and the trend of
    fitness over the last half year (%/year of race time; VDOT % is about race-time %)."""
    with reading(store) as db:
        first = log_store.first_run_date(db, athlete_id)
        since = today - dt.timedelta(days=LOOKBACK_DAYS + TREND_SPAN_DAYS)
        performances = performances_from_log(db, athlete_id, since, today)
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


LOG_START = dt.date(1900, 1, 1)  # before any log: "from the beginning"


def _rateable_performances(
    db: Db, athlete_id: int, today: dt.date, since: dt.date | None = None
) -> list[Performance]:
    """The log's performances of the last year (before ``since`` too, for a history); every
    older one when the last year holds none that can be rated (``latest_fitness``)."""
    first = min(since or today, today) - dt.timedelta(days=LOOKBACK_DAYS)
    performances = performances_from_log(db, athlete_id, first, today)
    if current_fitness(performances, today) is not None:
        return performances
    return performances_from_log(db, athlete_id, LOG_START, today)


def fitness_performances(
    store: Engine | Reader, today: dt.date, *, athlete_id: int
) -> tuple[Performance, ...]:
    """The races, time trials and hard efforts of the last year that set current fitness
    (``current_fitness``); none when the last year of the log holds none."""
    with reading(store) as db:
        first = today - dt.timedelta(days=LOOKBACK_DAYS)
        fitness = current_fitness(performances_from_log(db, athlete_id, first, today), today)
    return () if fitness is None else tuple(w.performance for w in fitness.used)


def read_log_inputs(store: Engine | Reader, today: dt.date, *, athlete_id: int) -> LogInputs:
    """Current fitness, weekly volume and longest recent run from the log, as of ``today``."""
    with reading(store) as db:
        performances = _rateable_performances(db, athlete_id, today)
        volume = log_store.running_volume(
            db, athlete_id, today - dt.timedelta(days=VOLUME_DAYS - 1), today
        )
        longest = log_store.running_volume(
            db, athlete_id, today - dt.timedelta(days=LONGEST_RUN_DAYS - 1), today
        ).longest_m
    fitness = _current_or_explain(performances, today)
    weekly = float(volume.distance_m) * 7 / VOLUME_DAYS if volume.runs else None
    return LogInputs(
        telling_results(fitness),
        weekly,
        None if longest is None else float(longest),
        fitness,
        (today - fitness.on).days,
    )


HISTORY_DAYS_DEFAULT = 730  # days of fitness history shown unless asked for more (2 years)


@dataclass(frozen=True)
class FitnessOverTime:
    """Current fitness and how it changed: fitness on the first of each month since a date."""

    now: Fitness
    history: tuple[Fitness, ...]
    today: dt.date | None = None

    @property
    def age_days(self) -> int:
        """How old the fitness is: 0 when the last year holds results (``Fitness.on``)."""
        return 0 if self.today is None else (self.today - self.now.on).days


def fitness_over_time(
    store: Engine | Reader,
    today: dt.date | None = None,
    since: dt.date | None = None,
    *,
    athlete_id: int,
) -> FitnessOverTime:
    """Current fitness from the log and its history month by month (default: two years)."""
    today = today or dt.date.today()
    since = since or today - dt.timedelta(days=HISTORY_DAYS_DEFAULT)
    if since > today:
        raise InvalidInput(
            f"the history's start {since} is after today ({today})", hint="e.g. 2025-01-01"
        )
    with reading(store) as db:
        performances = _rateable_performances(db, athlete_id, today, since)
    now = _current_or_explain(performances, today, MARK_A_RACE_HINT)
    history = fitness_history(performances, monthly_dates(since, today))
    return FitnessOverTime(now, tuple(history), today)


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


def _log_inputs(open_log: OpenLog | None, today: dt.date) -> LogInputs:
    if open_log is None:
        raise NotFound("no results given and no training log to read", hint=NO_RESULTS_HINT)
    opened = open_log()
    return read_log_inputs(opened.store, today, athlete_id=opened.athlete_id)


def predict_race(
    results: Sequence[Result],
    target_m: float,
    weekly_m: float | None,
    today: dt.date | None = None,
    open_log: OpenLog | None = None,
) -> Prediction:
    """A prediction from the results given, else from the log (with the log's weekly volume
    unless one is given)."""
    if results:
        return predict(list(results), target_m, weekly_m)
    log = _log_inputs(open_log, today or dt.date.today())
    prediction = predict(list(log.results), target_m, weekly_m or log.weekly_distance_m)
    return widened_for_age(prediction, log.age_days)


@dataclass(frozen=True)
class BatchAnswer:
    """One line of a batch answered: its prediction, or the error that stopped it."""

    line: int  # its number in the batch, from 1
    prediction: Prediction | None = None
    error: str | None = None


def predict_batch(lines: Iterable[bytes | str]) -> Iterator[BatchAnswer]:
    """One answer per non-empty line; a bad line (not UTF-8, not JSON, nested too deep, too
    long) answers with its error and line number, and the next lines are still answered."""
    for number, line in enumerate(lines, start=1):
        if len(line) <= BATCH_LINE.max_bytes and not line.strip():
            continue
        try:
            asked = parse_batch_line(line)
            p = predict(asked.results, asked.target_m, asked.weekly_m)
        except RuncoachError as error:
            yield BatchAnswer(number, error=str(error))
            continue
        yield BatchAnswer(number, prediction=p)


@dataclass(frozen=True)
class PacesReport:
    vdot: float
    paces: TrainingPaces
    zones: HeartRateZones | None
    from_results: tuple[Result, ...]
    age_days: int = 0  # how old the log's fitness is: 0 when the last year holds results


def paces_for(
    results: Sequence[Result],
    max_hr: int | None,
    resting_hr: int | None,
    today: dt.date | None = None,
    open_log: OpenLog | None = None,
) -> PacesReport:
    """Training paces from the best VDOT among the results, else from current fitness in the log.

    Zones when a max heart rate is given (Karvonen with a resting heart rate).
    """
    if max_hr is None and resting_hr is not None:
        raise InvalidInput(
            "a resting heart rate needs a max heart rate too",
            hint=Hint(
                Do.GIVE_HEART_RATES, "give the max heart rate with the resting one, e.g. 186 and 52"
            ),
        )
    zones = None if max_hr is None else heart_rate_zones(max_hr, resting_hr)
    if results:
        vdot = max(vdot_from_performance(r.distance_m, r.time_s) for r in results)
        return PacesReport(vdot, training_paces(vdot), zones, tuple(results))
    log = _log_inputs(open_log, today or dt.date.today())
    fitness = log.fitness
    used = tuple(w.performance.as_result(fitness.on) for w in fitness.used)
    return PacesReport(fitness.vdot, training_paces(fitness.vdot), zones, used, log.age_days)


MARK_A_RACE_HINT = Hint(Do.MARK_A_RACE, "mark a race in the log with its official time")


def _current_or_explain(
    performances: Sequence[Performance], today: dt.date, hint: Hint = NO_RESULTS_HINT
) -> Fitness:
    """Current fitness (recency-weighted VDOT) from the races and efforts in the log; from
    older ones, as of the newest, when the last year holds none."""
    fitness = latest_fitness(performances, today)
    if fitness is None:
        raise NotFound(
            "the training log holds no race, time trial or hard effort of "
            f"{MIN_EFFORT_M:g} m or more that runcoach can rate (its runs are shorter, walked, "
            "or not marked as races)",
            hint=Hint(
                Do.FIND_FITNESS,
                "what would help: mark a race you ran with its official time, or run a time "
                f"trial (5 km as hard as you can hold) and mark it a race; or {hint.text}",
                {"or": hint},
            ),
        )
    return fitness


def judge_goal(
    goal: Goal,
    results: Sequence[Result],
    weekly_m: float | None,
    longest_m: float | None = None,
    dream_s: float | None = None,
    today: dt.date | None = None,
    open_log: OpenLog | None = None,
    gain: GainInputs | None = None,
) -> Verdict:
    """The verdict on a goal, judged as of ``today`` (default: the clock).

    Without results, the results, weekly volume, longest recent run and what the expected gain
    rests on (years of running, fitness trend) come from the log (each one given still wins:
    ``gain`` is what the runner told of themselves)."""
    today = today or dt.date.today()
    gain_inputs = gain or GainInputs()
    if not results:
        log = _log_inputs(open_log, today)
        results = list(log.results)
        weekly_m = weekly_m or log.weekly_distance_m
        longest_m = longest_m or log.longest_run_m
        assert open_log is not None  # _log_inputs refused otherwise
        opened = open_log()
        from_log = gain_inputs_from_log(opened.store, today, athlete_id=opened.athlete_id)
        gain_inputs = _merged(gain_inputs, from_log)
    return check_goal(
        goal,
        list(results),
        weekly_m,
        today,
        dream_s=dream_s,
        longest_run_m=longest_m,
        gain_inputs=gain_inputs,
    )


def _merged(given: GainInputs, log: GainInputs) -> GainInputs:
    """What the runner typed wins; the log fills the rest."""
    return GainInputs(
        years_running=given.years_running if given.years_running is not None else log.years_running,
        age=given.age,
        trend_pct_per_year=log.trend_pct_per_year,
    )
