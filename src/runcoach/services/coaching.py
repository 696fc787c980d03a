"""A coach and their athletes: access granted by invitation link (and taken back by the
athlete), the athletes' weeks at a glance with their warnings, a coach's edit of a plan
(re-checked by the plan rules before it is saved, and kept with the coach's note for the
athlete to read), and predictions for the whole team.

``athlete_id`` is always the one asking: the athlete granting access, or the coach. Every
read of a coached athlete checks the grant as it stands, so a revoked grant is refused on the
very next request (404: nothing says the athlete is there).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypedDict

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.accountability.coaching import (
    INVITATION_DAYS,
    Access,
    DayGlance,
    check_note,
    describe_change,
    glance,
    share_done,
)
from runcoach.domain.errors import InvalidInput, NotFound, PermissionDenied, RuncoachError
from runcoach.domain.fitness.own_model import Prediction
from runcoach.domain.plans.codec import plan_to_dict
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.rules import Violation, check
from runcoach.domain.today.warnings import TrainingWarning
from runcoach.services import comments
from runcoach.services import plans as plan_service
from runcoach.services import today as today_service
from runcoach.services.accounts import new_secret
from runcoach.services.fitness import AthleteLog, predict_race
from runcoach.services.notices import Outbox
from runcoach.store import coaching as store
from runcoach.store import people
from runcoach.store import plans as plan_store
from runcoach.store import sharing as sharing_store
from runcoach.store.runs import athlete_timezone, local_date_of

CODE_BYTES = 32  # 256-bit invitation codes, stored as SHA-256 (as account invitations)


class PlanChangeRefused(InvalidInput):
    """A coach's change that breaks plan rules the plan did not break before."""

    def __init__(self, broken: list[Violation]) -> None:
        listed = "; ".join(f"{v.rule} ({v.day.isoformat()}): {v.seen}" for v in broken)
        super().__init__(
            f"not saved: the change breaks {len(broken)} plan rule(s): {listed}",
            hint="choose another workout or day; nothing was changed",
        )
        self.broken = broken


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def _today(conn: Connection, athlete_id: int, now: datetime) -> date:
    return local_date_of(now, athlete_timezone(conn, athlete_id))


# ---- the athlete's side: invite, list, change, revoke -----------------------------------


def invite_coach(engine: Engine, access: Access, now: datetime, *, athlete_id: int) -> str:
    """An invitation code (shown once) that a coach's account accepts to get ``access``."""
    code = new_secret(CODE_BYTES)
    with engine.begin() as conn:
        store.add_grant(
            conn, athlete_id, access, _digest(code), now, now + timedelta(days=INVITATION_DAYS)
        )
    return code


def accept_invitation(engine: Engine, code: str, now: datetime, *, athlete_id: int) -> store.Grant:
    """The coach (``athlete_id``) accepts an athlete's invitation."""
    outbox = Outbox()
    with engine.begin() as conn:
        grant = store.grant_by_code(conn, _digest(code.strip()))
        if grant is None or grant.revoked_at is not None or grant.coach_athlete_id is not None:
            raise NotFound("this coaching invitation is not valid (used, withdrawn or mistyped)")
        if now > grant.expires_at:
            raise PermissionDenied("this coaching invitation has expired", hint="ask for a new one")
        if grant.athlete_id == athlete_id:
            raise InvalidInput("you cannot coach yourself with your own invitation")
        store.accept(conn, grant.id, athlete_id, now)
        coach = people.person(conn, athlete_id)
        outbox.tell(grant.athlete_id, "coach", f"{coach.label} is now your coach",
                    f"with {grant.access.value} access; revoke it any time in Coaching.",
                    "/coaching")  # fmt: skip
        accepted = store.live_grant(conn, grant.athlete_id, athlete_id)
    outbox.send(engine)
    assert accepted is not None
    return accepted


@dataclass(frozen=True)
class CoachGrant:
    grant: store.Grant
    coach: people.Person | None


def my_coaches(engine: Engine, *, athlete_id: int) -> list[CoachGrant]:
    """The athlete's grants (live, revoked) and invitations not yet accepted."""
    with engine.connect() as conn:
        grants = store.grants_of(conn, athlete_id)
        found = people.people(conn, [g.coach_athlete_id for g in grants if g.coach_athlete_id])
    return [CoachGrant(g, found.get(g.coach_athlete_id or 0)) for g in grants]


