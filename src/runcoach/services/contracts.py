"""Commitment contracts: sign one, have each period judged from the log, let the referee
confirm or overturn, dispute a verdict, make a contract harder or end it.

Periods are judged when they are read (a page, the API, ``runcoach contracts show``): a
period that is over is judged from the log and stored with the rule and the runs that decided
it. Until the referee decides or the referee's time runs out, a late run or check-in can still
change the stored verdict; after that it stays as it is, whatever the log later says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.domain.accountability.contracts import (
    Decision,
    Evidence,
    GoalKind,
    KeySession,
    Outcome,
    Review,
    Terms,
    Verdict,
    check_may_review,
    easier_changes,
    final_outcome,
    judge,
    overturned,
    review_due,
    review_state,
)
from runcoach.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.progress.compliance import Status, compliance
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.run.runs import Feel
from runcoach.services.notices import Outbox
from runcoach.services.today import prescribed_days, read_log
from runcoach.store import checkins as checkin_store
from runcoach.store import contracts as store
from runcoach.store import people
from runcoach.store import plans as plan_store
from runcoach.store.runs import athlete_timezone, local_date_of

MAX_NOTE_CHARS = 2000
UNWELL = (Feel.SICK, Feel.INJURED)
DONE = (Status.DONE, Status.SHORT)  # a key session done (short counts: it was run)


@dataclass(frozen=True)
class PeriodState:
    """A period as it stands: the automatic verdict, the referee's side, the final outcome."""

    verdict: Verdict
    review: Review
    final: Outcome
    stored: store.StoredPeriod | None


@dataclass(frozen=True)
class ContractState:
    contract: store.StoredContract
    role: str  # "runner" or "referee": who is asking
    periods: list[PeriodState]
    people: dict[int, people.Person]
    today: date


def _today(conn: Connection, athlete_id: int, now: datetime) -> date:
    return local_date_of(now, athlete_timezone(conn, athlete_id))


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
        if terms.end < _today(conn, athlete_id, now):
            raise InvalidInput("the contract would be over before it is signed")
        contract_id = store.add_contract(conn, athlete_id, referee, terms, now)
        if referee is not None:
            who = people.person(conn, athlete_id)
            outbox.tell(
                referee, "referee_request",
                f"{who.label} asks you to referee a commitment contract",
                f"{terms.goal.describe()}, {terms.start} to {terms.end}; the stake: "
                f"{terms.stake.describe()} to {terms.stake.receiver_name} per missed period. "
                f"You confirm or overturn each period's verdict within {terms.referee_days} days.",
                f"/contracts/{contract_id}",
            )  # fmt: skip
    outbox.send(engine)
    return contract_id


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


# ---- reading (and judging what is due) --------------------------------------------------


def list_contracts(engine: Engine, now: datetime, *, athlete_id: int) -> list[ContractState]:
    """The athlete's contracts and those they referee, each judged up to today."""
    outbox = Outbox()
    with engine.begin() as conn:
        found = store.contracts_of(conn, athlete_id)
        states = [_state(conn, c, athlete_id, now, outbox) for c in found]
    outbox.send(engine)
    return states


def show(engine: Engine, contract_id: int, now: datetime, *, athlete_id: int) -> ContractState:
    """One contract (the runner's or one they referee; NotFound for anyone else)."""
    outbox = Outbox()
    with engine.begin() as conn:
        contract = store.contract_for(conn, contract_id, athlete_id)
        state = _state(conn, contract, athlete_id, now, outbox)
    outbox.send(engine)
    return state


def _state(
    conn: Connection, contract: store.StoredContract, asking: int, now: datetime, outbox: Outbox
) -> ContractState:
    today = _today(conn, contract.athlete_id, now)
    periods = _judged(conn, contract, now, today, outbox)
    ids = [contract.athlete_id] + (
        [contract.referee_athlete_id] if contract.referee_athlete_id else []
    )
    role = "runner" if asking == contract.athlete_id else "referee"
    return ContractState(contract, role, periods, people.people(conn, ids), today)


def _judged(
    conn: Connection, contract: store.StoredContract, now: datetime, today: date, outbox: Outbox
) -> list[PeriodState]:
    terms = contract.terms
    stored = {p.number: p for p in store.periods_of(conn, contract.id)}
    evidence = _evidence(conn, contract, today)
    states: list[PeriodState] = []
    excused = 0
    for index in range(terms.periods):
        start, end = terms.period(index)
        cut = start > today or (contract.ended_on is not None and end > contract.ended_on)
        if cut and index + 1 not in stored:
            break  # not started, or running when the contract was ended: not judged
        state = _period(
            conn, contract, index, stored.get(index + 1), evidence, excused, now, today, outbox
        )
        excused += state.final is Outcome.EXCUSED
        states.append(state)
    return states


