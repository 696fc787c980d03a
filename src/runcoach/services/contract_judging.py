"""Judging commitment contracts: each period that is over is judged from the log by a job
(the server's notification round, each import of runs, a command), never on read.

A period that is over is judged and stored with the rule and the runs that decided it. Until
the referee decides or the referee's time runs out, a late run or check-in can still change
the stored verdict at the next judging; after that it stays as it is, whatever the log later
says. Reading a contract stores nothing: a period over but not yet judged is shown as the log
decides it now. A contract with a referee is judged only once the referee has accepted. Key
sessions are those of the plan in force at the end of each week (plan history): a plan
edited after a week does not change that week's verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, Engine

from runcoach.domain.accountability.contracts import (
    Evidence,
    GoalKind,
    KeySession,
    Outcome,
    Review,
    Verdict,
    final_outcome,
    judge,
    review_due,
    review_state,
)
from runcoach.domain.days import zone
from runcoach.domain.errors import InvalidInput
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


def local_today(conn: Connection, athlete_id: int, now: datetime) -> date:
    return local_date_of(now, athlete_timezone(conn, athlete_id))


# ---- reading: nothing is stored --------------------------------------------------------


def list_contracts(engine: Engine, now: datetime, *, athlete_id: int) -> list[ContractState]:
    """The athlete's contracts and those they referee, as judged (and as the log stands)."""
    with engine.connect() as conn:
        found = store.contracts_of(conn, athlete_id)
        return [_state(conn, c, athlete_id, now) for c in found]


def show(engine: Engine, contract_id: int, now: datetime, *, athlete_id: int) -> ContractState:
    """One contract (the runner's or one they referee; NotFound for anyone else)."""
    with engine.connect() as conn:
        contract = store.contract_for(conn, contract_id, athlete_id)
        return _state(conn, contract, athlete_id, now)


def _state(
    conn: Connection, contract: store.StoredContract, asking: int, now: datetime
) -> ContractState:
    today = local_today(conn, contract.athlete_id, now)
    periods = _read_periods(conn, contract, now, today)
    ids = [contract.athlete_id] + (
        [contract.referee_athlete_id] if contract.referee_athlete_id else []
    )
    role = "runner" if asking == contract.athlete_id else "referee"
    return ContractState(contract, role, periods, people.people(conn, ids), today)


def _cut(contract: store.StoredContract, index: int, today: date) -> bool:
    """Period ``index`` is not judged: not started, or running when the contract was ended."""
    start, end = contract.terms.period(index)
    return start > today or (contract.ended_on is not None and end > contract.ended_on)


def _read_periods(
    conn: Connection, contract: store.StoredContract, now: datetime, today: date
) -> list[PeriodState]:
    """The periods as stored; one over but not judged yet (or still running) as the log
    decides it now. A contract whose referee has not accepted has no period yet."""
    if contract.active_from is None:
        return []
    stored = {p.number: p for p in store.periods_of(conn, contract.id)}
    has_referee = contract.referee_athlete_id is not None
    evidence: Evidence | None = None
    states: list[PeriodState] = []
    excused = 0
    for index in range(contract.terms.periods):
        kept = stored.get(index + 1)
        if kept is None and _cut(contract, index, today):
            break
        if kept is not None:
            states.append(_stored_state(kept, has_referee, now))
        else:
            evidence = evidence or _evidence(conn, contract, now, today)
            verdict = judge(contract.terms, index, evidence, excused, today)
            review = Review.AWAITING if has_referee else Review.NO_REFEREE
            states.append(PeriodState(verdict, review, verdict.outcome, None))
        excused += states[-1].final is Outcome.EXCUSED
    return states


def _stored_state(stored: store.StoredPeriod, has_referee: bool, now: datetime) -> PeriodState:
    review = review_state(
        has_referee, stored.decision, stored.disputed_at is not None, stored.review_due, now
    )
    final = final_outcome(stored.verdict.outcome, stored.decision, stored.set_outcome)
    return PeriodState(stored.verdict, review, final, stored)


# ---- judging what is due: the job's work -------------------------------------------------

JOB_LOOKBACK_DAYS = 7 + 30  # contracts that ended within a week and a referee's longest time


def judge_due(engine: Engine, now: datetime, *, athlete_id: int) -> int:
    """Judge the athlete's active contracts up to ``now``; the number of periods newly judged
    (after an import of runs, or asked for)."""
    with engine.connect() as conn:
        found = [c.id for c in store.active_contracts(conn, athlete_id)]
    return sum(_judge_one(engine, c, now) for c in found)


