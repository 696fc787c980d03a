"""The runner's profile: goal, where they stand, and the life a plan must fit around.

``profile_from_dict`` reads the already-parsed YAML/JSON document (docs/profile.md) and
checks every field, naming the field and giving an example when something is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from runcoach.domain.days import date_field
from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.model import Goal, GoalKind
from runcoach.domain.plans.nights import night_runs_of, with_night_runs
from runcoach.domain.plans.schedule import (
    WEEKDAYS,
    Allowance,
    Availability,
    Cycle,
    DayType,
    Facilities,
    Weekly,
    weekday_index,
)
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.records import faster_than_any_runner
from runcoach.domain.run.runs import Surface
from runcoach.domain.units import (
    METRES_PER_MILE,
    format_distance,
    format_duration,
    parse_distance,
    parse_duration,
)

MIN_GOAL_M = METRES_PER_MILE - 1  # shortest goal race: the mile
MAX_GOAL_M = 100 * METRES_PER_MILE + 1  # longest goal race: 100 miles
DEFAULT_OPEN_WEEKS = 12  # length of an open-ended plan (weeks; 4-52), one training block
MASTERS_AGE = 50  # years; masters runners recover more slowly: a lighter week every third
# week (Pfitzinger & Douglas 2009, "Advanced Marathoning", on masters training)
AGE_RANGE = (10, 100)  # years a profile's age may say
ROTATION_ANCHOR = date(2000, 1, 3)  # a cycle given by today_is: anchored when the plan is built
PROGRAMS = ("sub-5-mile", "first-half", "base-building", "return-after-break")


@dataclass(frozen=True)
class RaceEntry:
    """A tune-up race the runner has entered."""

    day: date
    distance_m: float
    name: str = ""
    insist: bool = False  # the runner keeps it even where it breaks a rule


@dataclass(frozen=True)
class Result:
    """A recent race or time trial."""

    day: date
    distance_m: float
    time_s: float


@dataclass(frozen=True)
class Shoe:
    name: str
    uses: tuple[str, ...] = ()  # "daily", "fast", "trail", "long"


@dataclass(frozen=True)
class Profile:
    goal: Goal
    name: str = ""
    tune_ups: tuple[RaceEntry, ...] = ()
    results: tuple[Result, ...] = ()
    weekly_distance_m: float | None = None
    longest_run_m: float | None = None
    years_running: float = 1.0
    recent_injury: str | None = None
    availability: Availability = field(default_factory=Availability)
    shoes: tuple[Shoe, ...] = ()
    surfaces: tuple[Surface, ...] = (Surface.ROAD,)
    dislikes: tuple[WorkoutKind, ...] = ()
    program: str | None = None
    weeks: int | None = None  # length of an open-ended plan
    start: date | None = None
    advanced: bool = False
    goal_races: tuple[RaceEntry, ...] = ()  # the goal's other races (a double), dates in goal.also
    age: int | None = None  # years; 50 and over: a masters runner (recovery every third week)
    longest_run_ever_m: float | None = None  # training history when the log has none
    goal_venue: str = "road"  # where the goal race is run: road, track, indoor (a 200 m track)
    # what the runner left out that the training log may tell (filled by the plan service)
    unstated: frozenset[str] = frozenset()

    @property
    def is_masters(self) -> bool:
        return self.age is not None and self.age >= MASTERS_AGE

    @property
    def is_beginner(self) -> bool:
        return self.years_running < 1.0

    @property
    def also_m(self) -> tuple[float, ...]:
        """The distances of the goal's other races (a double), in date order (m)."""
        return tuple(r.distance_m for r in self.goal_races)

    @property
    def goal_races_m(self) -> float | None:
        """What the goal asks: its race's distance, or a double's combined distance (m)."""
        distance = self.goal.distance_m
        return None if distance is None else distance + sum(self.also_m)


