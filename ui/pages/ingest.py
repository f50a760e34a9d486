"""Ingest: upload template files, choose the source and grading, see the validation report
and the load summary."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from dash import Dash, Input, Output, State, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import ingest
from graph.model import MODEL
from ui.components.messages import error, ok
from ui.components.tables import table
from ui.context import UiContext
from ui.pages import Page

SHOWN_ERRORS = 200


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([
        html.H2("Ingest"),
        html.P("Upload CSV or XLSX files named after their template (persons.csv, cases.csv, "
               "...); see the README's Ingest section for every column.", className="muted"),
        dcc.Upload(id="ingest-files", multiple=True, className="upload",
                   children=html.Div(["Drop files here or ", html.A("choose files")])),
        html.Div(id="ingest-chosen", className="muted"),
        html.Div([
            html.Label(["Source id ", dcc.Input(id="ingest-source", type="text",
                                                placeholder="e.g. gt-pnc")]),
            html.Label(["Reliability ", dcc.Dropdown(
                id="ingest-reliability", options=list(MODEL.enums["reliability"]), value="F",
                clearable=False)]),
            html.Label(["Credibility ", dcc.Dropdown(
                id="ingest-credibility", options=list(MODEL.enums["credibility"]), value="6",
                clearable=False)]),
            html.Label(["TLP ", dcc.Dropdown(id="ingest-tlp", options=list(MODEL.enums["tlp"]),
                                             value="AMBER", clearable=False)]),
        ], className="filters"),
        html.Button("Validate and load", id="ingest-run", n_clicks=0, className="primary"),
        dcc.Loading(html.Div(id="ingest-report"), type="circle"),
    ])


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Files by the name they were uploaded under, not the server's temporary path."""
    return [{**row, **{k: Path(str(row[k])).name for k in ("path", "file") if row.get(k)}}
            for row in rows]


def report_view(report: dict[str, Any]) -> html.Div:
    summary = (f"{report['rows_loaded']} rows loaded, {report['rows_rejected']} rejected "
               f"(batch {report['batch_id']}, source {report['source']})")
    parts: list[Any] = [ok(summary) if report["ok"] else error(summary),
                        html.H4("Files"),
                        table(_named(report["files"]), table_id="ingest-files-table")]
    if report["errors"]:
        parts += [html.H4(f"Errors ({len(report['errors'])})"),
                  table(_named(report["errors"][:SHOWN_ERRORS]), table_id="ingest-errors")]
    return html.Div(parts, id="ingest-summary")


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("ingest-chosen", "children"), Input("ingest-files", "filename"))
    def chosen(names: list[str] | None) -> str:
        return f"chosen: {', '.join(names)}" if names else "no file chosen"

    @app.callback(Output("ingest-report", "children"), Input("ingest-run", "n_clicks"),
                  State("ingest-files", "contents"), State("ingest-files", "filename"),
                  State("ingest-source", "value"), State("ingest-reliability", "value"),
                  State("ingest-credibility", "value"), State("ingest-tlp", "value"),
                  prevent_initial_call=True)
    def load(_: int, contents: list[str] | None, names: list[str] | None,
             source: str | None, reliability: str, credibility: str, tlp: str) -> Any:
        if not contents or not names:
            return error("Choose one or more files first.")
        if not source or not source.strip():
            return error("Name the source of the files (Source id), e.g. gt-pnc.")
        uploads = [ingest.Upload(name, base64.b64decode(content.partition(",")[2]))
                   for name, content in zip(names, contents, strict=True)]
        try:
            with uictx.viewer() as (s, viewer):
                report = ingest.upload(uictx.graph, s, viewer, uploads, source=source.strip(),
                                       reliability=reliability, credibility=credibility,
                                       tlp=tlp)
        except CrosslinkError as exc:
            return error(exc)
        return report_view(report)


PAGE = Page("/ingest", "Ingest", Permission.upload, page_layout, register)
