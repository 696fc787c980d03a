"""Two athletes in one store: every service reads, changes and counts only the athlete it is
given (issue 12), on SQLite and on PostgreSQL when RUNCOACH_TEST_DATABASE_URL is set.

Ann and Bo share a store, as two runners of a club do on a server. Each has a log (typed runs
and the same real device file), shoes with the same name, check-ins, and Ann a plan. Every
service is called for each, and what one did must never show in the other's answer.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select

from runcoach.config import Settings
from runcoach.domain.accountability.coaching import Access
from runcoach.domain.accountability.contracts import (
    Decision,
    Goal,
    GoalKind,
    Receiver,
    Stake,
    Terms,
)
from runcoach.domain.errors import NotFound, PermissionDenied
from runcoach.domain.progress.report import PeriodKind
from runcoach.domain.run.runs import WorkoutType
from runcoach.inputs.plans import read_profile
from runcoach.services import (
    checkins,
    coaching,
    contracts,
    log_export,
    plan_changes,
    plans,
    reports,
    shoes,
    today,
)
from runcoach.services.fitness import AthleteLog, fitness_over_time, predict_race
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import Outcome, import_sources
from runcoach.services.plan_changes import ShiftRequest
from runcoach.services.runs import (
    ManualRun,
    RunEdit,
    add_manual_run,
    delete_run,
    edit_run,
    list_runs,
    show_run,
)
from runcoach.store import contracts as contract_store
from runcoach.store.tables import athletes
from runcoach.store.tables import checkins as checkin_rows
from runcoach.store.tables import plans as plan_rows
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

PROFILE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-half.yaml"
SHARED_FILE = ACTIVITIES / "sweatpy" / "4078723797.fit"
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 18, tzinfo=UTC)
SIGNED = datetime(2026, 11, 1, 12, tzinfo=UTC)


@dataclass
class Club:
    engine: Engine
    settings: Settings
    ann: int
    bo: int
    ann_runs: list[int]
    bo_runs: list[int]


def _typed(
    engine: Engine, settings: Settings, athlete_id: int, days_km: list[tuple[int, float]], **more
) -> list[int]:
    return [
        add_manual_run(
            engine,
            ManualRun(date(2026, 11, day), km * 1000, km * 330, **more),
            athlete_id=athlete_id,
            settings=settings,
        ).run_id
        for day, km in days_km
    ]


@pytest.fixture
def club(engine: Engine, tmp_path: Path) -> Club:
    ann = local_athlete(engine)
    with engine.begin() as conn:
        bo = int(conn.execute(insert(athletes).values(name="Bo")).inserted_primary_key[0])
    settings = Settings(home=tmp_path, database_url=str(engine.url))
    for athlete_id in (ann, bo):
        shoes.add_pair(engine, shoes.NewShoe("Pegasus", retirement_m=50_000), TODAY,
                       athlete_id=athlete_id)  # fmt: skip
    ann_days = [(2, 8), (4, 10), (7, 21.1), (9, 6), (12, 12), (16, 8)]
    ann_runs = _typed(engine, settings, ann, ann_days, shoes="Pegasus")
    race = _typed(engine, settings, ann, [(14, 5)], workout_type=WorkoutType.RACE)
    bo_runs = _typed(engine, settings, bo, [(3, 4), (10, 5)])
    return Club(engine, settings, ann, bo, [*ann_runs, *race], bo_runs)


def _ids(club: Club, athlete_id: int) -> set[int]:
    return {r.id for r in list_runs(club.engine, athlete_id=athlete_id)}


def test_each_athlete_lists_and_opens_only_their_own_runs(club):
    assert _ids(club, club.ann) == set(club.ann_runs)
    assert _ids(club, club.bo) == set(club.bo_runs)
    assert show_run(club.engine, club.bo_runs[0], athlete_id=club.bo).run.distance_m == 4000
    with pytest.raises(NotFound):
        show_run(club.engine, club.ann_runs[0], athlete_id=club.bo)


def test_one_athlete_can_neither_edit_nor_delete_the_others_run(club):
    ann_run = club.ann_runs[0]
    with pytest.raises(NotFound):
        edit_run(club.engine, ann_run, RunEdit(name="mine now"), athlete_id=club.bo,
                 settings=club.settings)  # fmt: skip
    with pytest.raises(NotFound):
        delete_run(club.engine, ann_run, athlete_id=club.bo)
    assert show_run(club.engine, ann_run, athlete_id=club.ann).run.name is None
    delete_run(club.engine, club.bo_runs[0], athlete_id=club.bo)
    assert _ids(club, club.ann) == set(club.ann_runs)


@needs_shared_data()
def test_the_same_device_file_imported_by_two_athletes_is_a_run_of_each(club):
    for athlete_id in (club.ann, club.bo):
        summary = import_sources(
            club.engine, sources_of_paths([SHARED_FILE]), athlete_id=athlete_id, workers=1
        )
        assert [f.outcome for f in summary.files] == [Outcome.IMPORTED]
    again = import_sources(
        club.engine, sources_of_paths([SHARED_FILE]), athlete_id=club.bo, workers=1
    )
    assert [f.outcome for f in again.files] == [Outcome.ALREADY_THERE]
    assert len(_ids(club, club.ann)) == len(club.ann_runs) + 1
    assert len(_ids(club, club.bo)) == len(club.bo_runs) + 1


def test_shoes_of_the_same_name_are_each_athletes_own_pair(club):
    def pegasus(athlete_id: int) -> shoes.ShoeReport:
        [pair] = shoes.list_pairs(
            club.engine, club.settings, include_retired=True, athlete_id=athlete_id
        )
        return pair

    assert pegasus(club.ann).distance_m == pytest.approx(65_100)
    assert pegasus(club.bo).distance_m == 0

    def worn_after_an_edit(athlete_id: int, run_id: int) -> list[str]:
        edit = RunEdit(rpe=5)
        changed = edit_run(club.engine, run_id, edit, athlete_id=athlete_id, settings=club.settings)
        return [pair.name for pair in changed.worn_out]

    assert worn_after_an_edit(club.ann, club.ann_runs[0]) == ["Pegasus"]
    assert worn_after_an_edit(club.bo, club.bo_runs[0]) == []
    shoes.retire_pair(club.engine, "Pegasus", TODAY, athlete_id=club.bo)
    assert pegasus(club.bo).retired_on == TODAY
    assert pegasus(club.ann).retired_on is None


def _count(engine: Engine, table, athlete_id: int) -> int:
    with engine.connect() as conn:
        query = select(func.count()).select_from(table).where(table.c.athlete_id == athlete_id)
        return int(conn.execute(query).scalar_one())


def test_a_plan_check_ins_and_today_are_each_athletes_own(club):
    plans.build_plan(club.engine, read_profile(PROFILE), date(2026, 11, 16), athlete_id=club.ann)
    with pytest.raises(NotFound):
        plans.active_plan(club.engine, athlete_id=club.bo)
    ann_plan = plans.active_plan(club.engine, athlete_id=club.ann)
    with pytest.raises(NotFound):
        plans.active_plan(club.engine, ann_plan.id, athlete_id=club.bo)
    injured = checkins.CheckInReport(feel="injured")
    checkins.checkin(club.engine, injured, TODAY, athlete_id=club.ann)
    assert (_count(club.engine, checkin_rows, club.ann), _count(club.engine, checkin_rows,
                                                                club.bo)) == (1, 0)  # fmt: skip
    assert _count(club.engine, plan_rows, club.bo) == 0
    ann_day = today.today(club.engine, club.settings, TODAY, athlete_id=club.ann)
    assert ann_day.answer.health is not None
    with pytest.raises(NotFound):  # Bo has no plan: Ann's is not his
        today.today(club.engine, club.settings, TODAY, athlete_id=club.bo)
    assert today.progress_for(club.engine, club.settings, TODAY, athlete_id=club.ann)
    with pytest.raises(NotFound):
        today.progress_for(club.engine, club.settings, TODAY, athlete_id=club.bo)
    with pytest.raises(NotFound):
        plan_changes.save_shift(club.engine, None, ShiftRequest(swap=(date(2026, 11, 23),
                                date(2026, 11, 24))), TODAY, athlete_id=club.bo)  # fmt: skip


def test_warnings_count_only_the_athletes_own_runs(club):
    ann = today.warnings_for(club.engine, club.settings, TODAY, athlete_id=club.ann)
    bo = today.warnings_for(club.engine, club.settings, TODAY, athlete_id=club.bo)
    assert any("Pegasus" in str(w) for w in ann)
    assert not any("Pegasus" in str(w) for w in bo)


def test_reports_and_wins_count_only_the_athletes_own_log(club):
    def totals(athlete_id: int):
        report, _ = reports.period_report(
            club.engine, club.settings, PeriodKind.MONTH, now=NOW, athlete_id=athlete_id
        )
        return report.totals

    assert (totals(club.ann).runs, totals(club.ann).distance_m) == (7, pytest.approx(70_100))
    assert (totals(club.bo).runs, totals(club.bo).distance_m) == (2, pytest.approx(9_000))
    ann_wins = reports.recent_wins(club.engine, club.settings, date(2026, 11, 1), NOW,
                                    athlete_id=club.ann)  # fmt: skip
    bo_wins = reports.recent_wins(club.engine, club.settings, date(2026, 11, 1), NOW,
                                   athlete_id=club.bo)  # fmt: skip
    ann_run_ids = {w.run_id for w in ann_wins if getattr(w, "run_id", None)}
    assert ann_run_ids <= set(club.ann_runs)
    assert not {w.run_id for w in bo_wins if getattr(w, "run_id", None)} & set(club.ann_runs)


def test_fitness_and_predictions_come_from_the_athletes_own_races(club):
    ann = fitness_over_time(club.engine, TODAY, date(2026, 10, 1), athlete_id=club.ann)
    assert ann.now.vdot is not None
    with pytest.raises(NotFound):
        fitness_over_time(club.engine, TODAY, date(2026, 10, 1), athlete_id=club.bo)
    predicted = predict_race([], 10_000, None, TODAY, lambda: AthleteLog(club.engine, club.ann))
    assert predicted.time_s > 0
    with pytest.raises(NotFound):
        predict_race([], 10_000, None, TODAY, lambda: AthleteLog(club.engine, club.bo))


def test_an_export_holds_only_the_athletes_own_runs(club, tmp_path):
    selection = log_export.LogSelection()
    for athlete_id, expected in ((club.ann, club.ann_runs), (club.bo, club.bo_runs)):
        path = tmp_path / f"{athlete_id}.csv"
        log_export.export_csv(club.engine, path, selection, athlete_id=athlete_id)
        with path.open(encoding="utf-8") as rows:
            assert len(list(csv.DictReader(rows))) == len(expected)
        folder = tmp_path / f"gpx-{athlete_id}"
        summary = log_export.export_gpx(club.engine, folder, selection, athlete_id=athlete_id)
        assert sorted(summary.without_track) == sorted(expected)


def test_a_plan_built_from_the_log_reads_only_the_athletes_own_volume(club):
    profile = read_profile(PROFILE)
    silent = replace(profile, weekly_distance_m=None, longest_run_m=None)
    ann, _ = plans.fill_from_log(club.engine, silent, TODAY, athlete_id=club.ann)
    bo, _ = plans.fill_from_log(club.engine, silent, TODAY, athlete_id=club.bo)
    assert ann.longest_run_m == pytest.approx(21_100)
    assert bo.longest_run_m == pytest.approx(5_000)


def _contract(club: Club, athlete_id: int) -> int:
    terms = Terms(Goal(GoalKind.RUN_DAYS, run_days=2), date(2026, 11, 2), date(2026, 11, 15),
                  Stake(500, "EUR", Receiver.CHARITY, "Red Cross"))  # fmt: skip
    return contracts.sign(club.engine, terms, None, SIGNED, athlete_id=athlete_id)


def test_contracts_are_read_judged_and_counted_for_their_own_athlete_only(club):
    ann, bo = _contract(club, club.ann), _contract(club, club.bo)
    assert [
        c.contract.id for c in contracts.list_contracts(club.engine, NOW, athlete_id=club.bo)
    ] == [bo]
    for attempt in (
        lambda: contracts.show(club.engine, ann, NOW, athlete_id=club.bo),
        lambda: contracts.end(club.engine, ann, "mine", NOW, athlete_id=club.bo),
        lambda: contracts.dispute(club.engine, ann, 1, "", NOW, athlete_id=club.bo),
        lambda: contracts.review(
            club.engine, ann, 1, Decision.CONFIRM, None, "", NOW, athlete_id=club.bo
        ),
        lambda: contracts.accept_role(club.engine, ann, NOW, athlete_id=club.bo),
        lambda: contracts.name_referee(club.engine, ann, None, NOW, athlete_id=club.bo),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert contracts.judge_due(club.engine, NOW, athlete_id=club.bo) == 2  # Bo's weeks only
    with club.engine.connect() as conn:
        assert contract_store.periods_of(conn, ann) == []
    assert contracts.judge_due(club.engine, NOW, athlete_id=club.ann) == 2
    mine = contracts.show(club.engine, ann, NOW, athlete_id=club.ann).periods
    his = contracts.show(club.engine, bo, NOW, athlete_id=club.bo).periods
    assert [p.final.value for p in mine] == ["kept", "kept"]
    assert [p.final.value for p in his] == ["missed", "missed"]  # Ann's runs count not for Bo
    assert {r for p in mine for r in p.verdict.run_ids} <= set(club.ann_runs)
    assert {r for p in his for r in p.verdict.run_ids} <= set(club.bo_runs)
    assert contracts.show(club.engine, ann, NOW, athlete_id=club.ann).contract.ended_at is None


def test_coaching_reaches_nothing_of_an_athlete_without_a_live_grant(club):
    plans.build_plan(club.engine, read_profile(PROFILE), date(2026, 11, 16), athlete_id=club.ann)
    day = date(2026, 11, 24)

    def nothing_of_ann() -> None:
        assert coaching.team(club.engine, club.settings, NOW, athlete_id=club.bo) == []
        assert coaching.team_predictions(club.engine, 10_000, NOW, athlete_id=club.bo) == []
        for attempt in (
            lambda: coaching.athlete(club.engine, club.settings, club.ann, NOW, athlete_id=club.bo),
            lambda: coaching.edit_athlete_plan(
                club.engine, club.ann, day, "easy 30min", "x", NOW, athlete_id=club.bo
            ),
            lambda: coaching.comment_on_run(
                club.engine, club.ann, club.ann_runs[0], "hi", athlete_id=club.bo
            ),
        ):
            with pytest.raises(NotFound):
                attempt()

    nothing_of_ann()
    code = coaching.invite_coach(club.engine, Access.READ, NOW, athlete_id=club.ann)
    nothing_of_ann()  # invited is not granted
    grant = coaching.accept_invitation(club.engine, code, NOW, athlete_id=club.bo)
    with pytest.raises(PermissionDenied):  # read access: Bo changes nothing of Ann's plan
        coaching.edit_athlete_plan(
            club.engine, club.ann, day, "easy 30min", "x", NOW, athlete_id=club.bo
        )
    assert coaching.plan_changes(club.engine, athlete_id=club.ann) == []
    assert coaching.plan_changes(club.engine, athlete_id=club.bo) == []
    coaching.revoke_coach(club.engine, grant.id, NOW, athlete_id=club.ann)
    nothing_of_ann()
    with pytest.raises(NotFound):  # Bo's own plan is not Ann's
        plans.active_plan(club.engine, athlete_id=club.bo)
