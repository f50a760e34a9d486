"""Ingest: upload template files or files in a source's own layout, choose the source and
grading, see the validation report and the load summary. A file in its own layout gets a
mapping (the source's kept one, else a suggestion), shown with its first rows as they would
load; the person corrects it, previews again, and loads (keeping it for the source)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import dash
from dash import ALL, MATCH, Dash, Input, Output, State, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import ingest
from graph.model import MODEL
from ingest.grading import CREDIBILITY_MEANING, RELIABILITY_MEANING
from ingest.mapping.store import MappingStore
from ingest.standards.files import STANDARDS
from ingest.templates import TEMPLATES
from ui.components.ftm_upload import import_ftm_uploads, split_ftm
from ui.components.messages import error, info, ok, warning
from ui.components.tables import nowrap, table
from ui.context import UiContext
from ui.pages import Page

SHOWN_ERRORS = 200


def _grades(meaning: dict[str, str]) -> list[dict[str, str]]:
    return [{"label": f"{grade}: {text}", "value": grade} for grade, text in meaning.items()]


def _templates() -> html.Details:
    """Every template: a blank file to fill in, and its columns (required ones in bold; the
    pointer shows what a column holds and its allowed values)."""
    rows = []
    for t in TEMPLATES.templates.values():
        columns = []
        for i, col in enumerate(t.columns):
            hint = col.doc + (f" ({', '.join(col.choices)})" if col.choices and
                              ", ".join(col.choices) not in col.doc else "")
            name = html.B(col.name) if col.required else col.name
            columns.append(html.Span([", " if i else "", html.Span(name, title=hint)]))
        rows.append(html.Tr([
            html.Td(html.A(f"{t.name}.csv", href=f"/api/ingest/templates/{t.name}.csv",
                           download=f"{t.name}.csv", className="nowrap")),
            html.Td(t.label or "relationships"), html.Td(columns)]))
    grading = ", ".join(c.name for c in TEMPLATES.grading_columns)
    return html.Details([
        html.Summary("Templates: blank files to fill in, and their columns"),
        html.Table([html.Thead(html.Tr([html.Th("blank file"), html.Th("a row becomes"),
                                        html.Th("columns (required in bold)")])),
                    html.Tbody(rows)], className="data", id="ingest-templates"),
        html.P(f"Every template also takes the optional columns {grading}: a value there wins "
               "over the choices below. Files of one upload load in the order above.",
               className="muted"),
    ], className="panel")


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([
        html.H2("Ingest"),
        html.P("Upload CSV or XLSX files named after their template (persons.csv, cases.csv, "
               "...), with the template's header row, files in your source's own layout (its "
               "column names, dates, yes/no words): each gets a mapping to check and correct, "
               "with its first rows as they would load; or FollowTheMoney entities (JSON "
               "lines, e.g. an Aleph or OpenSanctions export).", className="muted"),
        _templates(),
        html.Label(["Layout of the files ", dcc.Dropdown(
            id="ingest-standard", clearable=False, value="templates",
            options=[{"label": "Crosslink templates (files named after their template)",
                      "value": "templates"},
                     *({"label": f"{label} (IOM data standard)", "value": name}
                       for name, label in STANDARDS.items())])], className="filters"),
        dcc.Upload(id="ingest-files", multiple=True, className="upload",
                   children=html.Div(["Drop files here or ", html.A("choose files")])),
        html.Div(id="ingest-chosen", className="muted"),
        dcc.Loading(html.Div(id="ingest-mappings"), type="circle"),
        html.Div([
            html.Label(["Source id ", dcc.Input(id="ingest-source", type="text",
                                                list="ingest-own-sources",
                                                placeholder="e.g. gt-pnc")]),
            html.Datalist(id="ingest-own-sources", children=[
                html.Option(value=source) for source in sorted(viewer.scope(uictx.graph).sources)]),
            html.Label(["Source name (new sources) ", dcc.Input(
                id="ingest-source-name", type="text", placeholder="e.g. Policía Nacional Civil")]),
            html.Label(["Kind ", dcc.Dropdown(
                id="ingest-source-kind", options=list(MODEL.enums["authority_kind"]),
                placeholder="police, ngo, ...")]),
            html.Label(["Country (ISO, e.g. GT) ", dcc.Input(
                id="ingest-source-country", type="text", maxLength=2,
                placeholder="phones' default region")]),
        ], className="filters"),
        html.Div([
            html.Label(["Reliability of the source ", dcc.Dropdown(
                id="ingest-reliability", options=_grades(RELIABILITY_MEANING), value="F",
                clearable=False)]),
            html.Label(["Credibility of the information ", dcc.Dropdown(
                id="ingest-credibility", options=_grades(CREDIBILITY_MEANING), value="6",
                clearable=False)]),
            html.Label(["TLP ", dcc.Dropdown(id="ingest-tlp", options=list(MODEL.enums["tlp"]),
                                             value="AMBER", clearable=False)]),
            dcc.Checklist(id="ingest-strict", options=[{
                "label": " Strict: load nothing if any row is rejected", "value": "strict"}],
                value=[]),
            dcc.Checklist(id="ingest-keep-mappings", options=[{
                "label": " Keep the mappings for this source (its next files need none)",
                "value": "keep"}], value=["keep"]),
        ], className="filters"),
        html.Button("Validate and load", id="ingest-run", n_clicks=0, className="primary"),
        dcc.Loading(html.Div(id="ingest-report"), type="circle"),
        html.H3("Your last uploads"),
        html.Div(history(uictx), id="ingest-history"),
    ])


def history(uictx: UiContext) -> Any:
    """The viewer's last uploads (from the audit log), newest first; the batch id is on every
    node and relationship an upload wrote."""
    with uictx.viewer() as (s, viewer):
        rows = ingest.my_uploads(s, viewer)
    if not rows:
        return html.P("none yet", className="muted")
    return table(rows, table_id="ingest-history-table",
                 formats={"at": nowrap, "batch_id": nowrap})


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Files by the name they were uploaded under, not the server's temporary path."""
    return [{**row, **{k: Path(str(row[k])).name for k in ("path", "file") if row.get(k)}}
            for row in rows]


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def report_view(report: dict[str, Any]) -> html.Div:
    loaded, rejected = report["rows_loaded"], report["rows_rejected"]
    warnings = report.get("warnings", [])
    dropped = f", {len(warnings)} value{'s' if len(warnings) != 1 else ''} dropped" \
        if warnings else ""
    summary = (f"{_rows(loaded)} loaded, {rejected} rejected{dropped} "
               f"(batch {report['batch_id']}, source {report['source']})")
    if report.get("strict") and rejected:
        summary = (f"Strict: nothing loaded, because {_rows(rejected)} "
                   f"{'is' if rejected == 1 else 'are'} rejected; correct "
                   f"{'it' if rejected == 1 else 'them'}, or load without Strict to skip "
                   f"{'it' if rejected == 1 else 'them'}")
    shown = error if not report["ok"] else warning if warnings else ok
    parts: list[Any] = [shown(summary),
                        html.H4("Files"),
                        table(_named(report["files"]), table_id="ingest-files-table")]
    problems = [*report["errors"], *warnings]  # errors cost rows, warnings one value each
    if problems:
        parts += [html.H4(f"Errors ({len(report['errors'])}) and warnings ({len(warnings)})"),
                  table(_named(problems[:SHOWN_ERRORS]), table_id="ingest-errors")]
    return html.Div(parts, id="ingest-summary")


