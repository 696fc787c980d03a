"""The club benchmark's filler (benchmarks/club_copy.py): a copied runner reads exactly as the
original (run list, reports), and the copy names none of the original's rows nor anything
that is not there; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from benchmarks.club_copy import (
    ID_DOCUMENTS,
    NO_IDS,
    UNDECLARED,
    Copied,
    copy_athlete,
    copy_plan,
    json_columns,
)
from runcoach.config import Settings
from runcoach.domain.accountability import Audience, SharedPart
from runcoach.domain.accountability.coaching import Access
from runcoach.domain.accountability.contracts import (
    Goal,
    GoalKind,
    Receiver,
    Stake,
    Terms,
    weeks_from,
)
from runcoach.domain.accountability.groups import GroupKind
from runcoach.domain.accountability.zones import PrivacyZone
from runcoach.domain.accounts import Scope
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.progress.report import PeriodKind
from runcoach.domain.today.health import CheckIn
from runcoach.services import (
    coaching,
    comments,
    contracts,
    groups,
    notifications,
    partners,
    sharing,
)
from runcoach.services.accounts import create_token, sign_up
from runcoach.services.reports import period_report
from runcoach.services.run_list import list_runs
from runcoach.services.runs import ManualRun, RunEdit, add_manual_run, edit_run
from runcoach.services.shoes import NewShoe, add_pair
from runcoach.services.uploads import queue_upload, run_upload
from runcoach.store.checkins import save_adjustment, save_checkin
from runcoach.store.plans import add_plan
from runcoach.store.tables import metadata
from runcoach.views.json import to_jsonable
from tests.conftest import ACTIVITIES, needs_shared_data

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
TODAY = NOW.date()
NAMED = re.compile(r"\b(shoe|plan) (\d+)\b")  # "shoe 2" in the variety, "plan 1" in a source
REAL_FILES = [
    "python-fitparse/2013-02-06-12-11-14.fit",
    "python-fitparse/20170518-191602-1740899583.fit",
    "gpxpy/cerknicko-jezero.gpx",
    "gpxpy/Mojstrovka.gpx",
    "tcxreader/cross-country-skiing_activity_1.tcx",
]


def _club(engine: Engine) -> tuple[int, int]:
    """Ann with real runs (uploaded through the job), runs by hand, a shoe, a check-in, a
    contract, and everything between her and Bo: a partner, comments and kudos both ways,
    a group, a coach, privacy settings, notifications."""
    actor = sign_up(engine, "ann@example.com", "correct horse battery staple", NOW)
    ann = actor.athlete_id
    bo = sign_up(engine, "bo@example.com", "correct horse battery staple", NOW).athlete_id
    files = [(name, (ACTIVITIES / name).read_bytes()) for name in REAL_FILES]
    run_upload(engine, queue_upload(engine, files, athlete_id=ann, now=NOW))
    add_pair(engine, NewShoe("blue pair"), TODAY - timedelta(days=60), athlete_id=ann)
    mine = []
    for days, km in ((1, 8), (3, 12), (9, 21.1), (30, 10)):
        entry = ManualRun(TODAY - timedelta(days=days), km * 1000, km * 320)
        mine.append(add_manual_run(engine, entry, athlete_id=ann).run_id)
    edit_run(engine, mine[0], RunEdit(shoes="blue pair"), athlete_id=ann)
    with engine.begin() as conn:
        save_checkin(conn, ann, CheckIn(TODAY, note="legs fine"))
        doc = {"goal": {"race": "10k", "date": "2027-02-28"}, "weekly_distance": "30km"}
        add_plan(conn, ann, generate(profile_from_dict(doc), TODAY, DANIELS))
        warning = {"kind": "too many hard days", "run_ids": mine[:2], "numbers": {"run_id": 0}}
        save_adjustment(conn, ann, TODAY, "today", ["easy"], {"warnings": [warning],
                        "change": {"run_id": float(mine[2])}})  # fmt: skip
    stake = Stake(1000, "EUR", Receiver.CHARITY, "Red Cross")
    start = date(2026, 10, 19)  # a Monday
    terms = Terms(Goal(GoalKind.RUN_DAYS, run_days=2), start, weeks_from(start, 4), stake)
    contracts.sign(engine, terms, None, NOW - timedelta(days=40), athlete_id=ann)
    contracts.judge_due(engine, NOW, athlete_id=ann)
    sharing.set_privacy_defaults(engine, athlete_id=ann, trim_m=500,
                                 defaults={SharedPart.SUMMARY: Audience.PARTNERS})  # fmt: skip
    sharing.add_privacy_zone(engine, PrivacyZone("home", 48.85, 2.35, 600), athlete_id=ann)
    sharing.set_run_sharing(engine, mine[1], {SharedPart.SUMMARY: Audience.PRIVATE}, athlete_id=ann)
    partners.accept_partner(engine, partners.invite_partner(engine, athlete_id=ann).code,
                            athlete_id=bo)  # fmt: skip
    sharing.set_privacy_defaults(engine, athlete_id=bo,
                                 defaults={SharedPart.SUMMARY: Audience.PARTNERS})  # fmt: skip
    theirs = add_manual_run(engine, ManualRun(TODAY, 5000, 1800), athlete_id=bo).run_id
    comments.add_comment(engine, theirs, "Lovely easy run", athlete_id=ann)
    comments.add_comment(engine, mine[0], "Well run!", athlete_id=bo)
    comments.give_kudos(engine, mine[0], athlete_id=bo)
    comments.give_kudos(engine, theirs, athlete_id=ann)
    groups.join_group(engine, groups.create_group(engine, "Tuesday club", GroupKind.CLUB,
                                                  athlete_id=bo), athlete_id=ann)  # fmt: skip
    coaching.accept_invitation(engine, coaching.invite_coach(engine, Access.READ, NOW,
                               athlete_id=ann), NOW, athlete_id=bo)  # fmt: skip
    notifications.switch(engine, kind="kudos", email=False, athlete_id=ann)
    create_token(engine, actor, "sync", Scope.WRITE, NOW)
    settings = Settings(home=Path(), database_url=str(engine.url))
    period_report(engine, settings, PeriodKind.CUSTOM, date(2000, 1, 1), TODAY, NOW,
                  athlete_id=ann)  # keeps the runs' start points  # fmt: skip
    return ann, bo


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in metadata.sorted_tables
        }


@pytest.fixture
def copied(engine: Engine) -> tuple[Engine, int, int, Copied, dict[str, int], dict[str, int]]:
    needs_shared_data()
    if not ACTIVITIES.is_dir():
        pytest.skip(f"needs the sample files in {ACTIVITIES}")
    ann, bo = _club(engine)
    before = _counts(engine)
    copy = copy_athlete(engine, ann)
    return engine, ann, bo, copy, before, _counts(engine)


def _translated(value: Any, ids: dict[str, dict[int, int]]) -> Any:
    """The original's report or run list as the copy's should read: its ids the copy's."""
    runs, shoes = ids["runs"], ids["shoes"]
    if isinstance(value, list):
        return [_translated(v, ids) for v in value]
    if isinstance(value, str):  # a pair or a plan named by its id
        return NAMED.sub(lambda f: f"{f[1]} {ids[f[1] + 's'].get(int(f[2]), f[2])}", value)
    if not isinstance(value, dict):
        return value
    out = {}
    for name, v in value.items():
        key = _translated(name, ids)
        if key.endswith("run_id") or (key == "id" and "start_utc" in value):
            out[key] = runs.get(v, v)
        elif key == "shoe_id":
            out[key] = shoes.get(v, v)
        else:
            out[key] = _translated(v, ids)
    return out


