"""Sharing saved subgraphs: visibility (private, team, instance), shares with teams, comments.

Revision ID: 0002_subgraph_sharing
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_subgraph_sharing"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("saved_subgraphs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visibility", sa.String(length=10), nullable=False,
                                      server_default="private"))
    op.create_table(
        "subgraph_shares",
        sa.Column("subgraph_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("shared_by", sa.Integer(), nullable=True),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["subgraph_id"], ["saved_subgraphs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["shared_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("subgraph_id", "team_id"),
    )
    op.create_table(
        "subgraph_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subgraph_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["subgraph_id"], ["saved_subgraphs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_subgraph_comments_subgraph_id", "subgraph_comments", ["subgraph_id"])


def downgrade() -> None:
    op.drop_index("ix_subgraph_comments_subgraph_id", table_name="subgraph_comments")
    op.drop_table("subgraph_comments")
    op.drop_table("subgraph_shares")
    with op.batch_alter_table("saved_subgraphs", schema=None) as batch_op:
        batch_op.drop_column("visibility")
