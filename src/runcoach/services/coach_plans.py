"""A coach with read-write access writes an athlete's plan: builds it from a profile (the
same profile as the athlete's own plan page), records the athlete's shift changes or their
rota. Each is checked by the plan rules as the athlete's own change is (services/plans.py,
services/plan_changes.py) and kept with the coach's note, which the athlete reads in their
plan's change log and is told of.

``athlete_id`` is the coach asking; ``coached`` the athlete, reached only through a live
read-write grant (NotFound without one, PermissionDenied on a read grant).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine

from runcoach.domain.accountability.coaching import check_note
from runcoach.domain.plans.profile import Profile
from runcoach.services import plan_changes
from runcoach.services import plans as plan_service
from runcoach.services.coaching import granted_to_write
from runcoach.services.notices import Outbox
from runcoach.store import coaching as store
from runcoach.store import people
from runcoach.store import plans as plan_store
from runcoach.store.runs import athlete_timezone, local_date_of


@dataclass(frozen=True)
class CoachChange:
    """What a coach's change did to the athlete's plan, and the change log's line."""

    plan_id: int
    day: date
    change: str
    note: str
    built: plan_service.Built | None = None  # a plan built from a profile
    shifted: plan_changes.Outcome | None = None  # a shift change or a rota


def build_plan(
    engine: Engine, coached: int, profile: Profile, note: str, now: datetime, *, athlete_id: int
) -> CoachChange:
    """A new plan for the athlete from ``profile`` (filled from the athlete's own log where it
    is silent); it becomes their active plan, the one before is archived."""
    why = check_note(note)
    today = _check(engine, coached, athlete_id, now)
    built = plan_service.build_plan(engine, profile, today, athlete_id=coached)
    assert built.plan_id is not None
    change = f"a new plan from a profile: {built.plan.summary()}"
    if built.violations:
        change += f" ({len(built.violations)} rule(s) broken, listed on the plan)"
    _log(engine, coached, built.plan_id, athlete_id, today, change, why, now)
    return CoachChange(built.plan_id, today, change, why, built=built)


def shift(
    engine: Engine,
    coached: int,
    request: plan_changes.ShiftRequest,
    note: str,
    accept_breaks: bool,
    now: datetime,
    *,
    athlete_id: int,
) -> CoachChange:
    """A shift change for the athlete: the plan re-fits around it (refused, nothing saved,
    when it breaks rules the plan kept and ``accept_breaks`` is false)."""
    why = check_note(note)
    today = _check(engine, coached, athlete_id, now)
    done = plan_changes.save_shift(engine, None, request, today, accept_breaks, athlete_id=coached)
    day = request.day or (request.swap[0] if request.swap else today)
    return _shifted(engine, coached, athlete_id, day, done, why, now)


def rota(
    engine: Engine,
    coached: int,
    request: plan_changes.RotaRequest,
    note: str,
    accept_breaks: bool,
    now: datetime,
    *,
    athlete_id: int,
) -> CoachChange:
    """The athlete's shifts from their rota: the plan's days take them and re-fit."""
    why = check_note(note)
    today = _check(engine, coached, athlete_id, now)
    done = plan_changes.save_rota(engine, None, request, today, accept_breaks, athlete_id=coached)
    return _shifted(engine, coached, athlete_id, today, done, why, now)


def preview_shift(
    engine: Engine,
    coached: int,
    request: plan_changes.ShiftRequest,
    now: datetime,
    *,
    athlete_id: int,
) -> plan_changes.Outcome:
    """What the shift change would move in the athlete's plan and the rules it would break;
    nothing is saved or logged."""
    today = _check(engine, coached, athlete_id, now)
    return plan_changes.preview_shift(engine, None, request, today, athlete_id=coached)


def preview_rota(
    engine: Engine,
    coached: int,
    request: plan_changes.RotaRequest,
    now: datetime,
    *,
    athlete_id: int,
) -> plan_changes.Outcome:
    """What the rota would change in the athlete's plan; nothing is saved or logged."""
    today = _check(engine, coached, athlete_id, now)
    return plan_changes.preview_rota(engine, None, request, today, athlete_id=coached)


def _check(engine: Engine, coached: int, coach: int, now: datetime) -> date:
    """The athlete's today, after the coach's read-write grant is checked."""
    with engine.connect() as conn:
        granted_to_write(conn, coached, coach)
        return local_date_of(now, athlete_timezone(conn, coached))


def _shifted(
    engine: Engine,
    coached: int,
    coach: int,
    day: date,
    done: plan_changes.Outcome,
    why: str,
    now: datetime,
) -> CoachChange:
    moved = len(done.shifted.changes)
    change = f"shift: {done.what}" + (f", {moved} session(s) re-fitted" if moved else "")
    with engine.connect() as conn:
        plan_id = plan_store.get_plan(conn, coached).id
    _log(engine, coached, plan_id, coach, day, change, why, now)
    return CoachChange(plan_id, day, change, why, shifted=done)


def _log(
    engine: Engine,
    coached: int,
    plan_id: int,
    coach: int,
    day: date,
    change: str,
    why: str,
    now: datetime,
) -> None:
    """The change log's line the athlete reads, and the notification they get."""
    outbox = Outbox()
    with engine.begin() as conn:
        store.add_plan_change(conn, coached, plan_id, coach, day, change[:2000], why, now)
        who = people.person(conn, coach)
        outbox.tell(coached, "coach", f"{who.label} changed your plan",
                    f"{change}. Why: {why}", "/plan")  # fmt: skip
    outbox.send(engine)