def judge_all_due(engine: Engine, now: datetime | None = None) -> int:
    """The job: judge every runner's active contracts (one transaction per contract, so one
    that fails leaves the others judged)."""
    moment = now or datetime.now(UTC)
    since = moment.date() - timedelta(days=JOB_LOOKBACK_DAYS)
    with engine.connect() as conn:
        found = [c.id for c in store.active_contracts(conn) if c.terms.end >= since]
    return sum(_judge_one(engine, c, moment) for c in found)


def _judge_one(engine: Engine, contract_id: int, now: datetime) -> int:
    outbox = Outbox()
    with engine.begin() as conn:
        contract = store.contract_by_id(conn, contract_id)
        before = len(store.periods_of(conn, contract_id))
        record_due(conn, contract, now, outbox)
        judged = len(store.periods_of(conn, contract_id)) - before
    outbox.send(engine)
    return judged


def record_due(
    conn: Connection, contract: store.StoredContract, now: datetime, outbox: Outbox
) -> list[PeriodState]:
    """Judge and store each period that is over (and not frozen); the periods as they stand."""
    if contract.active_from is None:
        return []
    terms, today = contract.terms, local_today(conn, contract.athlete_id, now)
    stored = {p.number: p for p in store.periods_of(conn, contract.id)}
    evidence = _evidence(conn, contract, now, today)
    states: list[PeriodState] = []
    excused = 0
    for index in range(terms.periods):
        if _cut(contract, index, today) and index + 1 not in stored:
            break
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
        return _stored_state(stored, has_referee, now)  # frozen: decided, or time is over
    verdict = judge(terms, index, evidence, excused, today)
    if verdict.outcome is Outcome.OPEN:
        if stored is not None:
            return _stored_state(stored, has_referee, now)
        review = Review.AWAITING if has_referee else Review.NO_REFEREE
        return PeriodState(verdict, review, verdict.outcome, None)
    if stored is None:
        store.save_verdict(conn, contract.id, verdict, now, review_due(now, terms))
        _tell_judged(conn, contract, verdict, outbox)
    elif verdict != stored.verdict:
        store.rejudge(conn, contract.id, verdict)
    fresh = store.periods_of(conn, contract.id)[index]
    return _stored_state(fresh, has_referee, now)


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


def _evidence(
    conn: Connection, contract: store.StoredContract, now: datetime, today: date
) -> Evidence:
    terms, athlete = contract.terms, contract.athlete_id
    since = terms.start - timedelta(days=7)
    log = read_log(conn, athlete, since)
    told = checkin_store.list_checkins(conn, athlete, until=terms.end, since=terms.start)
    unwell = {c.day for c in told if c.feel in UNWELL}
    keys: list[KeySession] = []
    if terms.goal.kind is GoalKind.KEY_SESSIONS:
        keys = _key_sessions(conn, contract, log, now, today)
    return Evidence(log, unwell, keys)


def _key_sessions(
    conn: Connection,
    contract: store.StoredContract,
    log: Sequence[LoggedRun],
    now: datetime,
    today: date,
) -> list[KeySession]:
    """Each period's key sessions (quality sessions and long runs) of the plan in force at
    the period's end (or now, while it runs): a plan edited after a week does not change
    that week's verdict. Matched against the log as the calendar matches them
    (domain/compliance.py), a mini version prescribed by ``today`` standing for its session."""
    found: list[KeySession] = []
    terms, athlete = contract.terms, contract.athlete_id
    for index in range(terms.periods):
        start, end = terms.period(index)
        if start > today:
            break
        plan = plan_store.plan_in_force(conn, athlete, min(now, _end_of(conn, athlete, end)))
        if plan is not None:
            found += [k for k in _keys_of(conn, athlete, plan, log, today) if start <= k.day <= end]
    return found


def _end_of(conn: Connection, athlete_id: int, day: date) -> datetime:
    """The moment ``day`` ends where the athlete lives, in UTC."""
    try:
        tz = zone(athlete_timezone(conn, athlete_id))
    except InvalidInput:  # a zone this machine does not know: UTC, as the log does
        tz = UTC
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def _keys_of(
    conn: Connection, athlete_id: int, plan: Plan, log: Sequence[LoggedRun], today: date
) -> list[KeySession]:
    prescribed = prescribed_days(conn, athlete_id, plan.start, today)
    found = []
    for week in compliance(plan, log, today, prescribed):
        for m in week.matches:
            if m.workout.is_quality or m.workout.kind is WorkoutKind.LONG:
                run_id = m.run.run_id if m.run else None
                found.append(KeySession(m.day, m.workout.title, m.status in DONE, run_id))
    return found
