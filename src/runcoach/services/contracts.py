"""Commitment contracts: sign one, name a referee who accepts (or refuses, or later steps
down), let the referee confirm or overturn each period's verdict, dispute a verdict, make a
contract harder or end it. Judging the periods is services/contract_judging.py's work.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.domain.accountability.contracts import (
    Decision,
    GoalKind,
    Outcome,
    RefereeState,
    Terms,
    check_may_review,
    easier_changes,
    may_answer,
    overturned,
)
from runcoach.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runcoach.services.contract_judging import ContractState as ContractState
from runcoach.services.contract_judging import PeriodState, local_today, record_due
from runcoach.services.contract_judging import judge_all_due as judge_all_due
from runcoach.services.contract_judging import judge_due as judge_due
from runcoach.services.contract_judging import list_contracts as list_contracts
from runcoach.services.contract_judging import show as show
from runcoach.services.notices import Outbox
from runcoach.store import contracts as store
from runcoach.store import people
from runcoach.store import plans as plan_store

MAX_NOTE_CHARS = 2000


def _note(text: str | None) -> str:
    note = (text or "").strip()
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInput(f"a note has at most {MAX_NOTE_CHARS} characters")
    return note


# ---- signing ----------------------------------------------------------------------------


def sign(
    engine: Engine, terms: Terms, referee_email: str | None, now: datetime, *, athlete_id: int
) -> int:
    """A new contract, signed now. The referee is another account (by its email); a goal of
    the plan's key sessions needs an active plan."""
    outbox = Outbox()
    with engine.begin() as conn:
        referee = _referee(conn, referee_email, athlete_id)
        if terms.goal.kind is GoalKind.KEY_SESSIONS:
            plan_store.get_plan(conn, athlete_id)  # NotFound: no plan to judge by
        if terms.end < local_today(conn, athlete_id, now):
            raise InvalidInput("the contract would be over before it is signed")
        contract_id = store.add_contract(conn, athlete_id, referee, terms, now)
        if referee is not None:
            _ask(conn, contract_id, athlete_id, referee, terms, outbox)
    outbox.send(engine)
    return contract_id


def _ask(
    conn: Connection, contract_id: int, athlete_id: int, referee: int, terms: Terms, outbox: Outbox
) -> None:
    who = people.person(conn, athlete_id)
    outbox.tell(
        referee, "referee_request",
        f"{who.label} asks you to referee a commitment contract",
        f"{terms.goal.describe()}, {terms.start} to {terms.end}; the stake: "
        f"{terms.stake.describe()} to {terms.stake.receiver_name} per missed period. "
        f"You confirm or overturn each period's verdict within {terms.referee_days} days. "
        "Accept or refuse the role: the contract starts being judged once you accept.",
        f"/contracts/{contract_id}",
    )  # fmt: skip


def _referee(conn: Connection, email: str | None, athlete_id: int) -> int | None:
    if not email or not email.strip():
        return None
    found = people.athlete_by_email(conn, email.strip().lower())
    if found is None:
        raise NotFound(
            f"there is no account for {email.strip()}",
            hint="the referee needs an account here: invite them first",
        )
    if found == athlete_id:
        raise InvalidInput("you cannot referee your own contract", hint="ask a friend or a coach")
    return found


# ---- the runner's changes: harder, ended, disputed --------------------------------------


def _own(conn: Connection, contract_id: int, athlete_id: int) -> store.StoredContract:
    contract = store.contract_for(conn, contract_id, athlete_id)
    if contract.athlete_id != athlete_id:
        raise PermissionDenied("only the runner who signed the contract may do this")
    return contract


def make_harder(
    engine: Engine, contract_id: int, terms: Terms, now: datetime, *, athlete_id: int
) -> None:
    """New terms for a signed contract: refused when anything would be easier."""
    with engine.begin() as conn:
        contract = _own(conn, contract_id, athlete_id)
        if contract.ended_at is not None:
            raise Conflict("this contract was ended: it cannot change")
        easier = easier_changes(contract.terms, terms)
        if easier:
            raise Conflict(
                "a signed contract can only be made harder, never easier: " + "; ".join(easier),
                hint="end it (it is recorded as ended) and sign a new one",
            )
        if terms == contract.terms:
            return
        history = [*contract.history, {"changed_at": now.isoformat(),
                                       "terms": store.terms_values(contract.terms)}]  # fmt: skip
        store.replace_terms(conn, contract_id, terms, _jsonable(history))