def revoke_coach(engine: Engine, grant_id: int, now: datetime, *, athlete_id: int) -> None:
    """End a coach's access (or withdraw an invitation), at once."""
    with engine.begin() as conn:
        if not store.revoke(conn, athlete_id, grant_id, now):
            raise NotFound(f"there is no live grant {grant_id} of yours")


def change_access(engine: Engine, grant_id: int, access: Access, *, athlete_id: int) -> None:
    with engine.begin() as conn:
        if not store.set_access(conn, athlete_id, grant_id, access):
            raise NotFound(f"there is no live grant {grant_id} of yours")


class PlanChangeLine(TypedDict):
    """A line of the athlete's plan change log: what a coach changed, why, by whom, when."""

    id: int
    plan_id: int
    day: str  # the plan's day the change is about (ISO 8601)
    change: str
    note: str  # the coach's why
    by: str  # the coach's name or address ("a former coach" once the account is gone)
    at: str  # when it was saved (UTC, ISO 8601)


def plan_changes(engine: Engine, *, athlete_id: int) -> list[PlanChangeLine]:
    """What coaches changed in the athlete's plans, and why, newest first."""
    with engine.connect() as conn:
        changes = store.plan_changes_of(conn, athlete_id)
        authors = people.people(conn, [c.author_athlete_id for c in changes if c.author_athlete_id])
    return [_change(c, authors) for c in changes]


def _change(c: store.PlanChange, authors: dict[int, people.Person]) -> PlanChangeLine:
    author = authors.get(c.author_athlete_id or 0)
    return {
        "id": c.id, "plan_id": c.plan_id, "day": c.day.isoformat(), "change": c.change,
        "note": c.note, "by": author.label if author else "a former coach",
        "at": c.created_at.isoformat(),
    }  # fmt: skip


# ---- the coach's side -------------------------------------------------------------------


def _granted(conn: Connection, coached: int, coach: int, write: bool = False) -> store.Grant:
    """The live grant of ``coached`` to ``coach``; NotFound without one (never granted, or
    revoked), PermissionDenied when writing on a read grant."""
    grant = store.live_grant(conn, coached, coach)
    if grant is None:
        raise NotFound(f"athlete {coached} is not one of your athletes")
    if write and not grant.access.can_write:
        raise PermissionDenied(
            "this athlete gave you read access only", hint="ask them for read-write access"
        )
    return grant


def granted_to_write(conn: Connection, coached: int, coach: int) -> store.Grant:
    """The coach's live read-write grant of ``coached`` (services/coach_plans.py)."""
    return _granted(conn, coached, coach, write=True)


@dataclass(frozen=True)
class AthleteGlance:
    person: people.Person
    access: Access
    days: list[DayGlance]
    share_done: float | None
    warnings: list[TrainingWarning]
    has_plan: bool


def team(
    engine: Engine, settings: Settings, now: datetime, *, athlete_id: int
) -> list[AthleteGlance]:
    """Every athlete who granted the coach access: the last 7 days coloured and the warnings."""
    with engine.connect() as conn:
        grants = store.coached_by(conn, athlete_id)
        found = people.people(conn, [g.athlete_id for g in grants])
    return [_glance(engine, settings, now, g, found[g.athlete_id]) for g in grants]


def _glance(
    engine: Engine, settings: Settings, now: datetime, grant: store.Grant, person: people.Person
) -> AthleteGlance:
    coached = grant.athlete_id
    with engine.connect() as conn:
        today = _today(conn, coached, now)
        runs = today_service.read_log(conn, coached, today - timedelta(days=7))
    try:
        weeks = today_service.progress_for(engine, settings, today, athlete_id=coached)
        has_plan = True
    except NotFound:
        weeks, has_plan = [], False
    sessions = [(m.day, m.workout.title, m.status.value) for w in weeks for m in w.matches]
    days = glance(sessions, [r.day for r in runs], today)
    warnings = today_service.warnings_for(engine, settings, today, athlete_id=coached)
    return AthleteGlance(person, grant.access, days, share_done(days), warnings, has_plan)


def athlete(
    engine: Engine, settings: Settings, coached: int, now: datetime, *, athlete_id: int
) -> dict[str, Any]:
    """One athlete as their coach sees them: the glance, the warnings, the plan with the rules
    it breaks, the recent runs and the changes coaches made."""
    with engine.connect() as conn:
        grant = _granted(conn, coached, athlete_id)
        person = people.person(conn, coached)
    seen = _glance(engine, settings, now, grant, person)
    with engine.connect() as conn:
        today = _today(conn, coached, now)
        recent = today_service.read_log(conn, coached, today - timedelta(days=28))
        stored = _plan(conn, coached)
    return {
        "glance": seen,
        "plan_id": stored.id if stored else None,
        "plan": plan_to_dict(stored.plan) if stored else None,
        "violations": check(stored.plan) if stored else [],
        "runs": [
            {
                "id": r.run_id,
                "day": r.day.isoformat(),
                "distance_m": round(r.distance_m),
                "duration_s": round(r.duration_s),
                "kind": r.kind.value if r.kind else None,
            }
            for r in reversed(recent)
        ],
        "changes": plan_changes(engine, athlete_id=coached),
    }