def _decoded(names: list[str] | None, contents: list[str] | None) -> list[ingest.Upload]:
    return [ingest.Upload(name, base64.b64decode(content.partition(",")[2]))
            for name, content in zip(names or [], contents or [], strict=True)]


def preview_view(proposal: dict[str, Any]) -> list[Any]:
    """The rows of a file as they would load through its mapping, or why they cannot."""
    if proposal["problem"]:
        return [error(proposal["problem"])]
    rows = proposal["rows"]
    bad = sum(1 for r in rows if r["problems"])
    summary = (warning(f"{bad} of the first {len(rows)} rows would not load as they are: "
                       "correct the mapping (or the file)") if bad else
               ok(f"the first {len(rows)} rows load as shown"))
    return [summary, table(rows, formats={"line": nowrap})]


def mapping_view(proposal: dict[str, Any]) -> html.Div:
    """One file in its own layout: its mapping to edit, and the preview."""
    name = proposal["filename"]
    return html.Div([
        html.H4([f"{name}: mapping ", html.Span(f"({proposal['origin']})",
                                                className="muted")]),
        dcc.Textarea(id={"type": "ingest-mapping-text", "file": name}, value=proposal["text"],
                     className="mapping", spellCheck=False),
        html.Button("Preview with this mapping", n_clicks=0,
                    id={"type": "ingest-mapping-preview", "file": name}),
        html.Div(preview_view(proposal), id={"type": "ingest-mapping-rows", "file": name},
                 className="mapping-preview"),
    ], className="panel mapping-file")


