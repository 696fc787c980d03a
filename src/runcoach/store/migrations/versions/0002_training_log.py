"""training log: runs, laps, best efforts, streams, source files, shoes

Revision ID: 0002_training_log
Revises: 0001_athletes
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_training_log"
down_revision = "0001_athletes"
branch_labels = None
depends_on = None


def _athlete_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "athlete_id",
        sa.Integer,
        sa.ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
    )


def _run_fk(primary: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=primary
    )


def _floats(*names: str) -> list[sa.Column]:  # type: ignore[type-arg]
    return [sa.Column(name, sa.Float, nullable=True) for name in names]


def upgrade() -> None:
    _create_shoes()
    _create_runs()
    _create_run_details()
    _create_source_files()


def _create_shoes() -> None:
    op.create_table(
        "shoes",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("brand", sa.String(200), nullable=True),
        sa.Column("model", sa.String(200), nullable=True),
        sa.Column("added_on", sa.Date, nullable=False),
        sa.Column("retired_on", sa.Date, nullable=True),
        sa.Column("retirement_m", sa.Float, nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.UniqueConstraint("athlete_id", "name", name="uq_shoes_athlete_id_name"),
    )


def _create_runs() -> None:
    no = sa.false()
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("start_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("sport", sa.String(32), nullable=False),
        sa.Column("sub_sport", sa.String(64), nullable=True),
        *_floats("distance_m", "moving_s", "elapsed_s", "ascent_m", "descent_m", "avg_hr"),
        *_floats("max_hr", "avg_cadence_spm", "max_cadence_spm", "avg_power_w", "max_power_w"),
        *_floats("calories"),
        sa.Column("device", sa.String(200), nullable=True),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("workout_type", sa.String(32), nullable=True),
        sa.Column("workout_type_inferred", sa.Boolean, nullable=False, server_default=no),
        sa.Column("workout_type_reason", sa.String(500), nullable=True),
        sa.Column("surface", sa.String(32), nullable=True),
        sa.Column("surface_inferred", sa.Boolean, nullable=False, server_default=no),
        sa.Column("terrain", sa.String(32), nullable=True),
        sa.Column("terrain_inferred", sa.Boolean, nullable=False, server_default=no),
        sa.Column(
            "shoe_id", sa.Integer, sa.ForeignKey("shoes.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("rpe", sa.Integer, nullable=True),
        sa.Column("feel", sa.String(32), nullable=True),
        sa.Column("is_race", sa.Boolean, nullable=False, server_default=no),
        *_floats("race_official_time_s", "race_distance_m"),
        sa.Column("race_name", sa.String(500), nullable=True),
        sa.Column("race_conditions", sa.Text, nullable=True),
        *_floats("race_temperature_c", "race_dew_point_c"),
        *_floats("first_half_s_per_km", "second_half_s_per_km"),
        sa.Column("split_kind", sa.String(16), nullable=True),
        sa.Column("analysis", sa.JSON, nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("fingerprint", sa.String(100), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_runs_athlete_id_start_utc", "runs", ["athlete_id", "start_utc"])
    op.create_index("ix_runs_athlete_id_local_date", "runs", ["athlete_id", "local_date"])
    op.create_index("ix_runs_shoe_id", "runs", ["shoe_id"])


def _create_run_details() -> None:
    op.create_table(
        "laps",
        _run_fk(),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("start_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("elapsed_s", sa.Float, nullable=False),
        *_floats("moving_s", "distance_m", "avg_hr", "max_hr", "avg_cadence_spm"),
        *_floats("avg_power_w", "ascent_m"),
        sa.Column("intensity", sa.String(32), nullable=True),
    )
    op.create_table(
        "best_efforts",
        _run_fk(),
        sa.Column("distance_m", sa.Float, primary_key=True),
        _athlete_fk(),
        sa.Column("elapsed_s", sa.Float, nullable=False),
        sa.Column("start_s", sa.Float, nullable=False),
        sa.Column("start_m", sa.Float, nullable=False),
    )
    op.create_index(
        "ix_best_efforts_athlete_id_distance_m",
        "best_efforts",
        ["athlete_id", "distance_m", "elapsed_s"],
    )
    op.create_table(
        "streams",
        _run_fk(),
        sa.Column("codec", sa.String(32), nullable=False),
        sa.Column("samples", sa.Integer, nullable=False),
        sa.Column("columns", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def _create_source_files() -> None:
    op.create_table(
        "source_files",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.UniqueConstraint("athlete_id", "sha256", name="uq_source_files_athlete_id_sha256"),
    )
    op.create_table(
        "run_sources",
        _run_fk(),
        sa.Column(
            "source_file_id",
            sa.Integer,
            sa.ForeignKey("source_files.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("is_primary", sa.Boolean, nullable=False),
    )
    op.create_index("ix_run_sources_source_file_id", "run_sources", ["source_file_id"])


def downgrade() -> None:
    for name in ("run_sources", "source_files", "streams", "best_efforts", "laps", "runs"):
        op.drop_table(name)
    op.drop_table("shoes")
