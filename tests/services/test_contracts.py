"""Commitment contracts as services (SQLite, and PostgreSQL when configured): the referee
accepts, refuses or steps down; periods are judged by the job, never on read; a key-session
goal is judged against the plan in force that week (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, func, select

from runcoach.domain.accountability.contracts import (
    Goal,
    GoalKind,
    Receiver,
    Stake,
    Terms,
    weeks_from,
)
from runcoach.domain.errors import InvalidInput, NotFound, PermissionDenied
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.inputs.plans import read_profile
from runcoach.services import contracts, notifications, plans
from runcoach.services.runs import ManualRun, add_manual_run
from runcoach.store import accounts as account_store
from runcoach.store.tables import contract_periods
from runcoach.web.jobs import notification_tick
from tests.conftest import local_athlete
from tests.services.test_sharing import Inbox, _free_port, _mail_settings

PROFILE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-half.yaml"
START = date(2026, 11, 2)  # a Monday
SIGNED = datetime(2026, 11, 1, 12, tzinfo=UTC)
STAKE = Stake(1000, "EUR", Receiver.CHARITY, "Red Cross")


@pytest.fixture
def mail() -> Iterator[tuple[Inbox, int]]:
    """A local SMTP server (aiosmtpd) and its inbox, as tests/services/test_sharing.py's."""
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@dataclass
class People:
    engine: Engine
    ann: int
    bo: int
    cy: int


@pytest.fixture
def people(engine: Engine) -> People:
    ann = local_athlete(engine)
    with engine.begin() as conn:
        account_store.add_account(conn, ann, "ann@example.com", "x", is_admin=True)
        others = []
        for name in ("bo", "cy"):
            athlete = account_store.add_athlete(conn, name)
            account_store.add_account(conn, athlete, f"{name}@example.com", "x", is_admin=False)
            others.append(athlete)
    return People(engine, ann, *others)


def run_days_terms(weeks: int = 2) -> Terms:
    return Terms(Goal(GoalKind.RUN_DAYS, run_days=2), START, weeks_from(START, weeks), STAKE)


def run(p: People, day: date, km: float = 5) -> None:
    add_manual_run(p.engine, ManualRun(day, km * 1000, km * 330), athlete_id=p.ann)


def stored_periods(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(contract_periods)).scalar_one())


def subjects(p: People, athlete_id: int) -> list[str]:
    return [n.subject for n in notifications.list_notifications(p.engine, athlete_id=athlete_id)]


def test_a_contract_is_judged_only_once_its_referee_accepts(people):
    p = people
    cid = contracts.sign(p.engine, run_days_terms(), "bo@example.com", SIGNED, athlete_id=p.ann)
    assert any("(ann@example.com) asks you to referee" in s for s in subjects(p, p.bo))
    run(p, START)
    run(p, START + timedelta(days=2))
    later = datetime(2026, 11, 10, 9, tzinfo=UTC)
    assert contracts.judge_due(p.engine, later, athlete_id=p.ann) == 0  # not active yet
    shown = contracts.show(p.engine, cid, later, athlete_id=p.ann)
    assert shown.periods == [] and shown.contract.active_from is None
    with pytest.raises(PermissionDenied):  # only the referee answers for the role
        contracts.accept_role(p.engine, cid, later, athlete_id=p.ann)
    with pytest.raises(NotFound):  # a stranger learns nothing of it
        contracts.accept_role(p.engine, cid, later, athlete_id=p.cy)
    contracts.accept_role(p.engine, cid, later, athlete_id=p.bo)
    shown = contracts.show(p.engine, cid, later, athlete_id=p.bo)
    assert [s.final.value for s in shown.periods] == ["kept", "open"]
    assert stored_periods(p.engine) == 1  # accepting judged what was due
    assert any("accepted to referee" in s for s in subjects(p, p.ann))
    with pytest.raises(InvalidInput):  # accepted once
        contracts.accept_role(p.engine, cid, later, athlete_id=p.bo)


def test_a_refusal_lets_the_runner_name_another_referee_or_go_without(people):
    p = people
    cid = contracts.sign(p.engine, run_days_terms(), "bo@example.com", SIGNED, athlete_id=p.ann)
    contracts.refuse_role(p.engine, cid, "too busy", SIGNED, athlete_id=p.bo)
    with pytest.raises(NotFound):  # a referee who refused no longer sees the contract
        contracts.show(p.engine, cid, SIGNED, athlete_id=p.bo)
    assert any("refused to referee" in s for s in subjects(p, p.ann))
    refused = contracts.show(p.engine, cid, SIGNED, athlete_id=p.ann).contract
    assert (refused.referee_state.value, refused.referee_note) == ("refused", "too busy")
    contracts.name_referee(p.engine, cid, "cy@example.com", SIGNED, athlete_id=p.ann)
    assert any("(ann@example.com) asks you to referee" in s for s in subjects(p, p.cy))
    with pytest.raises(PermissionDenied):  # only the runner names the referee
        contracts.name_referee(p.engine, cid, "bo@example.com", SIGNED, athlete_id=p.cy)
    contracts.name_referee(p.engine, cid, None, SIGNED, athlete_id=p.ann)  # go without
    alone = contracts.show(p.engine, cid, SIGNED, athlete_id=p.ann).contract
    assert alone.referee_athlete_id is None and alone.active_from is not None
    with pytest.raises(NotFound):  # Cy's request was withdrawn
        contracts.accept_role(p.engine, cid, SIGNED, athlete_id=p.cy)


