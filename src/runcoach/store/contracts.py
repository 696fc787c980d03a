"""Repository functions for commitment contracts and their judged periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from runcoach.domain.accountability.contracts import (
    Decision,
    Goal,
    GoalKind,
    Outcome,
    Receiver,
    RefereeState,
    Stake,
    Terms,
    Verdict,
)
from runcoach.domain.errors import NotFound
from runcoach.store.moments import aware
from runcoach.store.tables import contract_periods, contracts


@dataclass(frozen=True)
class StoredContract:
    id: int
    athlete_id: int
    referee_athlete_id: int | None
    terms: Terms
    signed_at: datetime
    ended_at: datetime | None
    ended_on: date | None
    end_reason: str | None
    history: list[dict[str, Any]]
    referee_state: RefereeState | None = None
    referee_answered_at: datetime | None = None
    referee_note: str | None = None
    active_from: datetime | None = None  # None: a referee is asked and has not accepted


@dataclass(frozen=True)
class StoredPeriod:
    number: int
    verdict: Verdict
    judged_at: datetime
    review_due: datetime
    disputed_at: datetime | None
    dispute_note: str | None
    decision: Decision | None
    set_outcome: Outcome | None
    decision_note: str | None
    decided_at: datetime | None


def _at(value: datetime | None) -> datetime:
    found = aware(value)
    assert found is not None
    return found


def terms_values(terms: Terms) -> dict[str, Any]:
    goal, stake = terms.goal, terms.stake
    return {
        "goal_kind": goal.kind.value,
        "run_days": goal.run_days,
        "distance_m": goal.distance_m,
        "time_s": goal.time_s,
        "first_day": terms.start,
        "last_day": terms.end,
        "stake_cents": stake.amount_cents,
        "currency": stake.currency,
        "receiver": stake.receiver.value,
        "receiver_name": stake.receiver_name,
        "max_excused": terms.max_excused,
        "referee_days": terms.referee_days,
    }


def terms_of(row: Any) -> Terms:
    goal = Goal(GoalKind(row.goal_kind), row.run_days, row.distance_m, row.time_s)
    stake = Stake(row.stake_cents, row.currency, Receiver(row.receiver), row.receiver_name)
    return Terms(goal, row.first_day, row.last_day, stake, row.max_excused, row.referee_days)


def _contract(row: Any) -> StoredContract:
    return StoredContract(
        row.id, row.athlete_id, row.referee_athlete_id, terms_of(row), _at(row.signed_at),
        aware(row.ended_at), row.ended_on, row.end_reason, list(row.history or []),
        RefereeState(row.referee_state) if row.referee_state else None,
        aware(row.referee_answered_at), row.referee_note, aware(row.active_from),
    )  # fmt: skip


def add_contract(
    conn: Connection, athlete_id: int, referee: int | None, terms: Terms, now: datetime
) -> int:
    """A contract signed ``now``: active at once without a referee; with one, once they accept."""
    values = {**terms_values(terms), "athlete_id": athlete_id, "referee_athlete_id": referee,
              "referee_state": RefereeState.ASKED.value if referee else None,
              "active_from": None if referee else now}  # fmt: skip
    found = conn.execute(insert(contracts).values(signed_at=now, **values)).inserted_primary_key
    assert found is not None
    return int(found[0])


def name_referee(conn: Connection, contract_id: int, referee: int | None, now: datetime) -> None:
    """Ask ``referee`` (None: go on without one; the contract is then active, if not yet)."""
    values: dict[str, Any] = {
        "referee_athlete_id": referee,
        "referee_state": RefereeState.ASKED.value if referee else None,
        "referee_answered_at": None,
        "referee_note": None,
    }
    conn.execute(update(contracts).where(contracts.c.id == contract_id).values(**values))
    if referee is None:
        activate(conn, contract_id, now)


def activate(conn: Connection, contract_id: int, now: datetime) -> None:
    conn.execute(
        update(contracts)
        .where(contracts.c.id == contract_id, contracts.c.active_from.is_(None))
        .values(active_from=now)
    )


def referee_answers(
    conn: Connection, contract_id: int, answer: RefereeState, note: str, now: datetime
) -> None:
    """The referee's answer; a refusal or a step-down ends their access to the contract."""
    values: dict[str, Any] = {"referee_state": answer.value, "referee_answered_at": now,
                              "referee_note": note}  # fmt: skip
    if answer is not RefereeState.ACCEPTED:
        values["referee_athlete_id"] = None
    conn.execute(update(contracts).where(contracts.c.id == contract_id).values(**values))
    if answer is RefereeState.ACCEPTED:
        activate(conn, contract_id, now)


def active_contracts(conn: Connection, athlete_id: int | None = None) -> list[StoredContract]:
    """Contracts being judged (active, not ended): one athlete's as the runner, or all."""
    query = select(contracts).where(
        contracts.c.active_from.is_not(None), contracts.c.ended_at.is_(None)
    )
    if athlete_id is not None:
        query = query.where(contracts.c.athlete_id == athlete_id)
    return [_contract(r) for r in conn.execute(query.order_by(contracts.c.id)).all()]


