"""sharing: privacy (defaults per part, per-run overrides, privacy zones), partners and their
sessions, groups and challenges, comments and kudos, notifications and what each runner
switched off

Revision ID: 0010_sharing
Revises: 0009_samples_trusted
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_sharing"
down_revision = "0009_samples_trusted"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification_settings",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("in_app", sa.Boolean(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_notification_settings_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", "kind", name=op.f("pk_notification_settings")),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=True),
        sa.Column("dedupe_key", sa.String(length=100), nullable=True),
        sa.Column("in_app", sa.Boolean(), nullable=False),
        sa.Column("email_state", sa.String(length=16), nullable=False),
        sa.Column("attachment_name", sa.String(length=200), nullable=True),
        sa.Column("attachment_type", sa.String(length=100), nullable=True),
        sa.Column("attachment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_notifications_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint(
            "athlete_id", "dedupe_key", name="uq_notifications_athlete_id_dedupe_key"
        ),
    )
    op.create_index(
        "ix_notifications_athlete_id_created_at",
        "notifications",
        ["athlete_id", "created_at"],
        unique=False,
    )
    op.create_index("ix_notifications_email_state", "notifications", ["email_state"], unique=False)
    op.create_table(
        "partnerships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inviter_id", sa.Integer(), nullable=False),
        sa.Column("invitee_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invitee_id"],
            ["athletes.id"],
            name=op.f("fk_partnerships_invitee_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inviter_id"],
            ["athletes.id"],
            name=op.f("fk_partnerships_inviter_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnerships")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_partnerships_code_hash")),
    )
    op.create_index("ix_partnerships_invitee_id", "partnerships", ["invitee_id"], unique=False)
    op.create_index("ix_partnerships_inviter_id", "partnerships", ["inviter_id"], unique=False)
    op.create_table(
        "privacy_zones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("radius_m", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_privacy_zones_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_zones")),
    )
    op.create_index("ix_privacy_zones_athlete_id", "privacy_zones", ["athlete_id"], unique=False)
    op.create_table(
        "running_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("goal_distance_m", sa.Float(), nullable=True),
        sa.Column("goal_time_s", sa.Float(), nullable=True),
        sa.Column("goal_date", sa.Date(), nullable=True),
        sa.Column("is_open", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["athletes.id"],
            name=op.f("fk_running_groups_created_by_athletes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_running_groups")),
    )
    op.create_table(
        "sharing_settings",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column(
            "summary_audience", sa.String(length=16), server_default="private", nullable=False
        ),
        sa.Column("map_audience", sa.String(length=16), server_default="private", nullable=False),
        sa.Column(
            "heart_rate_audience", sa.String(length=16), server_default="private", nullable=False
        ),
        sa.Column("trim_m", sa.Float(), server_default="200", nullable=False),
        sa.Column("reminder_time", sa.String(length=5), nullable=True),
        sa.Column("skipped_types", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_sharing_settings_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_sharing_settings")),
    )
    op.create_table(
        "challenges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["athletes.id"],
            name=op.f("fk_challenges_created_by_athletes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["running_groups.id"],
            name=op.f("fk_challenges_group_id_running_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
    )
    op.create_index("ix_challenges_group_id", "challenges", ["group_id"], unique=False)
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_group_members_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["running_groups.id"],
            name=op.f("fk_group_members_group_id_running_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "athlete_id", name=op.f("pk_group_members")),
    )
    op.create_index("ix_group_members_athlete_id", "group_members", ["athlete_id"], unique=False)
    op.create_table(
        "partner_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=True),
        sa.Column("workout_kind", sa.String(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_day", sa.Date(), nullable=True),
        sa.Column("proposed_time", sa.String(length=5), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["athletes.id"],
            name=op.f("fk_partner_sessions_partner_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_partner_sessions_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["athletes.id"],
            name=op.f("fk_partner_sessions_runner_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_sessions")),
    )
    op.create_index(
        "ix_partner_sessions_partner_id", "partner_sessions", ["partner_id"], unique=False
    )
    op.create_index(
        "ix_partner_sessions_runner_id", "partner_sessions", ["runner_id"], unique=False
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["athletes.id"],
            name=op.f("fk_comments_author_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by"],
            ["athletes.id"],
            name=op.f("fk_comments_hidden_by_athletes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_comments_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    op.create_index("ix_comments_run_id", "comments", ["run_id"], unique=False)
    op.create_table(
        "kudos",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_kudos_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_kudos_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "athlete_id", name=op.f("pk_kudos")),
    )
    op.create_table(
        "run_visibility",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=16), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_visibility_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "part", name=op.f("pk_run_visibility")),
    )


def downgrade() -> None:  # indexes go with their tables
    op.drop_table("run_visibility")
    op.drop_table("kudos")
    op.drop_table("comments")
    op.drop_table("partner_sessions")
    op.drop_table("group_members")
    op.drop_table("challenges")
    op.drop_table("sharing_settings")
    op.drop_table("running_groups")
    op.drop_table("privacy_zones")
    op.drop_table("partnerships")
    op.drop_table("notifications")
    op.drop_table("notification_settings")
