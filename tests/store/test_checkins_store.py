from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import insert

from runcoach.domain.progress.habits import Habits
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.health import CheckIn
from runcoach.services.checkins import record_checkin
from runcoach.store.athletes import default_athlete_id
from runcoach.store.checkins import checkin_on, list_checkins
from runcoach.store.db import alembic_config
from runcoach.store.tables import checkins

DAY = date(2026, 12, 1)


def test_habits_are_kept_with_the_check_in_of_the_day(engine):
    told = Habits(strength=True, warm_up=False, sleep_s=27000.0, weight_kg=70.4, resting_hr=52)
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        record_checkin(conn, athlete, CheckIn(DAY, habits=told))
        assert checkin_on(conn, athlete, DAY) == CheckIn(DAY, habits=told)


def test_a_later_check_in_adds_and_overrides_but_never_erases(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        short_night = Habits(strength=True, sleep_s=6 * 3600.0)
        record_checkin(conn, athlete, CheckIn(DAY, Feel.TIRED, habits=short_night))
        record_checkin(conn, athlete, CheckIn(DAY, habits=Habits(ate_well=True, sleep_s=25200.0)))
        record_checkin(conn, athlete, CheckIn(DAY, note="legs ok", habits=Habits(strength=False)))
        kept = checkin_on(conn, athlete, DAY)
    assert kept is not None and kept.feel is Feel.TIRED and kept.note == "legs ok"
    assert kept.habits == Habits(strength=False, ate_well=True, sleep_s=25200.0)


def test_a_second_note_the_same_day_is_added_to_the_first_not_written_over_it(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for note in ("left calf tight", "ate pizza", "ate pizza", ""):
            record_checkin(conn, athlete, CheckIn(DAY, note=note, habits=Habits(ate_well=False)))
        kept = checkin_on(conn, athlete, DAY)
    assert kept is not None and kept.note == "left calf tight; ate pizza"


def test_check_ins_are_listed_between_two_days(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for day in (1, 5, 9):
            record_checkin(conn, athlete, CheckIn(date(2026, 12, day), habits=Habits(True)))
        found = list_checkins(conn, athlete, until=date(2026, 12, 8), since=date(2026, 12, 2))
    assert [c.day for c in found] == [date(2026, 12, 5)]


def test_a_check_in_stored_before_the_habits_migration_survives_it_untouched(engine):
    config = alembic_config(engine)
    command.downgrade(config, "0006_run_weeks")
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        conn.execute(insert(checkins).values(athlete_id=athlete, day=DAY, feel="sick",
                                             symptoms="above-neck", note="cold"))  # fmt: skip
    command.upgrade(config, "head")
    with engine.begin() as conn:
        kept = checkin_on(conn, athlete, DAY)
        assert kept is not None and (kept.feel, kept.note) == (Feel.SICK, "cold")
        assert kept.habits == Habits()
        record_checkin(conn, athlete, CheckIn(DAY, habits=Habits(sleep_s=30000.0)))
        again = checkin_on(conn, athlete, DAY)
    assert again is not None and again.feel is Feel.SICK and again.habits.sleep_s == 30000.0


def test_habits_told_and_told_not_done_survive_a_backup_and_restore(engine, tmp_path):
    from runcoach.services.backup import restore_backup, write_backup
    from runcoach.store.db import make_engine

    told = Habits(strength=False, warm_up=True, sleep_s=25200.0, weight_kg=70.31, resting_hr=49)
    with engine.begin() as conn:
        record_checkin(conn, default_athlete_id(conn), CheckIn(DAY, Feel.GOOD, habits=told))
    write_backup(engine, tmp_path / "backup.zip", datetime(2026, 12, 3, 7, tzinfo=UTC))
    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    restore_backup(target, tmp_path / "backup.zip")
    with target.connect() as conn:
        kept = checkin_on(conn, default_athlete_id(conn), DAY)
    assert kept == CheckIn(DAY, Feel.GOOD, habits=told)
