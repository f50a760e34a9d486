"""Applying the Alembic migrations of ``backend/db/migrations`` (at serve start, in tests, CLI).

It works on a SQLAlchemy ``Engine``, not on ``engine.AppDB``, so that ``engine`` may import it
and not the other way round."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; idempotent. Creates the SQLite file's folder."""
    url = engine.url.render_as_string(hide_password=False)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_tables(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
