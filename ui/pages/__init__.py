"""The workbench's pages. Each module defines ``PAGE`` (path, title, permission, layout)
and ``register(app, ctx)`` for its callbacks; ``ui.app`` routes between them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dash import Dash

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from ui.context import UiContext

Layout = Callable[[UiContext, Viewer, dict[str, str]], Any]


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    permission: Permission
    layout: Layout
    register: Callable[[Dash, UiContext], None]
    in_nav: bool = True


def explore_href(**params: str | int) -> str:
    """The Explore page opening something (``case=UID``, ``network=ID``, ...), its values
    encoded: a record id may hold ``&``, ``+`` or spaces."""
    return f"/explore?{urlencode(params)}"


def all_pages() -> list[Page]:
    """In navigation order (imported here so each page module stays independent)."""
    from ui.pages import (
        account,
        audit,
        cases,
        explore,
        ingest,
        networks,
        people,
        queries,
        review,
        saved,
        teams,
    )

    return [explore.PAGE, networks.PAGE, cases.PAGE, review.PAGE, queries.PAGE, saved.PAGE,
            teams.PAGE, ingest.PAGE, people.PAGE, audit.PAGE, account.PAGE]
