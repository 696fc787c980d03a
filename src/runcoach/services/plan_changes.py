"""Changing a plan's days when life changes: one shift, a swap, an extra day, a whole rota
from the employer's calendar; the rules each change breaks shown before it is saved; every
change kept so that it can be undone.

A change is first worked out on a copy (``preview_*``: nothing is saved). Saving it is
refused when it breaks rules the plan kept, unless the runner accepts those breaks by name
(``accept_breaks``). Every saved change keeps the version it replaced (``plan history``,
``plan undo``) and is noted in the plan adjustments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import Engine

from runcoach.domain.days import zone
from runcoach.domain.errors import Conflict, InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.plans.codec import plan_document
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.rota import (
    WorkShift,
    day_types_for,
    local_shifts,
    rota_summary,
    shift_kinds,
    spelled_day_type,
)
from runcoach.domain.plans.schedule import DayType
from runcoach.domain.today.shift import Shifted, change_days, insert_day, rota_days, swap_days
from runcoach.services.checkins import local_today
from runcoach.services.today import day_type_named, load_plan
from runcoach.store import checkins as adjustments
from runcoach.store import plans as plan_store
from runcoach.store.db import read_only
from runcoach.store.runs import athlete_timezone

Change = Callable[[Plan, date], Shifted]


@dataclass(frozen=True)
class ShiftRequest:
    """One shift change: ``swap`` (two days exchange their day types); ``day`` takes
    ``day_type`` and nothing else moves; with ``insert``, ``day_type`` is put on ``day`` and
    every later day of the rotation moves one day later."""

    swap: tuple[date, date] | None = None
    day: date | None = None
    day_type: str | None = None
    insert: bool = False

    def change(self, plan: Plan, tz: tzinfo) -> tuple[Change, str]:
        """The change to make, and what it is in words."""
        if (self.swap is None) == (self.day is None or self.day_type is None):
            raise InvalidInput(
                "say which two days swap, or which day takes which day type (that day only, "
                "or with the rotation moved)"
            )
        if self.swap is not None:
            first, second = self.swap
            return (lambda p, now: swap_days(p, first, second, now)), f"swap {first} {second}"
        assert self.day is not None and self.day_type is not None
        kind, day = day_type_of(plan, self.day_type), self.day
        if self.insert:
            return (lambda p, now: insert_day(p, kind, day, now)), f"insert {kind.name} on {day}"
        return (lambda p, now: change_days(p, {day: kind}, now)), f"{day} becomes {kind.name}"


@dataclass(frozen=True)
class Outcome:
    """What a change did (``shifted``: the plan after it, what moved, the rules it newly
    breaks), what it was (``what``, in words) and whether it was saved
    (``views.plans.shift_json`` shows it)."""

    shifted: Shifted
    what: str
    saved: bool

    @property
    def plan(self) -> Plan:
        return self.shifted.plan


def preview_shift(
    engine: Engine, given: Plan | None, request: ShiftRequest, today: date | None = None,
    *, athlete_id: int,
) -> Outcome:  # fmt: skip
    """What the shift change would move and break; nothing is saved."""
    return _changed(engine, given, today, request.change, None, athlete_id)


def save_shift(
    engine: Engine, given: Plan | None, request: ShiftRequest, today: date | None = None,
    accept_breaks: bool = False, *, athlete_id: int,
) -> Outcome:  # fmt: skip
    """Make the shift change and keep it, unless it breaks rules the runner did not accept."""
    return _changed(engine, given, today, request.change, accept_breaks, athlete_id)


@dataclass(frozen=True)
class RotaRequest:
    """The shifts of a rota file and what the runner said each kind of shift is."""

    shifts: Sequence[WorkShift]
    told: Mapping[str, str]  # kind of shift ("night") -> a plan day type or "none"/"short 30"

    def change(self, plan: Plan, tz: tzinfo) -> tuple[Change, str]:
        kinds = shift_kinds(local_shifts(self.shifts, tz))
        types = day_types_for(kinds, {d.day_type for d in plan.days()}, self.told)
        return (lambda p, now: rota_days(p, types, now)), f"rota {rota_summary(kinds)}"


def preview_rota(
    engine: Engine, given: Plan | None, request: RotaRequest, today: date | None = None,
    *, athlete_id: int,
) -> Outcome:  # fmt: skip
    """What the rota would change in the plan and the rules it would break; nothing saved."""
    return _changed(engine, given, today, request.change, None, athlete_id)


def save_rota(
    engine: Engine, given: Plan | None, request: RotaRequest, today: date | None = None,
    accept_breaks: bool = False, *, athlete_id: int,
) -> Outcome:  # fmt: skip
    """The rota's days take their day types in the plan, the plan re-fitted and kept."""
    return _changed(engine, given, today, request.change, accept_breaks, athlete_id)