def comment_on_run(engine: Engine, coached: int, run_id: int, body: str, *, athlete_id: int) -> int:
    """A coach's comment on one of the athlete's runs (services/comments.py: the athlete is
    told); NotFound without a live grant or for a run that is not the athlete's."""
    with engine.connect() as conn:
        _granted(conn, coached, athlete_id)
        if sharing_store.run_owner_or_none(conn, run_id) != coached:
            raise NotFound(f"athlete {coached} has no run {run_id}")
    return comments.add_comment(engine, run_id, body, athlete_id=athlete_id)


def _plan(conn: Connection, athlete_id: int) -> plan_store.StoredPlan | None:
    try:
        return plan_store.get_plan(conn, athlete_id)
    except NotFound:
        return None


def edit_athlete_plan(
    engine: Engine,
    coached: int,
    day: date,
    workout: str,
    note: str,
    now: datetime,
    *,
    athlete_id: int,
) -> dict[str, Any]:
    """A coach's edit of one day of the athlete's active plan: re-checked by the plan rules;
    refused (nothing saved) when it breaks a rule the plan did not break; else saved with the
    change and the coach's note, which the athlete sees."""
    why = check_note(note)
    outbox = Outbox()
    with engine.begin() as conn:
        _granted(conn, coached, athlete_id, write=True)
        stored = _plan(conn, coached)
        if stored is None:
            raise NotFound("this athlete has no active plan", hint="build one from their profile")
        before = _titles(stored.plan, day)
        changed = plan_service.edited(stored.plan, day, workout, None)
        broken = _new_violations(check(stored.plan), check(changed))
        if broken:
            raise PlanChangeRefused(broken)
        plan_store.replace_plan(conn, stored.id, changed, f"coach edit: {day}")
        change = describe_change(before, _titles(changed, day))
        change_id = store.add_plan_change(
            conn, coached, stored.id, athlete_id, day, change, why, now
        )
        coach = people.person(conn, athlete_id)
        outbox.tell(coached, "coach", f"{coach.label} changed your plan on {day}",
                    f"{change}. Why: {why}", "/plan")  # fmt: skip
    outbox.send(engine)
    return {"change_id": change_id, "plan_id": stored.id, "day": day.isoformat(),
            "change": change, "note": why, "violations": check(changed)}  # fmt: skip


def _titles(plan: Plan, day: date) -> list[str]:
    found = plan.day(day)
    return [w.title for w in found.workouts if w.kind.value != "rest"] if found else []


def _new_violations(before: list[Violation], after: list[Violation]) -> list[Violation]:
    """Rules broken (and not accepted) after the change that were not broken before it."""
    old = {(v.rule, v.day) for v in before if v.accepted is None}
    return [v for v in after if v.accepted is None and (v.rule, v.day) not in old]


@dataclass(frozen=True)
class TeamPrediction:
    athlete: people.Person
    prediction: Prediction | None
    error: str | None  # why the athlete's log cannot say


def team_predictions(
    engine: Engine, target_m: float, now: datetime, *, athlete_id: int
) -> list[TeamPrediction]:
    """``predict --batch`` for the team: each athlete's predicted time over ``target_m`` from
    their own log (their races and hard efforts, their weekly volume); an athlete whose log
    cannot say answers with the reason."""
    with engine.connect() as conn:
        grants = store.coached_by(conn, athlete_id)
        found = people.people(conn, [g.athlete_id for g in grants])
        days = {g.athlete_id: _today(conn, g.athlete_id, now) for g in grants}
    return [_predict(engine, target_m, found[g.athlete_id], days[g.athlete_id]) for g in grants]


def _predict(engine: Engine, target_m: float, who: people.Person, today: date) -> TeamPrediction:
    def open_log() -> AthleteLog:
        return AthleteLog(engine, who.athlete_id)

    try:
        return TeamPrediction(who, predict_race([], target_m, None, today, open_log), None)
    except RuncoachError as error:
        return TeamPrediction(who, None, str(error))
