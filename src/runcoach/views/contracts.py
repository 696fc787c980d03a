"""Commitment contracts as JSON (``runcoach contracts ... --json`` and /api/v1/contracts)."""

from __future__ import annotations

from typing import Any, Literal, TypedDict, cast

from runcoach.domain.accountability.contracts import Outcome, Terms, tally
from runcoach.domain.units import format_distance, format_duration
from runcoach.services.contract_judging import ContractState, PeriodState
from runcoach.store.people import Person
from runcoach.views.json import IsoDate, IsoDateTime

Status = Literal["active", "over", "ended", "awaiting-referee"]
LAPSED_NOTE = "the referee did not decide in time: the automatic verdict stands"


class GoalJson(TypedDict):
    kind: str  # run-days, weekly-distance, key-sessions, race-time
    run_days: int | None
    distance_m: float | None
    distance: str | None  # the distance as a person reads it
    time_s: float | None
    time: str | None
    text: str  # the goal in words


class StakeJson(TypedDict):
    amount: float
    currency: str
    receiver: str  # charity, friend, anti-charity
    receiver_name: str
    text: str


class TermsJson(TypedDict):
    """What the runner signed: the goal, the days, the stake for each missed period."""

    goal: GoalJson
    start: IsoDate
    end: IsoDate
    periods: int
    stake: StakeJson
    max_excused: int
    referee_days: int


class PersonJson(TypedDict):
    athlete_id: int
    name: str
    email: str | None


class DisputeJson(TypedDict):
    at: IsoDateTime
    note: str | None


class DecisionJson(TypedDict):
    decision: str  # confirm or overturn
    note: str | None
    at: IsoDateTime | None


class PeriodJson(TypedDict):
    """A period judged: the automatic verdict, the referee's side and the final outcome."""

    number: int
    start: IsoDate
    end: IsoDate
    automatic: str  # kept, missed, excused, open
    outcome: str  # the final outcome: kept, missed, excused, open
    rule: str
    seen: str
    run_ids: list[int]
    unwell_days: list[IsoDate]
    review: str  # awaiting, disputed, confirmed, overturned, lapsed, no-referee
    review_due: IsoDateTime | None
    review_note: str | None
    disputed: DisputeJson | None
    decision: DecisionJson | None


class EndedJson(TypedDict):
    at: IsoDateTime
    on: IsoDate | None
    reason: str | None


class TallyJson(TypedDict):
    kept: int
    missed: int
    excused: int
    open: int
    owed: str  # the stakes owed, in words


class TermsChangeJson(TypedDict):
    """Terms made harder: when, and the terms before (as the store keeps them)."""

    changed_at: IsoDateTime
    terms: dict[str, Any]


class ContractJson(TypedDict):
    """A commitment contract as the runner or its referee sees it."""

    id: int
    role: str  # who is asking: runner or referee
    status: Status
    athlete: PersonJson | None
    referee: PersonJson | None
    referee_state: str | None  # asked, accepted, refused
    referee_note: str | None
    active_from: IsoDateTime | None
    terms: TermsJson
    signed_at: IsoDateTime
    ended: EndedJson | None
    tally: TallyJson
    periods: list[PeriodJson]
    history: list[TermsChangeJson]
    today: IsoDate


class JudgedJson(TypedDict):
    """How many periods were judged by ``contracts judge``."""

    judged: int


def judged_json(count: int) -> JudgedJson:
    return {"judged": count}


def terms_json(terms: Terms) -> TermsJson:
    goal, stake = terms.goal, terms.stake
    return {
        "goal": {
            "kind": goal.kind.value,
            "run_days": goal.run_days,
            "distance_m": goal.distance_m,
            "distance": format_distance(goal.distance_m) if goal.distance_m else None,
            "time_s": goal.time_s,
            "time": format_duration(goal.time_s) if goal.time_s else None,
            "text": goal.describe(),
        },
        "start": terms.start.isoformat(),
        "end": terms.end.isoformat(),
        "periods": terms.periods,
        "stake": {
            "amount": stake.amount_cents / 100,
            "currency": stake.currency,
            "receiver": stake.receiver.value,
            "receiver_name": stake.receiver_name,
            "text": f"{stake.describe()} to {stake.receiver_name} ({stake.receiver.value}) "
            "for each missed period",
        },
        "max_excused": terms.max_excused,
        "referee_days": terms.referee_days,
    }


def _person(p: Person | None) -> PersonJson | None:
    return None if p is None else {"athlete_id": p.athlete_id, "name": p.name, "email": p.email}


def period_json(state: PeriodState) -> PeriodJson:
    v, stored = state.verdict, state.stored
    return {
        "number": v.index + 1,
        "start": v.start.isoformat(),
        "end": v.end.isoformat(),
        "automatic": v.outcome.value,
        "outcome": state.final.value,
        "rule": v.rule,
        "seen": v.seen,
        "run_ids": list(v.run_ids),
        "unwell_days": [d.isoformat() for d in v.unwell_days],
        "review": state.review.value,
        "review_due": stored.review_due.isoformat() if stored else None,
        "review_note": LAPSED_NOTE if state.review.value == "lapsed" else None,
        "disputed": None if stored is None or stored.disputed_at is None else {
            "at": stored.disputed_at.isoformat(), "note": stored.dispute_note},
        "decision": None if stored is None or stored.decision is None else {
            "decision": stored.decision.value, "note": stored.decision_note,
            "at": stored.decided_at.isoformat() if stored.decided_at else None},
    }  # fmt: skip


def _status(state: ContractState) -> Status:
    """ended / over / active, or awaiting-referee: a referee is asked and has not accepted."""
    c = state.contract
    if c.ended_at:
        return "ended"
    if c.active_from is None:
        return "awaiting-referee"
    return "over" if state.today > c.terms.end else "active"


def contract_json(state: ContractState) -> ContractJson:
    c = state.contract
    outcomes = [p.final for p in state.periods]
    counts = tally(outcomes)
    status = _status(state)
    return {
        "id": c.id,
        "role": state.role,
        "status": status,
        "athlete": _person(state.people.get(c.athlete_id)),
        "referee": _person(state.people.get(c.referee_athlete_id or 0)),
        "referee_state": c.referee_state.value if c.referee_state else None,
        "referee_note": c.referee_note,
        "active_from": c.active_from.isoformat() if c.active_from else None,
        "terms": terms_json(c.terms),
        "signed_at": c.signed_at.isoformat(),
        "ended": None if c.ended_at is None else {
            "at": c.ended_at.isoformat(), "on": c.ended_on.isoformat() if c.ended_on else None,
            "reason": c.end_reason},
        "tally": {"kept": counts.kept, "missed": counts.missed, "excused": counts.excused,
                  "open": counts.open, "owed": counts.owed(c.terms.stake)},
        "periods": [period_json(p) for p in state.periods],
        "history": cast(list[TermsChangeJson], c.history),
        "today": state.today.isoformat(),
    }  # fmt: skip


OUTCOMES = [o.value for o in Outcome]