def profile_from_dict(doc: Any) -> Profile:
    data = _mapping(doc, "profile", "goal: {race: half, date: 2027-04-18}")
    goal = _goal(data.get("goal"))
    also = _goal_also(data.get("goal"), goal)
    return Profile(
        goal=replace(goal, also=tuple(r.day for r in also)),
        goal_races=also,
        name=str(data.get("name", "")),
        tune_ups=tuple(_race(r, i) for i, r in enumerate(_seq(data, "tune_up_races"))),
        results=tuple(_result(r, i) for i, r in enumerate(_seq(data, "recent_results"))),
        weekly_distance_m=_opt_distance(data, "weekly_distance"),
        longest_run_m=_opt_distance(data, "longest_run_30d"),
        years_running=_number(data, "years_running", 1.0, "years_running: 3"),
        recent_injury=_opt_str(data.get("recent_injury")),
        availability=_long_on_the_first_race_day(_availability(data), data, also),
        shoes=tuple(_shoe(s, i) for i, s in enumerate(_seq(data, "shoes"))),
        surfaces=_surfaces(data),
        dislikes=tuple(_kind(k, f"dislikes[{i}]") for i, k in enumerate(_seq(data, "dislikes"))),
        program=_program(data.get("program")),
        weeks=_opt_int(data, "weeks", 4, 52),
        start=_opt_date(data.get("start"), "start"),
        advanced=bool(data.get("advanced", False)),
        age=_opt_int(data, "age", *AGE_RANGE),
        longest_run_ever_m=_opt_distance(data, "longest_run_ever"),
        goal_venue=_venue(data.get("goal")),
        unstated=frozenset(k for k in FROM_THE_LOG if data.get(k) is None),
    )


# the history a log can tell when the profile is silent (years_running: how long the log goes
# back; longest_run_ever: its longest run); current volume and longest run are always filled
FROM_THE_LOG = ("years_running", "longest_run_ever")


VENUES = ("road", "track", "indoor", "trail")  # where a goal race is run


def _venue(goal: Any) -> str:
    if not isinstance(goal, dict) or goal.get("venue") is None:
        return "road"
    venue = str(goal["venue"]).strip().lower()
    if venue not in VENUES:
        raise InvalidInput(
            f"goal.venue: '{goal['venue']}' is not one of {', '.join(VENUES)}",
            hint="goal: {race: 3000m, date: 2027-02-14, venue: indoor}",
        )
    return venue


def _goal(value: Any) -> Goal:
    example = "goal: {race: marathon, date: 2027-10-10, target: '2:59:00'} or goal: base"
    if value in ("base", "base-building", "health", "stay-healthy"):
        kind = GoalKind.BASE if str(value).startswith("base") else GoalKind.HEALTH
        return Goal(kind, name="base building" if kind is GoalKind.BASE else "stay healthy")
    data = _mapping(value, "goal", example)
    if "race" not in data:
        raise InvalidInput("goal.race is missing: which distance is the goal?", hint=example)
    distance = _distance(data["race"], "goal.race")
    if not MIN_GOAL_M <= distance <= MAX_GOAL_M:
        raise InvalidInput(
            f"goal.race: {data['race']} is outside 1 mile to 100 miles", hint=example
        )
    target = data.get("target")
    # a target beyond anyone (a 1:50 marathon) is judged by the goal's verdict, not refused:
    # the plan trains for the realistic time and says so (plans/verdict.py, issue 15)
    target_s = _duration(target, "goal.target") if target is not None else None
    return Goal(
        GoalKind.RACE,
        distance_m=distance,
        race_date=date_field(data.get("date"), "goal.date"),
        target_time_s=target_s,
        name=str(data.get("name", "")) or f"{data['race']} race",
    )


GOAL_SPAN_DAYS = 6  # the races of one goal (a double, a stage race) fall within this many days


