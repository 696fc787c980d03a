"""The runs shared with me in one list, and the group board's runs, a page at a time
(SQLite, and PostgreSQL when configured): partners' and group members' runs only as their
audiences admit, newest first, with a cursor that stays put while new runs arrive."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from runcoach.domain.accountability import Audience, SharedPart
from runcoach.domain.accountability.groups import GroupKind
from runcoach.domain.errors import InvalidInput, PermissionDenied
from runcoach.services import groups, partners, sharing
from runcoach.services.accounts import sign_up
from runcoach.services.runs import ManualRun, add_manual_run
from runcoach.services.shared_feed import shared_with_me

NOW = datetime.now(UTC)
TODAY = NOW.date()


def _runner(engine: Engine, name: str) -> int:
    return sign_up(engine, f"{name}@example.com", "correct horse battery staple", NOW).athlete_id


def _run(engine: Engine, athlete_id: int, back: int, metres: float = 8000) -> int:
    entry = ManualRun(TODAY - timedelta(days=back), metres, metres * 0.33)
    return add_manual_run(engine, entry, athlete_id=athlete_id).run_id


def _share(engine: Engine, athlete_id: int, audience: Audience) -> None:
    sharing.set_privacy_defaults(engine, athlete_id=athlete_id,
                                 defaults={SharedPart.SUMMARY: audience})  # fmt: skip


def _every_page(engine: Engine, me: int, limit: int) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        page = shared_with_me(engine, athlete_id=me, cursor=cursor, limit=limit)
        pages.append([r["run_id"] for r in page.runs])
        if page.next is None:
            return pages
        cursor = page.next


def test_one_list_of_partners_and_group_runs_as_their_audiences_admit(engine):
    me, bo, cy, dee, eve = (_runner(engine, n) for n in ("me", "bo", "cy", "dee", "eve"))
    link = partners.accept_partner(engine, partners.invite_partner(engine, athlete_id=me).code,
                                   athlete_id=bo)  # fmt: skip
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=cy)
    for who in (me, dee):
        groups.join_group(engine, group, athlete_id=who)
    _share(engine, bo, Audience.PARTNERS)  # a partner: seen
    _share(engine, cy, Audience.GROUP)  # a group member: seen
    _share(engine, dee, Audience.PARTNERS)  # in my group but not my partner: not seen
    _share(engine, eve, Audience.PUBLIC)  # a stranger: not in this list
    bo_runs = [_run(engine, bo, back) for back in (1, 3)]
    cy_run = _run(engine, cy, 2)
    private = _run(engine, cy, 0)
    sharing.set_run_sharing(engine, private, {SharedPart.SUMMARY: Audience.PRIVATE},
                            athlete_id=cy)  # fmt: skip
    _run(engine, dee, 1), _run(engine, eve, 1), _run(engine, me, 0)
    page = shared_with_me(engine, athlete_id=me)
    assert [r["run_id"] for r in page.runs] == [bo_runs[0], cy_run, bo_runs[1]]
    assert page.next is None
    assert {r["name"] for r in page.runs} == {"bo", "cy"}
    assert all("latitude" not in str(r) for r in page.runs)  # a feed carries no positions
    partners.end_partnership(engine, link, athlete_id=me)
    assert [r["run_id"] for r in shared_with_me(engine, athlete_id=me).runs] == [cy_run]


def test_pages_stay_put_while_new_runs_arrive(engine):
    me, bo = _runner(engine, "me"), _runner(engine, "bo")
    partners.accept_partner(engine, partners.invite_partner(engine, athlete_id=me).code,
                            athlete_id=bo)  # fmt: skip
    _share(engine, bo, Audience.PARTNERS)
    runs = [_run(engine, bo, back) for back in range(1, 8)]  # newest first
    first = shared_with_me(engine, athlete_id=me, limit=3)
    assert [r["run_id"] for r in first.runs] == runs[:3]
    _run(engine, bo, 0)  # a new run today, and one imported late inside the first page's days
    _run(engine, bo, 2)
    second = shared_with_me(engine, athlete_id=me, cursor=first.next, limit=3)
    assert [r["run_id"] for r in second.runs] == runs[3:6]
    third = shared_with_me(engine, athlete_id=me, cursor=second.next, limit=3)
    assert [r["run_id"] for r in third.runs] == runs[6:] and third.next is None
    everything = [i for page in _every_page(engine, me, 4) for i in page]
    assert len(everything) == len(set(everything)) == 9


def test_a_page_skips_runs_not_shared_however_many(engine):
    me, bo = _runner(engine, "me"), _runner(engine, "bo")
    partners.accept_partner(engine, partners.invite_partner(engine, athlete_id=me).code,
                            athlete_id=bo)  # fmt: skip
    _share(engine, bo, Audience.PARTNERS)
    shown = _run(engine, bo, 30)
    for back in range(1, 20):
        hidden = _run(engine, bo, back)
        sharing.set_run_sharing(engine, hidden, {SharedPart.SUMMARY: Audience.PRIVATE},
                                athlete_id=bo)  # fmt: skip
    assert _every_page(engine, me, 2) == [[shown]]


def test_a_bad_cursor_or_page_size_is_refused(engine):
    me = _runner(engine, "me")
    with pytest.raises(InvalidInput):
        shared_with_me(engine, athlete_id=me, cursor="yesterday")
    with pytest.raises(InvalidInput):
        shared_with_me(engine, athlete_id=me, limit=0)


def test_the_group_board_pages_its_runs(engine, tmp_path):
    ann, bo, dee = _runner(engine, "ann"), _runner(engine, "bo"), _runner(engine, "dee")
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=ann)
    groups.join_group(engine, group, athlete_id=bo)
    _share(engine, bo, Audience.GROUP)
    runs = [_run(engine, bo, back) for back in range(5)]
    first = groups.group_runs(engine, group, athlete_id=ann, limit=2)
    second = groups.group_runs(engine, group, athlete_id=ann, cursor=first.next, limit=2)
    last = groups.group_runs(engine, group, athlete_id=ann, cursor=second.next, limit=2)
    assert [[r["run_id"] for r in p.runs] for p in (first, second, last)] == [
        runs[:2], runs[2:4], runs[4:]]  # fmt: skip
    assert last.next is None
    with pytest.raises(PermissionDenied):
        groups.group_runs(engine, group, athlete_id=dee)


def test_a_page_with_kudos_and_comments_validates_against_its_schema(engine):
    """The golden story's feeds are empty: a real page, a run with kudos and a comment,
    is checked against docs/schema/feed-page.json here."""
    jsonschema = pytest.importorskip("jsonschema")
    from runcoach.services import comments
    from runcoach.views.accountability import feed_page_json
    from runcoach.views.schema import SHAPES, schema_of

    me, bo = _runner(engine, "me"), _runner(engine, "bo")
    partners.accept_partner(engine, partners.invite_partner(engine, athlete_id=me).code,
                            athlete_id=bo)  # fmt: skip
    _share(engine, bo, Audience.PARTNERS)
    run = _run(engine, bo, 1)
    comments.give_kudos(engine, run, athlete_id=me)
    comments.add_comment(engine, run, "lovely pace", athlete_id=me)
    printed = json.loads(json.dumps(feed_page_json(shared_with_me(engine, athlete_id=me))))
    shape = next(s for s in SHAPES if s.name == "feed-page")
    validator = jsonschema.Draft202012Validator(schema_of(shape))
    assert [e.message for e in validator.iter_errors(printed)] == []
    [item] = printed["runs"]
    assert item["kudos"] == ["me"] and item["gave_kudos"] is True
    assert [c["body"] for c in item["comments"]] == ["lovely pace"]


def test_the_feed_and_the_board_count_running_as_the_runner_s_own_log_does(engine, tmp_path):
    """A partner's trail run and treadmill run are runs (store/running.py, as in their own log
    and reports); a ride, and a run-profile recording tagged strength, are not: the feed and
    the group board's run days leave them out."""
    from runcoach.config import Settings
    from runcoach.domain.run.runs import Sport, WorkoutType

    me, bo = _runner(engine, "me"), _runner(engine, "bo")
    partners.accept_partner(engine, partners.invite_partner(engine, athlete_id=me).code,
                            athlete_id=bo)  # fmt: skip
    group = groups.create_group(engine, "Trail club", GroupKind.CLUB, athlete_id=me)
    groups.join_group(engine, group, athlete_id=bo)
    sharing.set_privacy_defaults(engine, athlete_id=bo, defaults={
        SharedPart.SUMMARY: Audience.GROUP})  # fmt: skip
    ran = {}
    for back, name, sport, kind in ((1, "trail", Sport.TRAIL_RUNNING, None),
                                    (2, "mill", Sport.TREADMILL, None),
                                    (3, "ride", Sport.CYCLING, None),
                                    (4, "gym", Sport.RUNNING, WorkoutType.STRENGTH)):  # fmt: skip
        entry = ManualRun(TODAY - timedelta(days=back), 8000, 2700, sport=sport,
                          workout_type=kind, name=name)  # fmt: skip
        ran[name] = add_manual_run(engine, entry, athlete_id=bo).run_id
    seen = [r["run_id"] for r in shared_with_me(engine, athlete_id=me).runs]
    assert seen == [ran["trail"], ran["mill"]]
    board = groups.group_board(engine, Settings(home=tmp_path, database_url=str(engine.url)),
                               group, athlete_id=me)  # fmt: skip
    assert [r["run_id"] for r in board["runs"]] == [ran["trail"], ran["mill"]]
    assert {m["name"]: m["run_days"] for m in board["members"]}["bo"] == 2