def _jsonable(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    return [{"changed_at": h["changed_at"], "terms": {k: plain(v) for k, v in h["terms"].items()}}
            for h in history]  # fmt: skip


def end(engine: Engine, contract_id: int, reason: str, now: datetime, *, athlete_id: int) -> None:
    """End a contract early: recorded with its reason; the periods judged stay as they are,
    the period running on the day it ends is not judged."""
    outbox = Outbox()
    with engine.begin() as conn:
        contract = _own(conn, contract_id, athlete_id)
        if contract.ended_at is not None:
            raise Conflict("this contract was already ended")
        today = local_today(conn, athlete_id, now)
        record_due(conn, contract, now, outbox)  # what is due is judged first
        store.end_contract(conn, contract_id, now, today, _note(reason))
    outbox.send(engine)


def dispute(
    engine: Engine, contract_id: int, number: int, note: str, now: datetime, *, athlete_id: int
) -> None:
    """The runner disputes a verdict: the referee is asked to decide within their window."""
    outbox = Outbox()
    with engine.begin() as conn:
        contract = _own(conn, contract_id, athlete_id)
        if contract.referee_athlete_id is None:
            raise InvalidInput("this contract has no referee to decide a dispute")
        state = _one(conn, contract, number, now, outbox)
        check_may_review(state.verdict.outcome, state.review)
        store.dispute(conn, contract_id, number, _note(note) or "disputed", now)
        who = people.person(conn, athlete_id)
        outbox.tell(
            contract.referee_athlete_id, "referee_request",
            f"{who.label} disputes week {number} of their contract",
            _note(note) or "no reason given", f"/contracts/{contract_id}",
        )  # fmt: skip
    outbox.send(engine)


def _one(
    conn: Connection, contract: store.StoredContract, number: int, now: datetime, outbox: Outbox
) -> PeriodState:
    states = record_due(conn, contract, now, outbox)
    if not 1 <= number <= len(states):
        raise NotFound(f"period {number} of this contract has not started")
    return states[number - 1]


# ---- the referee ------------------------------------------------------------------------


def review(
    engine: Engine,
    contract_id: int,
    number: int,
    decision: Decision,
    outcome: Outcome | None,
    note: str,
    now: datetime,
    *,
    athlete_id: int,
) -> PeriodState:
    """The referee confirms or overturns period ``number``'s verdict (only the referee, only
    within the referee's time)."""
    outbox = Outbox()
    with engine.begin() as conn:
        contract = store.contract_for(conn, contract_id, athlete_id)
        if contract.referee_athlete_id != athlete_id:
            raise PermissionDenied("only the contract's referee may confirm or overturn it")
        if contract.referee_state is not RefereeState.ACCEPTED:
            raise InvalidInput("accept the referee's role first: the contract is not judged yet")
        state = _one(conn, contract, number, now, outbox)
        check_may_review(state.verdict.outcome, state.review)
        overturning = decision is Decision.OVERTURN
        set_to = overturned(state.verdict.outcome, outcome) if overturning else None
        store.decide(conn, contract_id, number, decision, set_to, _note(note), now)
        who = people.person(conn, athlete_id)
        outbox.tell(
            contract.athlete_id, "contract",
            f"{who.label} {decision.value}ed week {number} of your contract"
            if decision is Decision.CONFIRM else f"{who.label} overturned week {number}: "
            f"{(set_to or state.verdict.outcome).value}",
            _note(note) or "no note", f"/contracts/{contract_id}",
        )  # fmt: skip
        after = _one(conn, contract, number, now, outbox)
    outbox.send(engine)
    return after


# ---- the referee's role: accepted, refused, stepped down; another one named -------------


def accept_role(engine: Engine, contract_id: int, now: datetime, *, athlete_id: int) -> None:
    """The asked referee accepts: the contract is active, and judged from its start."""
    _answer(engine, contract_id, RefereeState.ACCEPTED, "", now, athlete_id=athlete_id)


def refuse_role(
    engine: Engine, contract_id: int, note: str, now: datetime, *, athlete_id: int
) -> None:
    """The asked referee refuses: they no longer see the contract; the runner names another."""
    _answer(engine, contract_id, RefereeState.REFUSED, note, now, athlete_id=athlete_id)


def step_down(
    engine: Engine, contract_id: int, note: str, now: datetime, *, athlete_id: int
) -> None:
    """The referee steps down: the automatic verdicts stand from now on (those not decided
    included), the runner is told and may name another referee."""
    _answer(engine, contract_id, RefereeState.STEPPED_DOWN, note, now, athlete_id=athlete_id)


_TOLD = {
    RefereeState.ACCEPTED: ("accepted to referee your contract",
                            "Each week is judged from your log; they confirm or overturn it."),
    RefereeState.REFUSED: ("refused to referee your contract",
                           "Name another referee, or go on without one."),
    RefereeState.STEPPED_DOWN: ("stepped down as the referee of your contract",
                                "The automatic verdicts stand; you may name another referee."),
}  # fmt: skip


def _answer(
    engine: Engine,
    contract_id: int,
    answer: RefereeState,
    note: str,
    now: datetime,
    *,
    athlete_id: int,
) -> None:
    outbox = Outbox()
    with engine.begin() as conn:
        contract = store.contract_for(conn, contract_id, athlete_id)
        if contract.referee_athlete_id != athlete_id:
            raise PermissionDenied("only the contract's referee may answer for the role")
        if contract.ended_at is not None:
            raise Conflict("this contract was ended")
        may_answer(contract.referee_state, answer)
        store.referee_answers(conn, contract_id, answer, _note(note), now)
        who, (said, then) = people.person(conn, athlete_id), _TOLD[answer]
        body = f"{then} Their note: {_note(note)}" if _note(note) else then
        outbox.tell(contract.athlete_id, "contract", f"{who.label} {said}", body,
                    f"/contracts/{contract_id}")  # fmt: skip
    outbox.send(engine)
    if answer is RefereeState.ACCEPTED:
        judge_due(engine, now, athlete_id=contract.athlete_id)


def name_referee(
    engine: Engine, contract_id: int, email: str | None, now: datetime, *, athlete_id: int
) -> None:
    """The runner names another referee (after a refusal or a step-down, or in place of one
    who has not answered), or none: the contract is then active without one."""
    outbox = Outbox()
    with engine.begin() as conn:
        contract = _own(conn, contract_id, athlete_id)
        if contract.ended_at is not None:
            raise Conflict("this contract was ended: it cannot change")
        if contract.referee_state is RefereeState.ACCEPTED:
            raise Conflict(
                "the referee accepted: only they can step down",
                hint="ask them to step down, then name another",
            )
        referee = _referee(conn, email, athlete_id)
        store.name_referee(conn, contract_id, referee, now)
        if referee is not None:
            _ask(conn, contract_id, athlete_id, referee, contract.terms, outbox)
    outbox.send(engine)
    if referee is None:
        judge_due(engine, now, athlete_id=athlete_id)