def _goal_also(value: Any, goal: Goal) -> tuple[RaceEntry, ...]:
    """The goal's other races: a marathon on Saturday and another on Sunday is one goal."""
    if not isinstance(value, dict) or not value.get("also"):
        return ()
    example = "also: [{date: 2027-04-17, distance: marathon, name: Saturday marathon}]"
    items = value["also"] if isinstance(value["also"], list) else [value["also"]]
    out = []
    for i, item in enumerate(items):
        where = f"goal.also[{i}]"
        data = _mapping(item, where, example)
        day = date_field(data.get("date"), f"{where}.date")
        assert goal.race_date is not None
        if not 0 < (goal.race_date - day).days <= GOAL_SPAN_DAYS:
            raise InvalidInput(
                f"{where}.date: {day} is not within the {GOAL_SPAN_DAYS} days before the goal "
                f"race on {goal.race_date} (goal.date is the last race of the goal); a race "
                "further away is a tune-up (tune_up_races)",
                hint=example,
            )
        distance = _distance(data.get("distance", value.get("race")), f"{where}.distance")
        out.append(RaceEntry(day, distance, str(data.get("name", "")) or f"race on {day}"))
    return tuple(sorted(out, key=lambda r: r.day))


def _long_on_the_first_race_day(
    availability: Availability, data: Mapping[str, Any], also: tuple[RaceEntry, ...]
) -> Availability:
    """A double's long run falls, unless the profile says otherwise, on the weekday of its
    first race, so that the back-to-back long runs rehearse the race weekend's own days."""
    if not also or data.get("long_run_day") is not None or isinstance(availability.pattern, Cycle):
        return availability
    return replace(availability, long_run_weekday=also[0].day.weekday())


def _race(value: Any, i: int) -> RaceEntry:
    where = f"tune_up_races[{i}]"
    data = _mapping(value, where, "{date: 2027-03-14, distance: 10k, name: Spring 10k}")
    return RaceEntry(
        date_field(data.get("date"), f"{where}.date"),
        _distance(data.get("distance"), f"{where}.distance"),
        str(data.get("name", "")),
        bool(data.get("insist", False)),
    )


def _result(value: Any, i: int) -> Result:
    where = f"recent_results[{i}]"
    data = _mapping(value, where, "{date: 2026-10-04, distance: 10k, time: '48:30'}")
    distance = _distance(data.get("distance"), f"{where}.distance")
    time_s = _duration(data.get("time"), f"{where}.time")
    _humanly_possible(distance, time_s, f"{where}.time")
    return Result(date_field(data.get("date"), f"{where}.date"), distance, time_s)


def _humanly_possible(distance_m: float, time_s: float, where: str) -> None:
    """A result faster than the world record's pace is a typo (a half in 0:01), not a result:
    the plan's paces would come from it. Slow times are anyone's."""
    if faster_than_any_runner(distance_m, time_s):
        raise InvalidInput(
            f"{where}: {format_distance(distance_m, digits=2)} in {format_duration(time_s)} "
            "is faster than the world record: no runner can run it",
            hint="a time as h:mm:ss or mm:ss, e.g. time: '48:30' for a 10k, '1:52:00' for a half",
        )


def _availability(data: dict[str, Any]) -> Availability:
    raw = data.get("availability")
    pattern: Weekly | Cycle = Weekly((DayType("free", Allowance.ANY),) * 7)
    if raw is not None:
        avail = _mapping(raw, "availability", "availability: {weekdays: {monday: none}}")
        pattern = _cycle(avail["cycle"]) if "cycle" in avail else _weekly(avail.get("weekdays", {}))
    nights = night_runs_of(data.get("night_shifts"))
    if nights is not None and not isinstance(pattern, Cycle):
        raise InvalidInput("night_shifts needs a rotating cycle (availability.cycle)")
    if nights is not None and isinstance(pattern, Cycle):
        pattern = with_night_runs(pattern, nights)
    long_day = data.get("long_run_day")
    long_day = None if long_day is None else _name(long_day)
    long_is_type = isinstance(pattern, Cycle) and long_day is not None
    if long_is_type and str(long_day) not in {t.name for t in pattern.days}:
        names = ", ".join(sorted({t.name for t in pattern.days}))
        raise InvalidInput(
            f"long_run_day: '{long_day}' is not one of the cycle's day types ({names})",
            hint="for example long_run_day: off",
        )
    least, most = _run_days(data.get("run_days_per_week", 5))
    return Availability(
        pattern=pattern,
        run_days_wanted=most,
        run_days_least=least,
        long_run_weekday=_long_weekday(long_day, long_is_type),
        long_run_day_type=str(long_day) if long_is_type else None,
        facilities=_facilities(data.get("facilities", [])),
    )


