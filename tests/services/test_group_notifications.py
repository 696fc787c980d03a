"""The ``group`` notifications (SQLite, and PostgreSQL when configured): the admins hear of a
new member, a member of being removed or made admin, every member of a challenge starting
and of its result; each once, each switchable like every kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.accountability import Audience, SharedPart
from runcoach.domain.accountability.groups import GroupKind, Measure, Role
from runcoach.services import groups, notifications, sharing
from runcoach.services.accounts import sign_up
from runcoach.services.group_news import send_challenge_news
from runcoach.services.runs import ManualRun, add_manual_run

NOW = datetime.now(UTC)
TODAY = NOW.date()


def _runner(engine: Engine, name: str) -> int:
    return sign_up(engine, f"{name}@example.com", "correct horse battery staple", NOW).athlete_id


@pytest.fixture
def settings(engine: Engine, tmp_path: Path) -> Settings:
    return Settings(home=tmp_path, database_url=str(engine.url))


def _told(engine: Engine, athlete_id: int) -> list[notifications.Notification]:
    return [
        n for n in notifications.list_notifications(engine, athlete_id=athlete_id)
        if n.kind == "group"
    ]  # fmt: skip


def test_the_admins_hear_of_a_new_member_and_a_member_of_a_removal_or_a_role(engine):
    ann, bo, cy = (_runner(engine, n) for n in ("ann", "bo", "cy"))
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=ann)
    groups.join_group(engine, group, athlete_id=bo)
    assert [n.subject for n in _told(engine, ann)] == ["bo joined Tuesday club"]
    assert _told(engine, ann)[0].link == f"/groups/{group}"
    assert _told(engine, bo) == []  # the one who joined is not told of it
    groups.set_role(engine, group, bo, Role.ADMIN, athlete_id=ann)
    assert _told(engine, bo)[0].subject == "You are an admin of Tuesday club now"
    groups.join_group(engine, group, athlete_id=cy)
    assert _told(engine, bo)[0].subject == "cy joined Tuesday club"  # both admins hear
    assert _told(engine, ann)[0].subject == "cy joined Tuesday club"
    groups.remove_member(engine, group, cy, athlete_id=bo)
    assert _told(engine, cy)[0].subject == "You are no longer in Tuesday club"
    assert _told(engine, cy)[0].link is None  # the board is closed to them now


def test_a_runner_who_switched_group_news_off_hears_nothing(engine):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    notifications.switch(engine, kind="group", in_app=False, email=False, athlete_id=ann)
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=ann)
    groups.join_group(engine, group, athlete_id=bo)
    assert _told(engine, ann) == []


def test_every_member_hears_once_of_a_challenge_starting_and_of_its_result(engine, settings):
    ann, bo, cy = (_runner(engine, n) for n in ("ann", "bo", "cy"))
    group = groups.create_group(engine, "Sub-3", GroupKind.GOAL, athlete_id=ann)
    for who in (bo, cy):
        groups.join_group(engine, group, athlete_id=who)
    starts = TODAY - timedelta(days=12)  # the rounds run on days of the past: runs are
    groups.create_challenge(engine, group, "Ten days", Measure.RUN_DAYS, starts,
                            starts + timedelta(days=9), athlete_id=ann, target=3)  # fmt: skip
    assert send_challenge_news(engine, settings, NOW - timedelta(days=13)) == 0  # not yet
    on_day_one = NOW - timedelta(days=12)
    assert send_challenge_news(engine, settings, on_day_one) == 3
    assert send_challenge_news(engine, settings, on_day_one + timedelta(hours=1)) == 0  # once
    started = _told(engine, cy)[0]
    assert started.subject == "Sub-3: Ten days has started"
    assert "target 3 run days" in started.body and started.link == f"/groups/{group}"
    sharing.set_privacy_defaults(
        engine, athlete_id=bo, defaults={SharedPart.SUMMARY: Audience.GROUP}
    )
    for back in range(4):
        add_manual_run(engine, ManualRun(starts + timedelta(days=back), 8000, 2700),
                       athlete_id=bo)  # fmt: skip
    add_manual_run(engine, ManualRun(starts, 8000, 2700), athlete_id=cy)  # private: not counted
    assert send_challenge_news(engine, settings, NOW - timedelta(days=5)) == 0  # under way
    after = NOW - timedelta(days=2)
    assert send_challenge_news(engine, settings, after) == 3
    assert send_challenge_news(engine, settings, after) == 0
    result = _told(engine, ann)[0]
    assert result.subject == "Sub-3: Ten days has ended"
    assert "1. bo: 4 run days (target reached)" in result.body
    assert "cy: 0 run days" in result.body
    assert send_challenge_news(engine, settings, NOW + timedelta(days=20)) == 0  # old news
