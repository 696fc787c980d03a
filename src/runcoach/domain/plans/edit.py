"""A coach's hand edit: a workout written as a short text ("tempo 20min", "6x800m@5k")."""

from __future__ import annotations

import re
from collections.abc import Callable

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import library as lib
from runcoach.domain.plans import routines
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.workouts import Workout
from runcoach.domain.units import parse_distance, parse_duration

SPEC_EXAMPLES = (
    "rest, easy 40min, recovery 30min, long 18km, tempo 20min, progression 50min, "
    "strides 40min, intervals 6x800m@5k, hills 8x60s, strength, drills, warm-up"
)
_REPS = re.compile(r"^(?P<n>\d+)\s*x\s*(?P<what>[\w.]+?)(?:@(?P<pace>[\w-]+))?$")


def workout_from_spec(text: str, paces: PlanPaces) -> Workout:
    words = text.strip().lower().split(maxsplit=1)
    if not words:
        raise InvalidInput("the workout is empty", hint=f"for example {SPEC_EXAMPLES}")
    kind, rest = words[0], (words[1] if len(words) > 1 else "")
    if kind in ("intervals", "hills") or _REPS.match(text.strip().lower()):
        return _reps(kind, rest or text.strip().lower(), paces)
    simple = _SIMPLE.get(kind)
    if simple is None:
        raise InvalidInput(f"'{text}' is not a workout runcoach understands",
                           hint=f"for example {SPEC_EXAMPLES}")  # fmt: skip
    return simple(rest, paces)


def _minutes(rest: str, paces: PlanPaces) -> float:
    if not rest:
        raise InvalidInput("the workout needs a time or a distance", hint="e.g. easy 40min")
    try:
        return parse_duration(rest) / 60
    except InvalidInput:
        metres = parse_distance(rest)
        return metres / 1000 * paces.easy.middle.seconds_per_km / 60


def _long(rest: str, paces: PlanPaces) -> Workout:
    try:
        return lib.long_run(paces, parse_distance(rest))
    except InvalidInput:
        minutes = parse_duration(rest) / 60
        return lib.long_run(paces, minutes * 60 / paces.easy.middle.seconds_per_km * 1000)


_SIMPLE: dict[str, Callable[[str, PlanPaces], Workout]] = {
    "rest": lambda rest, p: routines.rest_day(),
    "easy": lambda rest, p: lib.easy_run(p, _minutes(rest, p)),
    "recovery": lambda rest, p: lib.recovery_run(p, _minutes(rest, p)),
    "long": _long,
    "tempo": lambda rest, p: lib.tempo(p, _minutes(rest, p)),
    "progression": lambda rest, p: lib.progression(p, _minutes(rest, p)),
    "strides": lambda rest, p: lib.strides_run(p, _minutes(rest, p)),
    "strength": lambda rest, p: routines.strength(0),
    "drills": lambda rest, p: routines.drills(),
    "warm-up": lambda rest, p: routines.dynamic_warm_up(),
}


def _reps(kind: str, text: str, paces: PlanPaces) -> Workout:
    match = _REPS.match(text.replace(" ", ""))
    if match is None:
        raise InvalidInput(f"'{text}' is not a repeat workout", hint="e.g. 6x800m@5k, hills 8x60s")
    n = int(match["n"])
    if kind == "hills":
        return lib.hills(paces, n, parse_duration(match["what"]), treadmill=False)
    pace = match["pace"] or "interval"
    if pace not in paces.named():
        raise InvalidInput(f"'{pace}' is not a pace name", hint=", ".join(paces.named()))
    return lib.intervals(paces, n, parse_distance(match["what"]), pace, 120)