def test_a_copied_runner_lists_the_same_runs_as_the_original(copied):
    engine, ann, _bo, copy, _before, _after = copied
    runs = copy.ids["runs"]
    original = [to_jsonable(r) for r in list_runs(engine, athlete_id=ann)]
    assert len(original) >= 8  # the real files (4 of 5 hold a run) and the runs by hand
    assert [to_jsonable(r) for r in list_runs(engine, athlete_id=copy.athlete_id)] == (
        _translated(original, copy.ids)
    )
    assert set(runs.values()).isdisjoint(runs)  # new rows, not the original's


@pytest.mark.parametrize("kind", [PeriodKind.WEEK, PeriodKind.YEAR, PeriodKind.CUSTOM])
def test_a_copied_runner_s_reports_equal_the_original_s(copied, kind):
    engine, ann, _bo, copy, _before, _after = copied
    settings = Settings(home=Path(), database_url=str(engine.url))
    first = date(2000, 1, 1) if kind is PeriodKind.CUSTOM else None
    last = TODAY if kind is PeriodKind.CUSTOM else None

    def report(athlete: int) -> Any:
        found, _name = period_report(engine, settings, kind, first, last, NOW, athlete_id=athlete)
        return to_jsonable(found)

    original = report(ann)
    assert original["totals"]["runs"] > 0
    assert report(copy.athlete_id) == _translated(original, copy.ids)


