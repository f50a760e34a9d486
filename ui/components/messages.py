"""Readable messages in the page (errors users can act on, confirmations)."""

from __future__ import annotations

from dash import html

from backend.errors import CrosslinkError


def error(exc: CrosslinkError | str) -> html.Div:
    """An error box: the service's message and the field at fault, never a traceback."""
    if isinstance(exc, str):
        return html.Div(exc, className="msg msg-error", role="alert")
    where = f" (field: {exc.field})" if exc.field else ""
    return html.Div(f"{exc.message}{where}", className="msg msg-error", role="alert")


def ok(text: str) -> html.Div:
    return html.Div(text, className="msg msg-ok", role="status")


def warning(text: str) -> html.Div:
    """Something the user should know about what they asked (it still ran)."""
    return html.Div(text, className="msg msg-warning", role="status")


def info(text: str) -> html.Div:
    return html.Div(text, className="msg msg-info")
