"""What every page's callbacks need: the settings, the graph, the app database, the charts of
open pages, and the logged-in user of the current request (from the API's session cookie)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import flask
from sqlalchemy.orm import Session

from backend.auth.session import SESSION_COOKIE, digest, user_from_cookies
from backend.auth.viewer import Viewer, viewer_for
from backend.db.engine import AppDB
from backend.errors import NotLoggedInError
from backend.settings import Settings
from graph.connection import Graph
from ui.chart.cache import ChartCache, OpenChart


@dataclass(frozen=True)
class UiContext:
    settings: Settings
    graph: Graph
    db: AppDB
    charts: ChartCache

    @contextmanager
    def viewer(self) -> Iterator[tuple[Session, Viewer]]:
        """The request's user as a ``Viewer`` and an app-state session (committed at the
        end); ``NotLoggedInError`` when the session cookie is missing or has expired."""
        with self.db.session() as s:
            user = user_from_cookies(flask.request.cookies, s)
            if user is None:
                raise NotLoggedInError("your session has ended: log in again")
            yield s, viewer_for(s, user, ip=flask.request.remote_addr)

    def current_viewer(self) -> Viewer | None:
        """The request's viewer, or None when not logged in (for layouts)."""
        try:
            with self.viewer() as (_, viewer):
                return viewer
        except NotLoggedInError:
            return None

    def session_owner(self) -> str:
        """Whose charts these are: the SHA-256 of the request's session cookie (known even
        after the session has ended, so logging out can drop them)."""
        return digest(flask.request.cookies.get(SESSION_COOKIE, ""))

    def chart(self, key: str | None) -> OpenChart:
        """The page's chart, for the request's session while it is still logged in."""
        if self.current_viewer() is None:
            raise NotLoggedInError("your session has ended: log in again")
        return self.charts.get(self.session_owner(), key)
