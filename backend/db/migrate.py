"""Applying the Alembic migrations of ``backend/db/migrations`` (at serve start, in tests, CLI)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from backend.db.engine import AppDB

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(db: AppDB, revision: str = "head") -> None:
    """Bring the database to ``revision``; idempotent. Creates the SQLite file's folder."""
    if db.url.startswith("sqlite:///"):
        Path(db.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with db.engine.begin() as connection:
        config = alembic_config(db.url)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_tables(db: AppDB) -> list[str]:
    return sorted(inspect(db.engine).get_table_names())
