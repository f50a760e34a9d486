"""The Saved page's layout and the parts its callbacks redraw."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import subgraphs, teams
from backend.sharing import subgraph_sharing, subgraph_versions
from backend.sharing.bundle import recipients
from ui.components import sharing
from ui.components.links import explore_href
from ui.components.messages import error, info
from ui.components.tables import app_time, table
from ui.context import UiContext


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