def test_every_table_of_the_runner_s_is_copied_and_the_copy_holds_nothing_else(copied):
    engine, _ann, _bo, copy, before, after = copied
    grown = {name for name in after if after[name] > before[name]}
    expected = {s.name for s in copy_plan()} - {"upload_files", "web_sessions", "invitations",
                                                "group_invitations", "group_join_requests",
                                                "partner_sessions", "plan_changes",
                                                "plan_versions"}  # fmt: skip
    assert expected <= grown, expected - grown  # (the others: Ann has none of those rows)
    assert grown <= {s.name for s in copy_plan()}
    with engine.begin() as conn:  # the copy goes with its athlete, and only the copy
        conn.execute(text("DELETE FROM athletes WHERE id = :id"), {"id": copy.athlete_id})
    assert _counts(engine) == before


def test_a_copy_names_nothing_missing_and_none_of_the_original_s_rows(copied):
    engine, _ann, _bo, copy, _before, _after = copied
    references = [(t, fk.parent.name, fk.column.table.name)
                  for t in metadata.sorted_tables for fk in t.foreign_keys]  # fmt: skip
    references += [(metadata.tables[t], c, p) for (t, c), p in UNDECLARED.items()]
    steps = {s.name: s for s in copy_plan()}
    with engine.connect() as conn:
        for table, column, parent in references:
            missing = conn.execute(text(
                f'SELECT count(*) FROM "{table.name}" t WHERE t."{column}" IS NOT NULL AND NOT '
                f'EXISTS (SELECT 1 FROM "{parent}" p WHERE p.id = t."{column}")'
            )).scalar_one()  # fmt: skip
            assert missing == 0, f"{table.name}.{column}: {missing} rows name no {parent}"
            step = steps.get(table.name)
            old = copy.ids.get(parent, {})
            if step is None or not old:
                continue
            values = {row[0] for row in conn.execute(
                text(f'SELECT t."{column}" FROM "{table.name}" t WHERE {_copy_rows(step, copy)}')
            )}  # fmt: skip
            assert not values & set(old), f"the copy's {table.name}.{column} names the original's"


def _copy_rows(step: Any, copy: Copied) -> str:
    if step.has_ids:
        return f"t.id IN ({', '.join(map(str, copy.ids.get(step.name, {}).values())) or 'NULL'})"
    return " OR ".join(
        f't."{c}" IN ({", ".join(map(str, copy.ids.get(p, {}).values())) or "NULL"})'
        for c, p in step.owners
    )


def test_the_run_ids_in_the_copy_s_documents_are_the_copy_s(copied):
    engine, _ann, _bo, copy, _before, _after = copied
    with engine.connect() as conn:
        outcomes = conn.execute(text(
            "SELECT outcomes FROM upload_jobs WHERE athlete_id = :a"), {"a": copy.athlete_id}
        ).scalar_one()  # fmt: skip
        links = conn.execute(text(
            "SELECT link FROM notifications WHERE athlete_id = :a AND link LIKE '/runs/%'"),
            {"a": copy.athlete_id}).scalars().all()  # fmt: skip
        detail = json.loads(conn.execute(text(
            "SELECT detail FROM plan_adjustments WHERE athlete_id = :a"), {"a": copy.athlete_id}
        ).scalar_one())  # fmt: skip
    new_runs = copy.ids["runs"]
    originals = sorted(new_runs)  # Ann's runs, oldest id first
    assert detail["warnings"][0]["run_ids"] == [new_runs[i] for i in originals[-4:-2]]
    assert detail["change"]["run_id"] == float(new_runs[originals[-2]])
    assert detail["warnings"][0]["numbers"]["run_id"] == 0  # no run: kept
    outcomes = outcomes if isinstance(outcomes, list) else json.loads(outcomes)
    named = [i for o in outcomes for i in (o["run_ids"] or [])]
    assert named and set(named) <= set(copy.ids["runs"].values())
    assert links and all(
        int(re.match(r"/runs/(\d+)", link)[1]) in copy.ids["runs"].values() for link in links
    )


def test_every_json_column_is_known_to_hold_run_ids_or_none():
    assert json_columns() <= set(ID_DOCUMENTS) | NO_IDS


def test_every_column_that_names_a_row_is_a_foreign_key_or_declared():
    for table in metadata.sorted_tables:
        for column in table.columns:
            named = column.name.endswith(("_id", "_by")) and not column.foreign_keys
            if named:
                assert (table.name, column.name) in UNDECLARED, f"{table.name}.{column.name}"
