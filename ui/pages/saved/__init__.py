"""Saved: the user's saved charts and those shared with them. Open, rename, delete; per chart
(``?id=N`` or its Details button): sharing, versions and what changed, what's new around it,
the comment thread, exports."""

from __future__ import annotations

from backend.auth.roles import Permission
from ui.pages import Page
from ui.pages.saved.callbacks import register
from ui.pages.saved.layout import page_layout

PAGE = Page("/saved", "Saved", Permission.read_graph, page_layout, register)