def _changed(
    engine: Engine,
    given: Plan | None,
    today: date | None,
    make: Callable[[Plan, tzinfo], tuple[Change, str]],
    accept_breaks: bool | None,
    athlete_id: int,
) -> Outcome:
    """Work the change out; ``accept_breaks`` None: a preview, nothing saved."""
    with engine.begin() as conn:
        source = load_plan(conn, athlete_id, given)
        now = today or local_today(conn, athlete_id)
        change, what = make(source.plan, zone(athlete_timezone(conn, athlete_id)))
        result = change(source.plan, now)
        if accept_breaks is None:
            return Outcome(result, what, False)
        _refuse_unaccepted(result, accept_breaks)
        history = {"change": what, "changes": list(result.changes),
                   "plan_before": plan_document(source.plan)}  # fmt: skip
        adjustments.save_adjustment(conn, athlete_id, now, "shift", ["shift"], history)
        if source.plan_id is not None:
            plan_store.replace_plan(conn, source.plan_id, result.plan, _version_note(result, what))
    return Outcome(result, what, True)


def _refuse_unaccepted(result: Shifted, accept_breaks: bool) -> None:
    if not result.new_violations or accept_breaks:
        return
    listed = "; ".join(f"{v.day} {v.rule} ({v.seen})" for v in result.new_violations[:5])
    more = len(result.new_violations) - 5
    raise Conflict(
        f"not saved: the change breaks {len(result.new_violations)} rule(s) the plan kept: "
        f"{listed}{f'; and {more} more' if more > 0 else ''}",
        hint=Hint(
            Do.PREVIEW_OR_ACCEPT_BREAKS,
            "preview the change to see them all; save it anyway by accepting them",
        ),
    )


def _version_note(result: Shifted, what: str) -> str:
    moved = f", {len(result.changes)} session(s) re-fitted" if result.changes else ""
    broken = len(result.new_violations)
    accepted = f", {broken} rule(s) accepted broken" if broken else ""
    return f"shift: {what}{moved}{accepted}"


# ---- history and undo ----------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    plan_id: int
    versions: list[plan_store.PlanVersion]  # the newest change first


def history(engine: Engine, plan_id: int | None = None, *, athlete_id: int) -> History:
    """The active plan's (or plan ``plan_id``'s) kept versions, the newest change first."""
    with read_only(engine) as conn:
        stored = plan_store.get_plan(conn, athlete_id, plan_id)
        return History(stored.id, plan_store.plan_versions_of(conn, stored.id))


@dataclass(frozen=True)
class Undone:
    plan_id: int
    undone: str  # what the change undone had done
    changes_left: int  # earlier changes that can still be undone


def undo(engine: Engine, plan_id: int | None = None, *, athlete_id: int) -> Undone:
    """Undo the last change of the active plan (or of plan ``plan_id``)."""
    with engine.begin() as conn:
        stored = plan_store.get_plan(conn, athlete_id, plan_id)
        version, _plan = plan_store.undo_change(conn, stored.id)
        left = len(plan_store.plan_versions_of(conn, stored.id))
    return Undone(stored.id, version.change, left)


def day_type_of(plan: Plan, text: str) -> DayType:
    """The plan's day type called ``text`` (any case), or one spelled out: none, any,
    'short 30' (a short run of at most 30 minutes)."""
    try:
        return day_type_named(plan, text)
    except InvalidInput as unknown:
        try:
            return spelled_day_type(text, text.strip().lower())
        except InvalidInput:
            raise unknown from None


def day_type_choices(plan: Plan) -> list[DayType]:
    """The plan's day types, by name (what a one-day change can choose from)."""
    return sorted({d.day_type for d in plan.days()}, key=lambda t: t.name)