def contract_for(conn: Connection, contract_id: int, athlete_id: int) -> StoredContract:
    """The contract when ``athlete_id`` signed it or referees it; else NotFound (a stranger
    learns nothing of it, not even that it exists)."""
    row = conn.execute(
        select(contracts).where(
            contracts.c.id == contract_id,
            or_(contracts.c.athlete_id == athlete_id, contracts.c.referee_athlete_id == athlete_id),
        )
    ).first()
    if row is None:
        raise NotFound(f"there is no contract {contract_id}")
    return _contract(row)


def contract_by_id(conn: Connection, contract_id: int) -> StoredContract:
    """A contract whoever signed it: for the judging job, never for a door."""
    row = conn.execute(select(contracts).where(contracts.c.id == contract_id)).first()
    if row is None:
        raise NotFound(f"there is no contract {contract_id}")
    return _contract(row)


def contracts_of(conn: Connection, athlete_id: int) -> list[StoredContract]:
    """The athlete's own contracts and those they referee, newest first."""
    rows = conn.execute(
        select(contracts)
        .where(
            or_(contracts.c.athlete_id == athlete_id, contracts.c.referee_athlete_id == athlete_id)
        )
        .order_by(contracts.c.signed_at.desc(), contracts.c.id.desc())
    ).all()
    return [_contract(r) for r in rows]


def replace_terms(
    conn: Connection, contract_id: int, terms: Terms, history: list[dict[str, Any]]
) -> None:
    conn.execute(
        update(contracts)
        .where(contracts.c.id == contract_id)
        .values(history=history, **terms_values(terms))
    )


def end_contract(conn: Connection, contract_id: int, now: datetime, day: date, reason: str) -> None:
    conn.execute(
        update(contracts)
        .where(contracts.c.id == contract_id, contracts.c.ended_at.is_(None))
        .values(ended_at=now, ended_on=day, end_reason=reason)
    )


# ---- periods ----------------------------------------------------------------------------


def periods_of(conn: Connection, contract_id: int) -> list[StoredPeriod]:
    rows = conn.execute(
        select(contract_periods)
        .where(contract_periods.c.contract_id == contract_id)
        .order_by(contract_periods.c.number)
    ).all()
    return [_period(r) for r in rows]


def _period(row: Any) -> StoredPeriod:
    verdict = Verdict(
        row.number - 1, row.first_day, row.last_day, Outcome(row.outcome), row.rule, row.seen,
        tuple(row.run_ids), tuple(date.fromisoformat(d) for d in row.unwell_days),
    )  # fmt: skip
    return StoredPeriod(
        row.number, verdict, _at(row.judged_at), _at(row.review_due), aware(row.disputed_at),
        row.dispute_note, Decision(row.decision) if row.decision else None,
        Outcome(row.set_outcome) if row.set_outcome else None, row.decision_note,
        aware(row.decided_at),
    )  # fmt: skip


def _verdict_values(verdict: Verdict) -> dict[str, Any]:
    return {
        "first_day": verdict.start,
        "last_day": verdict.end,
        "outcome": verdict.outcome.value,
        "rule": verdict.rule,
        "seen": verdict.seen,
        "run_ids": list(verdict.run_ids),
        "unwell_days": [d.isoformat() for d in verdict.unwell_days],
    }


def save_verdict(
    conn: Connection, contract_id: int, verdict: Verdict, now: datetime, due: datetime
) -> None:
    conn.execute(
        insert(contract_periods).values(
            contract_id=contract_id, number=verdict.index + 1, judged_at=now, review_due=due,
            **_verdict_values(verdict),
        )
    )  # fmt: skip


def rejudge(conn: Connection, contract_id: int, verdict: Verdict) -> None:
    """A late run or check-in changed a verdict still undecided (within the referee's window)."""
    conn.execute(
        update(contract_periods)
        .where(
            contract_periods.c.contract_id == contract_id,
            contract_periods.c.number == verdict.index + 1,
            contract_periods.c.decision.is_(None),
        )
        .values(**_verdict_values(verdict))
    )


def decide(
    conn: Connection,
    contract_id: int,
    number: int,
    decision: Decision,
    set_outcome: Outcome | None,
    note: str,
    now: datetime,
) -> None:
    conn.execute(
        update(contract_periods)
        .where(
            contract_periods.c.contract_id == contract_id,
            contract_periods.c.number == number,
            contract_periods.c.decision.is_(None),
        )
        .values(
            decision=decision.value,
            set_outcome=set_outcome.value if set_outcome else None,
            decision_note=note,
            decided_at=now,
        )
    )


def dispute(conn: Connection, contract_id: int, number: int, note: str, now: datetime) -> None:
    conn.execute(
        update(contract_periods)
        .where(contract_periods.c.contract_id == contract_id, contract_periods.c.number == number)
        .values(disputed_at=now, dispute_note=note)
    )