def _run_days(value: Any) -> tuple[int | None, int]:
    """``5`` (at most 5 days) or a range ``3-4`` (3 to 4 days, for a beginner)."""
    example = "run_days_per_week: 5, or a range: run_days_per_week: 3-4"
    text = str(value).strip()
    low, _, high = text.partition("-")
    numbers = low.strip().isdigit() and (not high or high.strip().isdigit())
    if isinstance(value, bool) or not numbers:
        raise InvalidInput(f"run_days_per_week: '{value}' is not a number of days", hint=example)
    if not high:
        return None, int(low)
    return int(low), int(high)


def _name(value: Any) -> str:
    """A day type's name; YAML reads a bare off/on as false/true, so turn those back."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _long_weekday(value: Any, is_type: bool) -> int | None:
    if is_type:
        return None
    return weekday_index(str(value)) if value is not None else 6


def _weekly(value: Any) -> Weekly:
    data = _mapping(value, "availability.weekdays", "weekdays: {monday: none, tuesday: 'short 30'}")
    days = [DayType(day, Allowance.ANY) for day in WEEKDAYS]
    for name, spec in data.items():
        index = weekday_index(str(name))
        days[index] = _day_type(WEEKDAYS[index], spec, f"availability.weekdays.{name}")
    return Weekly(tuple(days))


def _cycle(value: Any) -> Cycle:
    example = "cycle: {start: 2027-01-04, days: [day, day, night, night, off, off], types: ...}"
    data = _mapping(value, "availability.cycle", example)
    types_raw = _mapping(data.get("types", {}), "availability.cycle.types", example)
    types = {
        _name(n): _day_type(_name(n), s, f"availability.cycle.types.{_name(n)}")
        for n, s in types_raw.items()
    }
    names = data.get("days")
    if not isinstance(names, list) or not names:
        raise InvalidInput("availability.cycle.days must list the day types in order", hint=example)
    days: list[DayType] = []
    for i, raw in enumerate(names):
        name = _name(raw)
        if name not in types:
            raise InvalidInput(
                f"availability.cycle.days[{i}]: '{name}' is not defined under cycle.types",
                hint="define it, e.g. types: {night: none, off: any, day: 'short 30'}",
            )
        days.append(types[name])
    if data.get("start") is None and data.get("today_is") is not None:
        return Cycle(ROTATION_ANCHOR, tuple(days), _today_is(data["today_is"], days))
    return Cycle(date_field(data.get("start"), "availability.cycle.start"), tuple(days))


def _today_is(value: Any, days: list[DayType]) -> int:
    """Where in the rotation today falls: its day number (1 = the first of ``days``)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= len(days):
        raise InvalidInput(
            f"availability.cycle.today_is: '{value}' is not a day of the {len(days)}-day cycle",
            hint=f"the number of today's day in cycle.days, 1 to {len(days)} (or give start:)",
        )
    return value


