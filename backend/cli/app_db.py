"""Opening the app-state database for one CLI command (migrated first)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backend.cli.output import fail
from backend.db.engine import open_app_db
from backend.settings import Settings


@contextmanager
def cli_db(settings: Settings | None = None) -> Iterator[Session]:
    settings = settings or Settings()
    try:
        db = open_app_db(settings)
    except SQLAlchemyError as exc:
        fail(f"cannot open the app database ({settings.sql_url.split('@')[-1]}): {exc}", 2)
    try:
        with db.session() as session:
            yield session
    finally:
        db.close()
