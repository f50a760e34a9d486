"""Saved: the user's saved charts and those shared with them. Open, rename, delete; per chart
(``?id=N`` or its Details button): sharing, versions and what changed, what's new around it,
the comment thread, exports."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import subgraphs, teams
from backend.sharing import subgraph_sharing, subgraph_versions
from backend.sharing.bundle import recipients
from ui.components import sharing
from ui.components.clicks import only_redrawn
from ui.components.links import explore_href
from ui.components.messages import error, info, ok
from ui.components.tables import app_time, table
from ui.context import UiContext
from ui.pages import Page


def _details_button(subgraph_id: int) -> html.Button:
    return html.Button("Details", id={"type": "saved-details", "id": subgraph_id},
                       n_clicks=0)


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
                              type="text", debounce=True, className="saved-name")),
            html.Td(row["description"]), html.Td(f"v{row['version']}"),
            html.Td(app_time(row["updated_at"])),
            html.Td([dcc.Link("Open", href=explore_href(subgraph=row["id"]),
                              className="button", id=f"open-saved-{row['id']}"),
                     _details_button(row["id"]),
                     html.Button("Rename", id={"type": "saved-rename", **key}, n_clicks=0),
                     html.Button("Delete", id={"type": "saved-delete", **key}, n_clicks=0,
                                 className="danger")]),
        ]))
    head = html.Thead(html.Tr([html.Th(h) for h in
                               ("name", "description", "version", "updated", "")]))
    return html.Table([head, html.Tbody(body)], className="data", id="saved-table")


def shared_list(uictx: UiContext) -> Any:
    try:
        with uictx.viewer() as (s, viewer):
            rows = subgraph_sharing.shared_with_me(s, viewer)
    except CrosslinkError as exc:
        return error(exc)
    if not rows:
        return info("Nothing shared with you yet.")
    shown = [{**r, "version": f"v{r['version']}", "updated_at": app_time(r["updated_at"])}
             for r in rows]
    return table(shown, ["name", "owner", "visibility", "version", "updated_at"],
                 table_id="saved-shared-table",
                 extra=[_details_button(r["id"]) for r in rows])


def detail_panel(uictx: UiContext, subgraph_id: int) -> Any:
    """Everything about one chart the viewer may see; each part from its service."""
    try:
        with uictx.viewer() as (s, viewer):
            chart = subgraph_sharing.about(s, viewer, subgraph_id)
            my_teams = teams.teams_of(s, viewer.user_id)
            thread = subgraph_sharing.comments(s, viewer, subgraph_id)
            versions = (subgraph_versions.list_versions(s, viewer, subgraph_id)
                        if chart["versions_open"] else None)
            view = (None if chart["mine"]
                    else subgraph_sharing.view(uictx.graph, s, viewer, subgraph_id))
            partners = recipients(uictx.settings) if viewer.may(Permission.export) else None
    except CrosslinkError as exc:
        return error(exc)
    left: list[Any] = [sharing.sharing_section(chart, my_teams)]
    if versions is not None:
        left.append(sharing.versions_section(subgraph_id, versions))
    if view is not None:
        left.append(sharing.shared_elements_section(view))
    right: list[Any] = [sharing.comments_section(thread)]
    if partners is not None:
        right.append(sharing.export_section(subgraph_id, partners))
    return html.Div([
        html.H3(f"{chart['name']} (#{chart['id']}, v{chart['version']}, owner "
                f"{chart['owner']})", id="saved-detail-title"),
        html.P(chart["description"] or "", className="muted"),
        html.Div([html.Div(left), html.Div(right)],
                 style={"display": "grid", "gridTemplateColumns": "3fr 2fr", "gap": "24px"}),
    ], className="panel")


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    chosen = int(query["id"]) if query.get("id", "").isdigit() else None
    return html.Div([
        html.H2("Saved charts"), html.Div(id="saved-message"),
        html.Div(saved_list(uictx), id="saved-list"),
        html.H2("Shared with me"), html.Div(shared_list(uictx), id="saved-shared"),
        dcc.Store(id="saved-selected", data=chosen),
        html.Div(detail_panel(uictx, chosen) if chosen else None, id="saved-detail"),
    ])


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


PAGE = Page("/saved", "Saved", Permission.read_graph, page_layout, register)
