"""Queries: the saved pattern queries (parameters as form fields) and, for analysts, the
Cypher console with their own saved queries (private or shared with a team). Results as a
table and, when they hold nodes, as a chart."""

from __future__ import annotations

from backend.auth.roles import Permission
from ui.pages import Page
from ui.pages.queries.callbacks import register
from ui.pages.queries.layout import page_layout

PAGE = Page("/queries", "Queries", Permission.run_queries, page_layout, register)
