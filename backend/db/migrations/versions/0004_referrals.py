"""Referrals of cases between authorities (labour inspectorate -> police, ...).

Revision ID: 0004_referrals
Revises: 0003_alerts
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_referrals"
down_revision: str | Sequence[str] | None = "0003_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_uid", sa.String(length=300), nullable=False),
        sa.Column("from_authority", sa.String(length=64), nullable=False),
        sa.Column("to_authority", sa.String(length=64), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("remedy", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("proposed_by", sa.String(length=80), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("declined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["to_authority"], ["authorities.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("case_uid", "from_authority", "to_authority", "status"):
        op.create_index(f"ix_referrals_{column}", "referrals", [column])


def downgrade() -> None:
    for column in ("case_uid", "from_authority", "to_authority", "status"):
        op.drop_index(f"ix_referrals_{column}", table_name="referrals")
    op.drop_table("referrals")