def _day_type(name: str, spec: Any, where: str) -> DayType:
    example = "any, none, or 'short 30' (a short run of at most 30 minutes)"
    text = str(spec).strip().lower() if not isinstance(spec, dict) else ""
    if isinstance(spec, dict) and "short" in spec:
        return DayType(name, Allowance.SHORT, _minutes(spec["short"], where))
    if text in ("any", "anything", "free"):
        return DayType(name, Allowance.ANY)
    if text in ("none", "no", "rest", "off", "false"):
        return DayType(name, Allowance.NONE)
    if text.startswith("short"):
        return DayType(name, Allowance.SHORT, _minutes(text[5:].strip(" :") or "0", where))
    raise InvalidInput(f"{where}: '{spec}' is not a day type", hint=example)


def _minutes(value: Any, where: str) -> float:
    text = str(value).strip()
    try:
        minutes = float(text) if text.replace(".", "", 1).isdigit() else parse_duration(text) / 60
    except InvalidInput as error:
        raise InvalidInput(f"{where}: '{value}' is not a time limit", hint="'short 30'") from error
    if minutes <= 0:
        raise InvalidInput(f"{where}: a short day needs its time limit", hint="'short 30'")
    return minutes


def _facilities(value: Any) -> Facilities:
    items = value if isinstance(value, list) else [value]
    names = {str(v).strip().lower() for v in items if v}
    unknown = names - {"track", "hills", "treadmill", "trails"}
    if unknown:
        raise InvalidInput(
            f"facilities: {', '.join(sorted(unknown))} unknown",
            hint="choose from track, hills, treadmill, trails",
        )
    return Facilities(**{n: True for n in names})


def _surfaces(data: dict[str, Any]) -> tuple[Surface, ...]:
    values = _seq(data, "surfaces") or ["road"]
    out = []
    for i, v in enumerate(values):
        try:
            out.append(Surface(str(v).lower()))
        except ValueError as error:
            choices = ", ".join(s.value for s in Surface)
            raise InvalidInput(f"surfaces[{i}]: '{v}' is not one of {choices}") from error
    return tuple(out)


def _shoe(value: Any, i: int) -> Shoe:
    if isinstance(value, str):
        return Shoe(value)
    data = _mapping(value, f"shoes[{i}]", "{name: Pegasus 40, uses: [daily, long]}")
    if not data.get("name"):
        raise InvalidInput(f"shoes[{i}].name is missing", hint="{name: Pegasus 40}")
    uses = data.get("uses", [])
    return Shoe(
        str(data["name"]), tuple(str(u) for u in (uses if isinstance(uses, list) else [uses]))
    )


def _kind(value: Any, where: str) -> WorkoutKind:
    try:
        return WorkoutKind(str(value).lower())
    except ValueError as error:
        choices = ", ".join(k.value for k in WorkoutKind)
        raise InvalidInput(f"{where}: '{value}' is not one of {choices}") from error


def _program(value: Any) -> str | None:
    if value is None:
        return None
    if str(value) not in PROGRAMS:
        raise InvalidInput(f"program: '{value}' is not a ready program", hint=", ".join(PROGRAMS))
    return str(value)


# ---- small readers that name the field -------------------------------------------------


def _mapping(value: Any, where: str, example: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where} must be a mapping of names to values", hint=example)
    return value


def _seq(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InvalidInput(f"{key} must be a list", hint=f"{key}: [...]")
    return value


def _distance(value: Any, where: str) -> float:
    try:
        return parse_distance(str(value))
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error.message}", hint=error.hint) from error


def _opt_distance(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if str(value).strip() in ("0", "0km", "0 km", "0mi"):
        return 0.0
    return _distance(value, key)


def _duration(value: Any, where: str) -> float:
    try:
        return parse_duration(str(value))
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error.message}", hint=error.hint) from error


def _opt_date(value: Any, where: str) -> date | None:
    return None if value is None else date_field(value, where)


def _number(data: dict[str, Any], key: str, default: float, example: str) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidInput(f"{key}: '{value}' must be a number, 0 or more", hint=example)
    return float(value)


def _opt_int(data: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{key}: '{value}' must be a whole number from {low} to {high}")
    return value


def _opt_str(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return None if text.lower() in ("", "none", "no", "false") else text