def _period(
    conn: Connection,
    contract: store.StoredContract,
    index: int,
    stored: store.StoredPeriod | None,
    evidence: Evidence,
    excused: int,
    now: datetime,
    today: date,
    outbox: Outbox,
) -> PeriodState:
    terms, has_referee = contract.terms, contract.referee_athlete_id is not None
    if stored is not None and (stored.decision is not None or now > stored.review_due):
        verdict = stored.verdict  # frozen: decided, or the referee's time is over
    else:
        verdict = judge(terms, index, evidence, excused, today)
        if verdict.outcome is not Outcome.OPEN:
            if stored is None:
                store.save_verdict(conn, contract.id, verdict, now, review_due(now, terms))
                stored = store.periods_of(conn, contract.id)[-1]
                _tell_judged(conn, contract, verdict, outbox)
            elif verdict != stored.verdict:
                store.rejudge(conn, contract.id, verdict)
        elif stored is not None:
            verdict = stored.verdict
    if stored is None:
        return PeriodState(verdict, Review.AWAITING if has_referee else Review.NO_REFEREE,
                           verdict.outcome, None)  # fmt: skip
    review = review_state(
        has_referee, stored.decision, stored.disputed_at is not None, stored.review_due, now
    )
    return PeriodState(
        verdict, review, final_outcome(verdict.outcome, stored.decision, stored.set_outcome),
        stored,
    )  # fmt: skip


def _tell_judged(
    conn: Connection, contract: store.StoredContract, verdict: Verdict, outbox: Outbox
) -> None:
    """The runner hears each verdict; the referee is asked to confirm or overturn it."""
    outbox.tell(
        contract.athlete_id, "contract",
        f"Week {verdict.index + 1} of your contract: {verdict.outcome.value}",
        f"{verdict.seen}. Rule: {verdict.rule}.", f"/contracts/{contract.id}",
    )  # fmt: skip
    if contract.referee_athlete_id is None:
        return
    who = people.person(conn, contract.athlete_id)
    outbox.tell(
        contract.referee_athlete_id, "referee_request",
        f"Week {verdict.index + 1} of {who.label}'s contract: {verdict.outcome.value}",
        f"{verdict.seen}. Rule: {verdict.rule}. Confirm or overturn it within "
        f"{contract.terms.referee_days} days; after that the automatic verdict stands.",
        f"/contracts/{contract.id}",
    )  # fmt: skip


def _evidence(conn: Connection, contract: store.StoredContract, today: date) -> Evidence:
    terms, athlete = contract.terms, contract.athlete_id
    since = terms.start - timedelta(days=7)
    log = read_log(conn, athlete, since)
    told = checkin_store.list_checkins(conn, athlete, until=terms.end, since=terms.start)
    unwell = {c.day for c in told if c.feel in UNWELL}
    keys: list[KeySession] = []
    if terms.goal.kind is GoalKind.KEY_SESSIONS:
        keys = _key_sessions(conn, athlete, log, today)
    return Evidence(log, unwell, keys)


def _key_sessions(
    conn: Connection, athlete_id: int, log: Sequence[LoggedRun], today: date
) -> list[KeySession]:
    """The active plan's quality sessions and long runs, matched against the log as the
    calendar matches them (domain/compliance.py), a mini version prescribed by ``today``
    standing for its session."""
    try:
        plan: Plan = plan_store.get_plan(conn, athlete_id).plan
    except NotFound:
        return []
    prescribed = prescribed_days(conn, athlete_id, plan.start, today)
    found = []
    for week in compliance(plan, log, today, prescribed):
        for m in week.matches:
            if m.workout.is_quality or m.workout.kind is WorkoutKind.LONG:
                run_id = m.run.run_id if m.run else None
                found.append(KeySession(m.day, m.workout.title, m.status in DONE, run_id))
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
        today = _today(conn, athlete_id, now)
        _judged(conn, contract, now, today, outbox)  # what is due is judged first
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
    states = _judged(conn, contract, now, _today(conn, contract.athlete_id, now), outbox)
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
