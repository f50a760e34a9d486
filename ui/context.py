"""What every page's callbacks need: the settings, the graph, the app database, and the
logged-in user of the current request (from the API's session cookie)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import flask
from sqlalchemy.orm import Session

from backend.auth.session import user_from_cookies
from backend.auth.viewer import Viewer, viewer_for
from backend.db.engine import AppDB
from backend.errors import NotLoggedInError
from backend.settings import Settings
from graph.connection import Graph


@dataclass(frozen=True)
class UiContext:
    settings: Settings
    graph: Graph
    db: AppDB

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
