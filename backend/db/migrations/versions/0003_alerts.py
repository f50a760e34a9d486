"""Alerts (deconfliction hits, watches, review reminders), watchlists, victims' risk
assessments and assistance referrals; the contact point of an authority.

Revision ID: 0003_alerts
Revises: 0002_subgraph_sharing
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_alerts"
down_revision: str | Sequence[str] | None = "0002_subgraph_sharing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("authorities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact", sa.String(length=300), nullable=False,
                                      server_default=""))
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("authority_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("dedup_key", sa.String(length=700), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedup_key"),
    )
    for column in ("kind", "authority_id", "user_id", "status"):
        op.create_index(f"ix_alerts_{column}", "alerts", [column])
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "label", "key"),
    )
    op.create_index("ix_watches_user_id", "watches", ["user_id"])
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_uid", sa.String(length=300), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("authority_id", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_risk_assessments_person_uid", "risk_assessments", ["person_uid"])
    op.create_table(
        "assistance_referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_uid", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("referred_to", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("authority_id", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assistance_referrals_person_uid", "assistance_referrals",
                    ["person_uid"])


def downgrade() -> None:
    op.drop_index("ix_assistance_referrals_person_uid", table_name="assistance_referrals")
    op.drop_table("assistance_referrals")
    op.drop_index("ix_risk_assessments_person_uid", table_name="risk_assessments")
    op.drop_table("risk_assessments")
    op.drop_index("ix_watches_user_id", table_name="watches")
    op.drop_table("watches")
    for column in ("kind", "authority_id", "user_id", "status"):
        op.drop_index(f"ix_alerts_{column}", table_name="alerts")
    op.drop_table("alerts")
    with op.batch_alter_table("authorities", schema=None) as batch_op:
        batch_op.drop_column("contact")
