"""The Saved page's callbacks: each reads what the browser sent, calls a service
with the viewer and redraws its part with the layout's functions."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx

from backend.errors import CrosslinkError
from backend.services import subgraphs, teams
from backend.sharing import subgraph_sharing, subgraph_versions
from ui.components import sharing
from ui.components.clicks import only_redrawn
from ui.components.messages import error, ok
from ui.context import UiContext
from ui.pages.saved.layout import detail_panel, saved_list


def register(app: Dash, uictx: UiContext) -> None:
    """Every callback of the page."""
    register_list(app, uictx)
    register_detail(app, uictx)


def register_list(app: Dash, uictx: UiContext) -> None:
    """Renaming and deleting charts, and which chart the details show."""
    @app.callback(Output("saved-message", "children"), Output("saved-list", "children"),
                  Input({"type": "saved-rename", "id": ALL}, "n_clicks"),
                  Input({"type": "saved-delete", "id": ALL}, "n_clicks"),
                  State({"type": "saved-name", "id": ALL}, "value"),
                  State({"type": "saved-name", "id": ALL}, "id"),
                  prevent_initial_call=True)
    def change(renames: list[int], deletes: list[int], names: list[str],
               name_ids: list[dict[str, int]]) -> tuple[Any, Any]:
        button = ctx.triggered_id
        if only_redrawn(renames, deletes):
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

    @app.callback(Output("saved-selected", "data"),
                  Input({"type": "saved-details", "id": ALL}, "n_clicks"),
                  prevent_initial_call=True)
    def select(clicks: list[int]) -> Any:
        if only_redrawn(clicks):
            return dash.no_update
        return ctx.triggered_id["id"]

    @app.callback(Output("saved-detail", "children"), Input("saved-selected", "data"),
                  prevent_initial_call=True)
    def show(subgraph_id: int | None) -> Any:
        return detail_panel(uictx, subgraph_id) if subgraph_id else None


def register_detail(app: Dash, uictx: UiContext) -> None:
    """The details panel's sharing, versions, what's new, comments and exports."""
    @app.callback(Output("saved-share-message", "children"),
                  Input("saved-share-apply", "n_clicks"),
                  State("saved-share-visibility", "value"), State("saved-share-teams", "value"),
                  State("saved-selected", "data"), prevent_initial_call=True)
    def apply_sharing(clicks: int, visibility: str, team_ids: list[int] | None,
                      subgraph_id: int) -> Any:
        if not clicks:
            return dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                wanted = team_ids if visibility == "team" else []
                done = subgraph_sharing.share(s, viewer, subgraph_id, visibility, wanted)
                names = {t["id"]: t["name"] for t in teams.teams_of(s, viewer.user_id)}
        except CrosslinkError as exc:
            return error(exc)
        if done["visibility"] == "team":
            return ok("shared with team(s) " + ", ".join(str(names.get(t, t))
                                                          for t in done["teams"]))
        return ok(f"now {sharing.VISIBILITY[done['visibility']].lower()}")

    @app.callback(Output("saved-diff", "children"), Input("saved-compare", "n_clicks"),
                  State("saved-diff-from", "value"), State("saved-diff-to", "value"),
                  State("saved-selected", "data"), prevent_initial_call=True)
    def compare(clicks: int, old: int, new: int, subgraph_id: int) -> Any:
        if not clicks:
            return dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                return sharing.diff_view(subgraph_versions.compare(s, viewer, subgraph_id,
                                                                   old, new))
        except CrosslinkError as exc:
            return error(exc)

    @app.callback(Output("saved-added", "children"), Input("saved-added-run", "n_clicks"),
                  State("saved-added-version", "value"), State("saved-selected", "data"),
                  prevent_initial_call=True)
    def added(clicks: int, version: int | None, subgraph_id: int) -> Any:
        if not clicks:
            return dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                if version is None:
                    version = subgraph_versions.list_versions(s, viewer, subgraph_id)[-1]["version"]
                return sharing.added_view(subgraph_versions.added_since(
                    uictx.graph, s, viewer, subgraph_id, version), subgraph_id, version)
        except CrosslinkError as exc:
            return error(exc)

    @app.callback(Output("saved-comments", "children"),
                  Output("saved-comment-text", "value"),
                  Output("saved-comment-message", "children"),
                  Input("saved-comment-add", "n_clicks"), State("saved-comment-text", "value"),
                  State("saved-selected", "data"), prevent_initial_call=True)
    def comment(clicks: int, text: str | None, subgraph_id: int) -> tuple[Any, Any, Any]:
        if not clicks:
            return dash.no_update, dash.no_update, dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                subgraph_sharing.add_comment(s, viewer, subgraph_id, text or "")
                thread = subgraph_sharing.comments(s, viewer, subgraph_id)
        except CrosslinkError as exc:
            return dash.no_update, dash.no_update, error(exc)
        return sharing.comments_view(thread), "", ok("comment added")

    @app.callback(Output("saved-export-links", "children"), Input("saved-export-to", "value"),
                  State("saved-selected", "data"), prevent_initial_call=True)
    def addressed(recipient: str | None, subgraph_id: int) -> Any:
        return sharing.export_links(subgraph_id, recipient or None)
