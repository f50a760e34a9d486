"""One engine and session factory per process for the app-state database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from backend.db.migrate import upgrade
from backend.settings import Settings

SQLITE_POOL = 40


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on (SQLite has them off), WAL so readers never wait for the audit writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at checkpoints, fast
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # connections kept for every worker thread (the API's thread pool has 40): beyond the
        # default 5 + 10 each request under load opened one and set its pragmas again
        engine = create_engine(url, connect_args={"check_same_thread": False},
                               pool_size=SQLITE_POOL, max_overflow=SQLITE_POOL)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


class AppDB:
    """The app-state database: pass it to whatever needs sessions (API, UI, CLI)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed at the end of the block, rolled back on error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_app_db(settings: Settings, *, migrate: bool = True) -> AppDB:
    """The database of ``Settings.sql_url``, brought up to date with the migrations."""
    db = AppDB(settings.sql_url)
    if migrate:
        upgrade(db.engine)
    return db
