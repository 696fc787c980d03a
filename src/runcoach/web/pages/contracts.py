"""Contracts: sign one, see each period's verdict and why; the referee confirms or
overturns, the runner disputes or ends it."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accountability.contracts import (
    DEFAULT_REFEREE_DAYS,
    Decision,
    GoalKind,
    Outcome,
    Receiver,
)
from runcoach.domain.errors import InvalidInput
from runcoach.inputs.contracts import TermsText, cents, goal_of
from runcoach.services import contracts as service
from runcoach.views.contracts import contract_json
from runcoach.web.auth import engine_of, now
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()


@router.get("/contracts", response_class=HTMLResponse)
def contracts_page(request: Request, access: Page) -> Response:
    found = service.list_contracts(engine_of(request), now(), athlete_id=access.actor.athlete_id)
    today = date.today()
    monday = date.fromordinal(today.toordinal() + 7 - today.weekday())
    return render(request, "pages/contracts.html", nav="contracts",
                  contracts=[contract_json(c) for c in found], next_monday=monday,
                  kinds=[k.value for k in GoalKind], receivers=[r.value for r in Receiver],
                  referee_days=DEFAULT_REFEREE_DAYS)  # fmt: skip


def _goal_value(kind: GoalKind, run_days: str, distance: str, time: str) -> str:
    if kind is GoalKind.RUN_DAYS:
        return run_days
    if kind is GoalKind.WEEKLY_DISTANCE:
        return distance
    return f"{distance}@{time}" if kind is GoalKind.RACE_TIME else ""


@router.post("/contracts")
def sign(
    request: Request,
    access: Page,
    kind: Annotated[str, Form()],
    start: Annotated[date, Form()],
    amount: Annotated[str, Form()],
    currency: Annotated[str, Form()],
    receiver: Annotated[str, Form()],
    receiver_name: Annotated[str, Form()],
    run_days: Annotated[str, Form()] = "",
    distance: Annotated[str, Form()] = "",
    time: Annotated[str, Form()] = "",
    weeks: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    max_excused: Annotated[int, Form()] = 1,
    referee_days: Annotated[int, Form()] = DEFAULT_REFEREE_DAYS,
    referee: Annotated[str, Form()] = "",
) -> Response:
    goal_kind = GoalKind(kind)
    goal = goal_of(goal_kind, _goal_value(goal_kind, run_days, distance, time))
    terms = TermsText(
        goal, start, int(weeks) if weeks.strip() and goal.weekly else None,
        date.fromisoformat(end) if end.strip() and not goal.weekly else None, cents(amount),
        currency, Receiver(receiver), receiver_name, max_excused, referee_days,
    ).terms()  # fmt: skip
    contract_id = service.sign(engine_of(request), terms, referee or None, now(),
                               athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/contracts/{contract_id}", status_code=303)


@router.get("/contracts/{contract_id}", response_class=HTMLResponse)
def contract_page(request: Request, access: Page, contract_id: int) -> Response:
    state = service.show(engine_of(request), contract_id, now(), athlete_id=access.actor.athlete_id)
    return render(request, "pages/contract.html", nav="contracts", c=contract_json(state),
                  outcomes=[o.value for o in Outcome if o is not Outcome.OPEN])  # fmt: skip


@router.post("/contracts/{contract_id}/periods/{number}/review")
def review(
    request: Request,
    access: Page,
    contract_id: int,
    number: int,
    decision: Annotated[str, Form()],
    outcome: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    service.review(engine_of(request), contract_id, number, Decision(decision),
                   Outcome(outcome) if outcome else None, note, now(),
                   athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/contracts/{contract_id}#period-{number}", status_code=303)


@router.post("/contracts/{contract_id}/periods/{number}/dispute")
def dispute(
    request: Request,
    access: Page,
    contract_id: int,
    number: int,
    note: Annotated[str, Form()] = "",
) -> Response:
    service.dispute(engine_of(request), contract_id, number, note, now(),
                    athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/contracts/{contract_id}#period-{number}", status_code=303)


@router.post("/contracts/{contract_id}/end")
def end(
    request: Request, access: Page, contract_id: int, reason: Annotated[str, Form()] = ""
) -> Response:
    service.end(engine_of(request), contract_id, reason, now(), athlete_id=access.actor.athlete_id)
    return RedirectResponse(f"/contracts/{contract_id}", status_code=303)


@router.post("/contracts/{contract_id}/referee/accept")
def accept_role(request: Request, access: Page, contract_id: int) -> Response:
    service.accept_role(engine_of(request), contract_id, now(), athlete_id=access.actor.athlete_id)
    return RedirectResponse(f"/contracts/{contract_id}", status_code=303)


@router.post("/contracts/{contract_id}/referee/refuse")
def refuse_role(
    request: Request, access: Page, contract_id: int, note: Annotated[str, Form()] = ""
) -> Response:
    service.refuse_role(engine_of(request), contract_id, note, now(),
                        athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse("/contracts", status_code=303)  # the contract is no longer theirs


@router.post("/contracts/{contract_id}/referee/step-down")
def step_down(
    request: Request, access: Page, contract_id: int, note: Annotated[str, Form()] = ""
) -> Response:
    service.step_down(engine_of(request), contract_id, note, now(),
                      athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse("/contracts", status_code=303)


@router.post("/contracts/{contract_id}/referee")
def name_referee(
    request: Request,
    access: Page,
    contract_id: int,
    referee: Annotated[str, Form()] = "",
    without: Annotated[str, Form()] = "",
) -> Response:
    """Another referee by email; "go on without" names none (the contract is then judged)."""
    email = None if without else referee
    if not without and not referee.strip():
        raise InvalidInput("give the referee's email, or go on without a referee")
    service.name_referee(engine_of(request), contract_id, email, now(),
                         athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/contracts/{contract_id}#referee", status_code=303)
