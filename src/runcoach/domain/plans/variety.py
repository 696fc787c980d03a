"""Variety after the layout: surfaces and terrain rotate where available, shoes rotate."""

from __future__ import annotations

from itertools import cycle

from runcoach.domain.plans.model import Week
from runcoach.domain.plans.profile import Profile, Shoe
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import StepKind, Workout, WorkoutKind
from runcoach.domain.run.runs import Surface, Terrain
from runcoach.domain.units import format_duration


def surfaces_available(profile: Profile) -> list[Surface]:
    found = list(dict.fromkeys(profile.surfaces or (Surface.ROAD,)))
    facilities = profile.availability.facilities
    for has, surface in (
        (facilities.trails, Surface.TRAIL),
        (facilities.track, Surface.TRACK),
        (facilities.treadmill, Surface.TREADMILL),
    ):
        if has and surface not in found:
            found.append(surface)
    return found


def assign_variety(weeks: list[Week], profile: Profile) -> None:
    """Give every run a surface, terrain and shoe so the load on the body varies."""
    available = surfaces_available(profile)
    outdoor = [s for s in available if s in (Surface.ROAD, Surface.TRAIL, Surface.GRASS)]
    easy_turn = cycle(outdoor or [Surface.ROAD])
    long_turn = cycle([s for s in outdoor if s is not Surface.GRASS] or [Surface.ROAD])
    shoes = _ShoeRotation(profile.shoes)
    for week in weeks:
        for day in week.days:
            short = day.day_type.allowance is Allowance.SHORT
            day.workouts = [
                _vary(w, available, easy_turn, long_turn, shoes, short) for w in day.workouts
            ]


def _vary(
    w: Workout,
    available: list[Surface],
    easy_turn: cycle[Surface],
    long_turn: cycle[Surface],
    shoes: _ShoeRotation,
    short_day: bool,
) -> Workout:
    if not w.is_run:
        return w
    surface, terrain = _surface_for(w, available, easy_turn, long_turn, short_day)
    notes = w.notes
    if w.kind is WorkoutKind.INTERVALS and surface is not Surface.TRACK:
        notes = (*notes, without_a_track(w))
    return w.with_changes(
        surface=surface, terrain=terrain, shoe=shoes.pick(w, surface), notes=notes
    )


def without_a_track(w: Workout) -> str:
    """Track repeats for a runner without a track: on a flat measured stretch, or by time."""
    reps = {
        round(s.distance_m): s.distance_m / 1000 * s.pace.middle.seconds_per_km
        for s in w.steps()
        if s.kind is StepKind.WORK and s.distance_m and s.pace is not None
    }
    times = ", ".join(f"{m} m in about {format_duration(t)}" for m, t in sorted(reps.items()))
    return (
        "No track: run the repeats on a flat stretch of road or path, by your watch's "
        f"distance or by time ({times})."
    )


def _surface_for(
    w: Workout,
    available: list[Surface],
    easy_turn: cycle[Surface],
    long_turn: cycle[Surface],
    short_day: bool,
) -> tuple[Surface, Terrain | None]:
    if w.kind is WorkoutKind.HILLS:
        on_treadmill = "treadmill" in w.title
        return (Surface.TREADMILL if on_treadmill else Surface.ROAD), Terrain.HILLY
    if w.kind is WorkoutKind.RACE and w.surface is Surface.TRACK:
        return Surface.TRACK, Terrain.FLAT  # a track or indoor goal race
    if w.kind is WorkoutKind.INTERVALS and Surface.TRACK in available:
        return Surface.TRACK, Terrain.FLAT
    if w.is_quality or w.kind is WorkoutKind.RACE:
        return Surface.ROAD, Terrain.FLAT
    if w.kind is WorkoutKind.LONG:
        surface = next(long_turn)
        return surface, (Terrain.HILLY if surface is Surface.TRAIL else Terrain.ROLLING)
    if short_day and Surface.TREADMILL in available:
        return Surface.TREADMILL, Terrain.FLAT
    surface = next(easy_turn)
    return surface, (Terrain.ROLLING if surface is Surface.TRAIL else Terrain.FLAT)


class _ShoeRotation:
    def __init__(self, shoes: tuple[Shoe, ...]) -> None:
        self.shoes = shoes
        self.turn = 0

    def pick(self, w: Workout, surface: Surface) -> str | None:
        if not self.shoes:
            return None
        use = (
            "trail"
            if surface is Surface.TRAIL
            else ("fast" if w.is_quality or w.kind is WorkoutKind.RACE else "daily")
        )
        fitting = (
            [s for s in self.shoes if use in s.uses]
            or [s for s in self.shoes if not ({"fast", "trail"} & set(s.uses))]
            or list(self.shoes)
        )
        self.turn += 1
        return fitting[self.turn % len(fitting)].name
