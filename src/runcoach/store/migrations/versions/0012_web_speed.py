"""web speed: every athlete carries a data version that the database itself raises on every
write to what the pages show (runs, plans, check-ins, today's answers, shoes, the athlete's
settings), so that a page computed for one version can be kept and served again until the
next write, in any process

Revision ID: 0012_web_speed
Revises: 0010_sharing
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_web_speed"
down_revision = "0010_sharing"
branch_labels = None
depends_on = None

# The tables whose rows name their athlete. Laps and best efforts are written only together
# with their run's row (store/runs.py: insert_run, replace_analysis), so the run's trigger
# covers them; run_weeks and run_start_points are derived from runs and samples.
VERSIONED = ("runs", "plans", "checkins", "plan_adjustments", "shoes")
SETTINGS = ("name", "units", "timezone", "max_hr", "resting_hr")  # athletes' own columns
# A version is never used twice, even across a restore into a new store or a store made
# anew at the same address: the next version is the clock in microseconds when that is more
# than the last version plus one (clocks that step back still move the version on).
SQLITE_NOW_US = "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)"
SQLITE_NEXT = f"max(data_version + 1, {SQLITE_NOW_US})"
POSTGRES_NOW_US = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
BUMP = f"UPDATE athletes SET data_version = {SQLITE_NEXT} WHERE id = {{row}}.athlete_id"


def upgrade() -> None:
    op.add_column(
        "athletes",
        sa.Column("data_version", sa.BigInteger, nullable=False, server_default="0"),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _sqlite_triggers() -> None:
    for table in VERSIONED:
        op.execute(
            f"CREATE TRIGGER {table}_version_insert AFTER INSERT ON {table} "
            f"BEGIN {BUMP.format(row='NEW')}; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_version_update AFTER UPDATE ON {table} "
            f"BEGIN {BUMP.format(row='OLD')}; "
            f"UPDATE athletes SET data_version = {SQLITE_NEXT} "
            f"WHERE id = NEW.athlete_id AND NEW.athlete_id <> OLD.athlete_id; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_version_delete AFTER DELETE ON {table} "
            f"BEGIN {BUMP.format(row='OLD')}; END"
        )
    op.execute(
        f"CREATE TRIGGER athletes_version_settings AFTER UPDATE OF {', '.join(SETTINGS)} "
        f"ON athletes BEGIN {BUMP.format(row='NEW').replace('.athlete_id', '.id')}; END"
    )
    op.execute(
        "CREATE TRIGGER athletes_version_insert AFTER INSERT ON athletes "
        f"BEGIN {BUMP.format(row='NEW').replace('.athlete_id', '.id')}; END"
    )


def _postgresql_triggers() -> None:
    op.execute(
        """
        CREATE FUNCTION runcoach_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE athletes SET data_version = GREATEST(data_version + 1, {now})
                WHERE id = OLD.athlete_id;
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.athlete_id <> OLD.athlete_id) THEN
                UPDATE athletes SET data_version = GREATEST(data_version + 1, {now})
                WHERE id = NEW.athlete_id;
            END IF;
            RETURN NULL;
        END $$
        """.replace("{now}", POSTGRES_NOW_US)
    )
    for table in VERSIONED:
        op.execute(
            f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION runcoach_data_version()"
        )
    op.execute(
        """
        CREATE FUNCTION runcoach_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                NEW.data_version := {now};
            ELSE
                NEW.data_version := GREATEST(OLD.data_version + 1, {now});
            END IF;
            RETURN NEW;
        END $$
        """.replace("{now}", POSTGRES_NOW_US)
    )
    op.execute(
        f"CREATE TRIGGER athletes_version_settings BEFORE UPDATE OF {', '.join(SETTINGS)} "
        "ON athletes FOR EACH ROW EXECUTE FUNCTION runcoach_settings_version()"
    )
    op.execute(
        "CREATE TRIGGER athletes_version_insert BEFORE INSERT ON athletes "
        "FOR EACH ROW EXECUTE FUNCTION runcoach_settings_version()"
    )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in VERSIONED:
        names = [f"{table}_version_{w}" for w in ("insert", "update", "delete")]
        for name in names if sqlite else [f"{table}_version"]:
            op.execute(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else f" ON {table}"))
    for name in ("athletes_version_settings", "athletes_version_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else " ON athletes"))
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS runcoach_data_version()")
        op.execute("DROP FUNCTION IF EXISTS runcoach_settings_version()")
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("data_version")
