"""The workbench's pages. Each module defines ``PAGE`` (path, title, permission, layout)
and ``register(app, ctx)`` for its callbacks; ``ui.pages.registry`` lists them in navigation
order and ``ui.app`` routes between them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    # a count shown by the page's link in the header (open alerts), when it is not zero
    badge: Callable[[UiContext, Viewer], int] | None = None
