"""The pieces of a saved chart's panel on the Saved page: sharing form, versions and what
changed, what's new around it, comment thread, export links. Plain builders from the
services' dicts; the callbacks live in ``ui.pages.saved``.

Export links are downloads served by the API (``GET /api/subgraphs/{id}/export``, the session
cookie authenticates them), with the redaction rules of docs/sharing.md.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from backend.sharing.exports import ExportFormat
from ui.components.links import explore_href
from ui.components.messages import info
from ui.components.tables import app_time, table

LABELS = {ExportFormat.bundle: "Signed bundle", ExportFormat.ftm: "FtM JSON lines",
          ExportFormat.graphml: "GraphML", ExportFormat.gexf: "GEXF",
          ExportFormat.csv: "CSV (zip)"}
SHOWN = 15  # rows of a node table in the panel; the exports hold them all
VISIBILITY = {"private": "Private (only me)", "team": "My teams",
              "instance": "Everyone on this instance"}


def export_url(subgraph_id: int, fmt: ExportFormat, recipient: str | None = None) -> str:
    query = {"format": fmt.value, **({"to": recipient} if recipient else {})}
    return f"/api/subgraphs/{subgraph_id}/export?{urlencode(query)}"


def export_links(subgraph_id: int, recipient: str | None = None) -> html.Span:
    """One download link per format (TLP:RED left out, protected persons pseudonymised)."""
    return html.Span(
        ["Export: "] + [html.A(LABELS[fmt], href=export_url(subgraph_id, fmt, recipient),
                               download="", className="button",
                               id=f"export-{fmt.value}-{subgraph_id}")
                        for fmt in ExportFormat],
        className="export-links", title="TLP:RED never leaves; protected persons are "
        "pseudonymised; AMBER+STRICT only in an export addressed to a partner organisation")


def export_section(subgraph_id: int, recipients: list[str]) -> html.Div:
    options = [{"label": "no recipient (AMBER+STRICT stays home)", "value": ""}] + [
        {"label": org, "value": org} for org in recipients]
    return html.Div([
        html.H4("Export"),
        html.Label(["Recipient organisation ",
                    dcc.Dropdown(id="saved-export-to", options=options, value="",
                                 clearable=False, style={"width": "340px"})]),
        html.Div(export_links(subgraph_id), id="saved-export-links", className="buttons"),
        html.P("TLP:RED never leaves; AMBER+STRICT only to the named partner; protected "
               "persons are pseudonymised (crosslink export --include-protected --reason "
               "to include them).", className="muted"),
    ])


def sharing_section(chart: dict[str, Any], my_teams: list[dict[str, Any]]) -> html.Div:
    if not chart["mine"]:
        names = ", ".join(chart["team_names"]) or "-"
        return html.Div([html.H4("Sharing"), html.P(
            f"Owned by {chart['owner']}; shared: {VISIBILITY[chart['visibility']]}"
            + (f" ({names})" if chart["visibility"] == "team" else ""))])
    return html.Div([
        html.H4("Sharing"),
        dcc.RadioItems(id="saved-share-visibility", value=chart["visibility"], inline=True,
                       options=[{"label": v, "value": k} for k, v in VISIBILITY.items()]),
        dcc.Dropdown(id="saved-share-teams", multi=True, value=chart["teams"],
                     placeholder="teams (for 'My teams')", style={"width": "420px"},
                     options=[{"label": t["name"], "value": t["id"]} for t in my_teams]),
        html.Button("Apply sharing", id="saved-share-apply", n_clicks=0, className="primary"),
        html.Div(id="saved-share-message"),
    ])


def versions_section(subgraph_id: int, versions: list[dict[str, Any]]) -> html.Div:
    numbers = [{"label": f"v{v['version']}", "value": v["version"]} for v in versions]
    opens = [dcc.Link("Open as it was", id=f"saved-open-v{v['version']}",
                      href=explore_href(subgraph=subgraph_id, version=v["version"]))
             for v in versions]
    rows = [{"version": f"v{v['version']}", "name": v["name"], "nodes": v["nodes"],
             "saved_at": app_time(v["saved_at"])} for v in versions]
    last = versions[-1]["version"] if versions else None
    first = versions[-2]["version"] if len(versions) > 1 else last
    return html.Div([
        html.H4("Versions"),
        table(rows, ["version", "name", "nodes", "saved_at"], table_id="saved-versions",
              extra=opens),
        html.Div([
            "Compare ", dcc.Dropdown(id="saved-diff-from", options=numbers, value=first,
                                     clearable=False, style={"width": "90px"}),
            " with ", dcc.Dropdown(id="saved-diff-to", options=numbers, value=last,
                                   clearable=False, style={"width": "90px"}),
            html.Button("What changed", id="saved-compare", n_clicks=0),
        ], className="buttons"),
        html.Div(id="saved-diff"),
        html.H4("What's new around it"),
        html.Div([
            "Since ", dcc.Dropdown(id="saved-added-version", options=numbers, value=last,
                                   clearable=False, style={"width": "90px"}),
            html.Button("Show new links and cases", id="saved-added-run", n_clicks=0),
        ], className="buttons"),
        html.Div(id="saved-added"),
    ])


def diff_view(diff: dict[str, Any]) -> html.Div:
    """What changed between two versions, in words."""
    parts = [("nodes added", diff["nodes_added"]), ("nodes removed", diff["nodes_removed"]),
             ("links added", diff["relationships_added"]),
             ("links removed", diff["relationships_removed"]), ("moved", diff["moved"]),
             ("notes changed", diff["notes_changed"])]
    items = [html.Li([html.B(f"{len(ids)} {what}: "), ", ".join(ids[:12])
                      + (" …" if len(ids) > 12 else "")]) for what, ids in parts if ids]
    if diff["renamed"]:
        items.append(html.Li(html.B("renamed")))
    if diff["description_changed"]:
        items.append(html.Li(html.B("description changed")))
    title = f"From v{diff['from']} to v{diff['to']}:"
    if not items:
        return html.Div([title, " nothing changed."], id="saved-diff-summary")
    return html.Div([title, html.Ul(items)], id="saved-diff-summary")


def added_view(added: dict[str, Any], subgraph_id: int, version: int) -> html.Div:
    """New neighbours of the chart's nodes in the live graph, new cases first, and a link
    that opens the chart with them."""
    links, cases = added["relationships"], added["cases"]
    summary = html.P(f"{len(links)} new links to {len(added['nodes'])} nodes outside the "
                     f"chart, {len(cases)} new cases", id="saved-added-summary")
    rows = [{"label": n["label"], "caption": n["caption"], "id": n["id"],
             "source": n.get("provenance", {}).get("source"),
             "tlp": n.get("provenance", {}).get("tlp")}
            for n in sorted(added["nodes"], key=lambda n: (n["label"] != "Case", n["id"]))]
    if not rows:
        return html.Div([summary, info("Nothing new around this chart.")])
    more = (html.P(f"… and {len(rows) - SHOWN} more", className="muted")
            if len(rows) > SHOWN else None)
    return html.Div([
        summary,
        dcc.Link("Open the chart with them", className="button", id="saved-added-open",
                 href=explore_href(subgraph=subgraph_id, new_since=version),
                 title="This version of the chart and what is new around it, highlighted"),
        table(rows[:SHOWN], ["label", "caption", "id", "source", "tlp"]), more])


def shared_elements_section(view: dict[str, Any]) -> html.Div:
    """The chart's elements as this viewer may see them in the live graph."""
    rows = [{"label": n["label"], "caption": n["caption"],
             "source": n.get("provenance", {}).get("source"),
             "tlp": n.get("provenance", {}).get("tlp")} for n in view["nodes"]]
    more = (html.P(f"… and {len(rows) - SHOWN} more", className="muted")
            if len(rows) > SHOWN else None)
    return html.Div([
        html.H4(f"Its elements now ({len(view['nodes'])} nodes, "
                f"{len(view['relationships'])} links you may see)"),
        table(rows[:SHOWN], ["label", "caption", "source", "tlp"],
              table_id="saved-shared-nodes"), more,
    ])


def comments_view(thread: list[dict[str, Any]]) -> Any:
    if not thread:
        return info("No comments yet.")
    return html.Ul([html.Li([html.B(c["author"]), f" ({app_time(c['created_at'])}): ",
                             c["body"]]) for c in thread], className="comments")


def comments_section(thread: list[dict[str, Any]]) -> html.Div:
    return html.Div([
        html.H4("Comments"),
        html.Div(comments_view(thread), id="saved-comments"),
        dcc.Textarea(id="saved-comment-text", placeholder="Write to everyone who sees this "
                     "chart", style={"width": "100%", "height": "60px"}),
        html.Button("Add comment", id="saved-comment-add", n_clicks=0),
        html.Div(id="saved-comment-message"),
    ])