def register(app: Dash, uictx: UiContext) -> None:
    store = MappingStore(uictx.settings.mapping_root)

    @app.callback(Output("ingest-mappings", "children"), Input("ingest-files", "contents"),
                  State("ingest-files", "filename"), State("ingest-source", "value"),
                  prevent_initial_call=True)
    def propose(contents: list[str] | None, names: list[str] | None,
                source: str | None) -> Any:
        own = [u for u in _decoded(names, contents) if u.own_layout]
        if not own:
            return []
        views: list[Any] = [html.P(
            "These files are not named after a template: each loads through the mapping "
            "below (YAML: which template it feeds, which of its columns makes each template "
            "column, value maps, the date order). Correct it and preview again before "
            "loading.", className="muted")]
        try:
            with uictx.viewer() as (_, viewer):
                for item in own:
                    proposal = ingest.propose_mapping(viewer, store, item,
                                                      (source or "").strip() or None)
                    views.append(mapping_view(proposal.to_dict()))
        except CrosslinkError as exc:
            return error(exc)
        return views

    @app.callback(Output({"type": "ingest-mapping-rows", "file": MATCH}, "children"),
                  Input({"type": "ingest-mapping-preview", "file": MATCH}, "n_clicks"),
                  State({"type": "ingest-mapping-text", "file": MATCH}, "value"),
                  State({"type": "ingest-mapping-text", "file": MATCH}, "id"),
                  State("ingest-files", "contents"), State("ingest-files", "filename"),
                  prevent_initial_call=True)
    def preview(_: int, text: str | None, ident: dict[str, str], contents: list[str] | None,
                names: list[str] | None) -> Any:
        item = next((u for u in _decoded(names, contents) if u.name == ident["file"]), None)
        if item is None:
            return error(f"{ident['file']} is no longer chosen: choose it again")
        try:
            with uictx.viewer() as (_session, viewer):
                proposal = ingest.preview_mapping(viewer, item, text or "")
        except CrosslinkError as exc:
            return error(exc)
        return preview_view(proposal.to_dict())

    @app.callback(Output("ingest-chosen", "children"), Input("ingest-files", "filename"))
    def chosen(names: list[str] | None) -> str:
        return f"chosen: {', '.join(names)}" if names else "no file chosen"

    @app.callback(Output("ingest-report", "children"), Output("ingest-history", "children"),
                  Input("ingest-run", "n_clicks"),
                  State("ingest-files", "contents"), State("ingest-files", "filename"),
                  State("ingest-source", "value"), State("ingest-reliability", "value"),
                  State("ingest-credibility", "value"), State("ingest-tlp", "value"),
                  State("ingest-source-name", "value"), State("ingest-source-kind", "value"),
                  State("ingest-source-country", "value"), State("ingest-strict", "value"),
                  State("ingest-standard", "value"),
                  State({"type": "ingest-mapping-text", "file": ALL}, "value"),
                  State({"type": "ingest-mapping-text", "file": ALL}, "id"),
                  State("ingest-keep-mappings", "value"),
                  prevent_initial_call=True)
    def load(_: int, contents: list[str] | None, names: list[str] | None,
             source: str | None, reliability: str, credibility: str, tlp: str,
             source_name: str | None, source_kind: str | None, source_country: str | None,
             strict: list[str] | None, standard: str | None, texts: list[str | None],
             idents: list[dict[str, str]], keep: list[str] | None) -> tuple[Any, Any]:
        if not contents or not names:
            return error("Choose one or more files first."), dash.no_update
        if not source or not source.strip():
            return (error("Name the source of the files (Source id), e.g. gt-pnc."),
                    dash.no_update)
        uploads = _decoded(names, contents)
        ftm_views, uploads = _ftm_branch(uictx, uploads, source.strip(), reliability,
                                         credibility, tlp)
        if not uploads:
            return html.Div(ftm_views, id="ingest-summary"), history(uictx)
        chosen = {u.name for u in uploads}
        mappings = {i["file"]: text for i, text in zip(idents, texts, strict=True)
                    if i["file"] in chosen and text and text.strip()}
        try:
            with uictx.viewer() as (s, viewer):
                scope = viewer.scope(uictx.graph)
                report = ingest.upload(
                    uictx.graph, s, viewer, uploads, source=source.strip(),
                    reliability=reliability, credibility=credibility, tlp=tlp,
                    source_name=(source_name or "").strip() or None,
                    source_kind=source_kind or None,
                    source_country=(source_country or "").strip() or None,
                    strict=bool(strict),
                    standard=None if standard in (None, "templates") else standard,
                    mappings=mappings, store=store, keep_mappings=bool(keep))
        except CrosslinkError as exc:
            return error(exc), history(uictx)
        view = report_view(report)
        if report.get("note"):
            view.children.insert(1, info(report["note"]))
        view.children[:0] = ftm_views
        if report["rows_loaded"] and not scope.see_all and report["source"] not in scope.sources:
            view.children.insert(1, warning(
                f"{report['source']} is not a source of {scope.authority}: you see its records "
                f"only where they are tied to {scope.authority}'s cases (or to cases shared "
                f"with your teams). An administrator can add it to {scope.authority}'s "
                "sources on the People page."))
        return view, history(uictx)


def _ftm_branch(uictx: UiContext, uploads: list[ingest.Upload], source: str,
                reliability: str, credibility: str, tlp: str) -> tuple[list[Any],
                                                                 list[ingest.Upload]]:
    """FollowTheMoney files of the upload imported (``ui.components.ftm_upload``): their
    reports, and the template files left for the ingest."""
    ftm_files, rest = split_ftm(uploads)
    if not ftm_files:
        return [], rest
    grading = {"reliability": reliability, "credibility": credibility, "tlp": tlp}
    return import_ftm_uploads(uictx, ftm_files, source=source, grading=grading), rest


PAGE = Page("/ingest", "Ingest", Permission.upload, page_layout, register)
