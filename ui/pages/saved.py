"""Saved: the user's saved charts (subgraphs); open, rename, delete."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import subgraphs
from ui.components.messages import error, info, ok
from ui.components.sharing import export_links
from ui.context import UiContext
from ui.pages import Page


def saved_list(uictx: UiContext) -> Any:
    try:
        with uictx.viewer() as (s, viewer):
            rows = subgraphs.list_own(s, viewer)
    except CrosslinkError as exc:
        return error(exc)
    if not rows:
        return info("No saved charts yet: use 'Save chart' on the Explore page.")
    body = []
    for row in rows:
        key = {"id": row["id"]}
        body.append(html.Tr([
            html.Td(dcc.Input(value=row["name"], id={"type": "saved-name", **key},
                              type="text", debounce=True)),
            html.Td(row["description"]), html.Td(f"v{row['version']}"),
            html.Td(str(row["updated_at"])[:16]),
            html.Td([dcc.Link("Open", href=f"/explore?subgraph={row['id']}",
                              className="button", id=f"open-saved-{row['id']}"),
                     html.Button("Rename", id={"type": "saved-rename", **key}, n_clicks=0),
                     html.Button("Delete", id={"type": "saved-delete", **key}, n_clicks=0,
                                 className="danger"),
                     export_links(row["id"])]),
        ]))
    head = html.Thead(html.Tr([html.Th(h) for h in
                               ("name", "description", "version", "updated", "")]))
    return html.Table([head, html.Tbody(body)], className="data", id="saved-table")


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([html.H2("Saved charts"), html.Div(id="saved-message"),
                     html.Div(saved_list(uictx), id="saved-list")])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("saved-message", "children"), Output("saved-list", "children"),
                  Input({"type": "saved-rename", "id": ALL}, "n_clicks"),
                  Input({"type": "saved-delete", "id": ALL}, "n_clicks"),
                  State({"type": "saved-name", "id": ALL}, "value"),
                  State({"type": "saved-name", "id": ALL}, "id"),
                  prevent_initial_call=True)
    def change(renames: list[int], deletes: list[int], names: list[str],
               name_ids: list[dict[str, int]]) -> tuple[Any, Any]:
        button = ctx.triggered_id
        if not button or not any((renames or []) + (deletes or [])):
            return dash.no_update, dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                if button["type"] == "saved-delete":
                    subgraphs.delete(s, viewer, button["id"])
                    message = ok(f"deleted saved chart #{button['id']}")
                else:
                    name = next(n for n, i in zip(names, name_ids, strict=True)
                                if i["id"] == button["id"])
                    if not name or not name.strip():
                        return error("A saved chart needs a name."), dash.no_update
                    subgraphs.update(s, viewer, button["id"], name=name.strip())
                    message = ok(f"renamed to {name.strip()!r}")
        except CrosslinkError as exc:
            return error(exc), dash.no_update
        return message, saved_list(uictx)


PAGE = Page("/saved", "Saved", Permission.read_graph, page_layout, register)
