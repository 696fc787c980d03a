"""/api/v1/contracts: commitment contracts, their periods, the referee's decisions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from runcoach.domain.accountability.contracts import (
    DEFAULT_REFEREE_DAYS,
    Decision,
    GoalKind,
    Outcome,
    Receiver,
)
from runcoach.inputs.contracts import TermsText, cents, goal_of
from runcoach.services import contracts as service
from runcoach.views.contracts import contract_json, judged_json
from runcoach.web.auth import Authorized, engine_of, now

router = APIRouter(prefix="/contracts", tags=["contracts"])


class GoalIn(BaseModel):
    kind: GoalKind
    run_days: int | None = Field(default=None, examples=[4])
    distance: str | None = Field(default=None, examples=["30k"], max_length=40)
    time: str | None = Field(default=None, examples=["49:00"], max_length=40)

    def goal(self) -> Any:
        value = {
            GoalKind.RUN_DAYS: str(self.run_days or ""),
            GoalKind.WEEKLY_DISTANCE: self.distance or "",
            GoalKind.KEY_SESSIONS: "",
            GoalKind.RACE_TIME: f"{self.distance or ''}@{self.time or ''}",
        }[self.kind]
        return goal_of(self.kind, value)


class StakeIn(BaseModel):
    amount: float = Field(ge=0, examples=[20])
    currency: str = Field(min_length=3, max_length=3, examples=["EUR"])
    receiver: Receiver
    receiver_name: str = Field(min_length=1, max_length=200, examples=["Red Cross"])


class TermsIn(BaseModel):
    """Weekly goals take ``weeks``; a race goal takes ``end``, the date it must be reached by."""

    goal: GoalIn
    start: date
    weeks: int | None = Field(default=None, examples=[12])
    end: date | None = None
    stake: StakeIn
    max_excused: int = Field(default=1, ge=0)
    referee_days: int = DEFAULT_REFEREE_DAYS

    def terms(self) -> Any:
        return TermsText(
            self.goal.goal(), self.start, self.weeks, self.end, cents(self.stake.amount),
            self.stake.currency, self.stake.receiver, self.stake.receiver_name,
            self.max_excused, self.referee_days,
        ).terms()  # fmt: skip


class ContractIn(TermsIn):
    referee: str | None = Field(default=None, examples=["friend@example.com"], max_length=320)


EXAMPLE = {
    "goal": {"kind": "run-days", "run_days": 4}, "start": "2026-11-23", "weeks": 12,
    "stake": {"amount": 20, "currency": "EUR", "receiver": "charity", "receiver_name": "Red Cross"},
    "max_excused": 2, "referee_days": 7, "referee": "friend@example.com",
}  # fmt: skip


@router.get("", summary="Your contracts and those you referee, each judged up to today")
def list_contracts(request: Request, access: Authorized) -> list[Mapping[str, Any]]:
    found = service.list_contracts(engine_of(request), now(), athlete_id=access.actor.athlete_id)
    return [contract_json(c) for c in found]


@router.post("", status_code=201, summary="Sign a commitment contract")
def sign(request: Request, access: Authorized, body: ContractIn) -> Mapping[str, Any]:
    """Signed at once: afterwards it can only be made harder or ended (recorded as ended)."""
    engine, me = engine_of(request), access.actor.athlete_id
    contract_id = service.sign(engine, body.terms(), body.referee, now(), athlete_id=me)
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))


@router.post("/judge", summary="Judge your contracts' periods that are over, now")
def judge(request: Request, access: Authorized) -> Mapping[str, Any]:
    """The job does it every minute and after each import; this asks for it at once."""
    me = access.actor.athlete_id
    return judged_json(service.judge_due(engine_of(request), now(), athlete_id=me))


@router.get("/{contract_id}", summary="A contract with every period's verdict and why")
def show(request: Request, access: Authorized, contract_id: int) -> Mapping[str, Any]:
    state = service.show(engine_of(request), contract_id, now(), athlete_id=access.actor.athlete_id)
    return contract_json(state)


@router.put("/{contract_id}", summary="New terms: only harder ones are accepted (409 otherwise)")
def make_harder(
    request: Request, access: Authorized, contract_id: int, body: TermsIn
) -> Mapping[str, Any]:
    engine, me = engine_of(request), access.actor.athlete_id
    service.make_harder(engine, contract_id, body.terms(), now(), athlete_id=me)
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))


class EndIn(BaseModel):
    reason: str = Field(default="", max_length=2000)


@router.post("/{contract_id}/end", summary="End a contract early (recorded, with the reason)")
def end(request: Request, access: Authorized, contract_id: int, body: EndIn) -> Mapping[str, Any]:
    engine, me = engine_of(request), access.actor.athlete_id
    service.end(engine, contract_id, body.reason, now(), athlete_id=me)
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))


class DisputeIn(BaseModel):
    note: str = Field(default="", max_length=2000)


@router.post("/{contract_id}/periods/{number}/dispute", summary="Dispute a period's verdict")
def dispute(
    request: Request, access: Authorized, contract_id: int, number: int, body: DisputeIn
) -> Mapping[str, Any]:
    engine, me = engine_of(request), access.actor.athlete_id
    service.dispute(engine, contract_id, number, body.note, now(), athlete_id=me)
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))


class ReviewIn(BaseModel):
    """``overturn`` sets ``outcome`` (default: the opposite of the automatic verdict)."""

    decision: Decision
    outcome: Literal["kept", "missed", "excused"] | None = None
    note: str = Field(default="", max_length=2000)


@router.post(
    "/{contract_id}/periods/{number}/review", summary="The referee confirms or overturns a period"
)
def review(
    request: Request, access: Authorized, contract_id: int, number: int, body: ReviewIn
) -> Mapping[str, Any]:
    engine, me = engine_of(request), access.actor.athlete_id
    outcome = Outcome(body.outcome) if body.outcome else None
    service.review(engine, contract_id, number, body.decision, outcome, body.note, now(),
                   athlete_id=me)  # fmt: skip
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))


class NoteIn(BaseModel):
    note: str = Field(default="", max_length=2000)


@router.post("/{contract_id}/referee/accept", summary="The asked referee accepts the role")
def accept_role(request: Request, access: Authorized, contract_id: int) -> Mapping[str, Any]:
    """The contract becomes active: its periods are judged from its start."""
    engine, me = engine_of(request), access.actor.athlete_id
    service.accept_role(engine, contract_id, now(), athlete_id=me)
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))


@router.post(
    "/{contract_id}/referee/refuse",
    status_code=204,
    summary="The asked referee refuses the role (and no longer sees the contract)",
)
def refuse_role(request: Request, access: Authorized, contract_id: int, body: NoteIn) -> None:
    me = access.actor.athlete_id
    service.refuse_role(engine_of(request), contract_id, body.note, now(), athlete_id=me)


@router.post(
    "/{contract_id}/referee/step-down",
    status_code=204,
    summary="The referee steps down: the automatic verdicts stand, the runner is told",
)
def step_down(request: Request, access: Authorized, contract_id: int, body: NoteIn) -> None:
    me = access.actor.athlete_id
    service.step_down(engine_of(request), contract_id, body.note, now(), athlete_id=me)


class RefereeIn(BaseModel):
    """The email of another account, or null to go on without a referee."""

    referee: str | None = Field(default=None, examples=["friend@example.com"], max_length=320)


@router.put("/{contract_id}/referee", summary="Name another referee (or none)")
def name_referee(
    request: Request, access: Authorized, contract_id: int, body: RefereeIn
) -> Mapping[str, Any]:
    """After a refusal or a step-down, or in place of a referee who has not answered."""
    engine, me = engine_of(request), access.actor.athlete_id
    service.name_referee(engine, contract_id, body.referee, now(), athlete_id=me)
    return contract_json(service.show(engine, contract_id, now(), athlete_id=me))
