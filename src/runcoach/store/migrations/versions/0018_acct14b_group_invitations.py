"""group invitations: an admin invites into a group (open or invite-only) by a link, an
account or an email address; a runner asks to join an invite-only group and an admin
approves or declines; the outbox of invitations emailed to an address without an account

Revision ID: 0018_acct14b_group_invitations
Revises: 0017_acct14a_referee
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_acct14b_group_invitations"
down_revision = "0017_acct14a_referee"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "group_id",
            sa.Integer,
            sa.ForeignKey("running_groups.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code_hash", sa.String(64), nullable=True, unique=True),  # None once used
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column(
            "invitee_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "invited_by",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "accepted_by",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_group_invitations_group_id", "group_invitations", ["group_id"])
    op.create_table(
        "group_join_requests",
        sa.Column(
            "group_id",
            sa.Integer,
            sa.ForeignKey("running_groups.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )

    op.create_table(
        "invitation_emails",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("link", sa.String(1000), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_invitation_emails_state", "invitation_emails", ["state"])


def downgrade() -> None:
    op.drop_index("ix_invitation_emails_state", table_name="invitation_emails")
    op.drop_table("invitation_emails")
    op.drop_table("group_join_requests")
    op.drop_index("ix_group_invitations_group_id", table_name="group_invitations")
    op.drop_table("group_invitations")
