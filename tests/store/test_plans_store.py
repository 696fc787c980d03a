from __future__ import annotations

from datetime import date

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.store.athletes import default_athlete_id
from runcoach.store.plans import add_plan, get_plan, list_plans, log_volume


def _plan():  # type: ignore[no-untyped-def]
    doc = {"goal": {"race": "10k", "date": "2027-02-28"}, "weekly_distance": "30km"}
    return generate(profile_from_dict(doc), date(2026, 11, 22), DANIELS)


def test_a_new_plan_becomes_active_and_archives_the_one_before(engine) -> None:
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        first = add_plan(conn, athlete, _plan())
        second = add_plan(conn, athlete, _plan())
        assert get_plan(conn, athlete).id == second
        statuses = {p.id: p.status for p in list_plans(conn, athlete)}
    assert statuses == {first: "archived", second: "active"}


def test_a_stored_plan_reads_back_equal(engine) -> None:
    plan = _plan()
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        plan_id = add_plan(conn, athlete, plan)
        assert get_plan(conn, athlete, plan_id).plan == plan


def test_without_a_training_log_there_is_no_volume_to_fill_in(engine) -> None:
    with engine.begin() as conn:
        assert log_volume(conn, default_athlete_id(conn), date(2026, 11, 22)) is None
