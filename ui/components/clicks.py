"""Telling a click from a redraw in callbacks of pattern-matching buttons (a row's "remove",
"delete", "accept"): when the rows are drawn again, Dash fires the callback with every new
button's ``n_clicks`` still empty."""

from __future__ import annotations

from collections.abc import Sequence

from dash import ctx


def only_redrawn(*click_lists: Sequence[int | None] | None) -> bool:
    """True when the callback fired for no click: nothing triggered it, or a pattern-matching
    button did while none of ``click_lists`` has been clicked."""
    trigger = ctx.triggered_id
    if trigger is None:
        return True
    return isinstance(trigger, dict) and not any(any(clicks or []) for clicks in click_lists)
