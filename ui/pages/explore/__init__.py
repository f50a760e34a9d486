"""Explore: the link chart. ``layout`` builds the page, ``callbacks`` wires it (thin),
``actions`` changes the chart state, ``view`` turns the state into what the browser shows,
``details`` renders the details panel, ``data`` reads the graph for the chart through the
services."""

from __future__ import annotations

from backend.auth.roles import Permission
from ui.pages import Page
from ui.pages.explore.callbacks import register
from ui.pages.explore.layout import page_layout

PAGE = Page("/explore", "Explore", Permission.read_graph, page_layout, register)