def test_a_referee_who_steps_down_leaves_the_automatic_verdicts_standing(people):
    p = people
    cid = contracts.sign(p.engine, run_days_terms(), "bo@example.com", SIGNED, athlete_id=p.ann)
    contracts.accept_role(p.engine, cid, SIGNED, athlete_id=p.bo)
    run(p, START)  # one run day of two: week 1 missed
    after = datetime(2026, 11, 10, 9, tzinfo=UTC)
    assert contracts.judge_due(p.engine, after, athlete_id=p.ann) == 1
    contracts.step_down(p.engine, cid, "moving away", after, athlete_id=p.bo)
    assert any("stepped down as the referee" in s for s in subjects(p, p.ann))
    with pytest.raises(NotFound):  # no longer theirs to see or review
        contracts.show(p.engine, cid, after, athlete_id=p.bo)
    shown = contracts.show(p.engine, cid, after, athlete_id=p.ann)
    first = shown.periods[0]
    assert (first.final.value, first.review.value) == ("missed", "no-referee")
    with pytest.raises(InvalidInput):  # nothing to dispute without a referee
        contracts.dispute(p.engine, cid, 1, "", after, athlete_id=p.ann)


def test_reading_a_contract_stores_nothing_the_job_judges_it(people):
    p = people
    cid = contracts.sign(p.engine, run_days_terms(), None, SIGNED, athlete_id=p.ann)
    run(p, START)
    run(p, START + timedelta(days=3))
    after = datetime(2026, 11, 17, 9, tzinfo=UTC)
    shown = contracts.show(p.engine, cid, after, athlete_id=p.ann)
    assert [s.final.value for s in shown.periods] == ["kept", "missed"]  # as the log says
    contracts.list_contracts(p.engine, after, athlete_id=p.ann)
    assert stored_periods(p.engine) == 0 and subjects(p, p.ann) == []
    assert contracts.judge_all_due(p.engine, after) == 2
    assert contracts.judge_all_due(p.engine, after) == 0  # judged once
    assert sum("of your contract" in s for s in subjects(p, p.ann)) == 2


def _key_days(plan, first: date, last: date) -> list[date]:
    return [
        d.day
        for w in plan.weeks
        for d in w.days
        if first <= d.day <= last
        and any(x.is_quality or x.kind is WorkoutKind.LONG for x in d.workouts)
    ]


def test_a_plan_edited_after_the_week_does_not_change_that_weeks_key_session_verdict(people):
    p = people
    with time_machine.travel(SIGNED, tick=False):
        built = plans.build_plan(p.engine, read_profile(PROFILE), SIGNED.date(), athlete_id=p.ann)
        terms = Terms(Goal(GoalKind.KEY_SESSIONS), START, weeks_from(START, 1), STAKE)
        cid = contracts.sign(p.engine, terms, None, SIGNED, athlete_id=p.ann)
    keys = _key_days(built.plan, START, START + timedelta(days=6))
    assert keys, "the plan's first week holds a key session"
    judged = datetime(2026, 11, 9, 9, tzinfo=UTC)
    assert contracts.judge_due(p.engine, judged, athlete_id=p.ann) == 1
    before = contracts.show(p.engine, cid, judged, athlete_id=p.ann).periods[0].verdict
    assert before.outcome.value == "missed" and "0 of" in before.seen
    with time_machine.travel(datetime(2026, 11, 10, 8, tzinfo=UTC), tick=False):
        for day in keys:  # the week's key sessions become easy runs, after the week
            plans.edit_plan(p.engine, day, "easy 30min", None, athlete_id=p.ann)
    assert not _key_days(plans.active_plan(p.engine, athlete_id=p.ann).plan, START, keys[-1])
    again = datetime(2026, 11, 11, 9, tzinfo=UTC)  # within the referee's time: re-judged
    contracts.judge_due(p.engine, again, athlete_id=p.ann)
    after = contracts.show(p.engine, cid, again, athlete_id=p.ann).periods[0].verdict
    assert after == before


def test_the_referee_is_asked_by_email_and_the_servers_round_judges_the_weeks(
    people, mail, tmp_path
):
    p = people
    inbox, port = mail
    settings = _mail_settings(p.engine, tmp_path, port)
    cid = contracts.sign(p.engine, run_days_terms(), "bo@example.com", SIGNED, athlete_id=p.ann)
    assert notifications.deliver_emails(p.engine, settings) == 1
    asked = inbox.messages[0]
    assert asked["To"] == "bo@example.com" and "asks you to referee" in asked["Subject"]
    assert f"/contracts/{cid}" in asked.get_payload(decode=True).decode()
    contracts.accept_role(p.engine, cid, SIGNED, athlete_id=p.bo)
    run(p, START)
    run(p, START + timedelta(days=1))
    with time_machine.travel(datetime(2026, 11, 17, 9, tzinfo=UTC), tick=False):
        notification_tick(p.engine, settings)  # the job: judged, then the emails go out
    assert stored_periods(p.engine) == 2
    subjects_mailed = [m["Subject"] for m in inbox.messages]
    assert any(s == "Week 1 of your contract: kept" for s in subjects_mailed)
    assert any(s.startswith("Week 2 of") and s.endswith("missed") for s in subjects_mailed)
