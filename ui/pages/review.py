"""Review: entity-resolution candidates side by side with their reasons; confirm or reject.
Below them, missing-person reports that may be persons of the graph (victims first)."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import resolution
from ui.components.clicks import only_redrawn
from ui.components.links import explore_href
from ui.components.messages import error, info, ok
from ui.components.tables import MATCHING_ONLY, cell, graded
from ui.context import UiContext
from ui.pages import Page

SHOWN = 50
SKIP = MATCHING_ONLY | {"protected", "batch_id", "ingested_at", "record_id", "uid"}  # noise


def _side(props: dict[str, Any], other: dict[str, Any]) -> html.Table:
    rows = []
    for key in sorted(set(props) | set(other)):
        if key in SKIP:
            continue
        same = cell(props.get(key)) == cell(other.get(key))
        rows.append(html.Tr([html.Th(key), html.Td(graded(key, props.get(key)),
                                                   className="same" if same else "differs")]))
    return html.Table(html.Tbody(rows), className="props")


def _card(pair: dict[str, Any], may_judge: bool) -> html.Div:
    key = {"a": pair["uid_a"], "b": pair["uid_b"]}
    buttons = [
        html.Button("Same entity: confirm", n_clicks=0, className="primary",
                    id={"type": "review-decide", "decision": "confirm", **key}),
        html.Button("Different: reject", n_clicks=0,
                    id={"type": "review-decide", "decision": "reject", **key}),
    ] if may_judge else [html.P("Your role may not judge candidates.", className="muted")]
    score = f"{pair['score']:.2f}" if isinstance(pair.get("score"), float) else "?"
    return html.Div([
        html.H4(f"{pair['label']} · score {score} · {pair['status']}"),
        html.Div([html.Div([html.H5(pair["uid_a"]), _side(pair["a"], pair["b"])]),
                  html.Div([html.H5(pair["uid_b"]), _side(pair["b"], pair["a"])])],
                 className="side-by-side"),
        html.Ul([html.Li(r) for r in pair.get("reasons") or []], className="reasons"),
        dcc.Link("Compare in chart", className="button",
                 title="Both records with their neighbours and the paths between them",
                 href=explore_href(compare=f"{pair['label']}:{pair['uid_a']}",
                                   to=f"{pair['label']}:{pair['uid_b']}")),
        dcc.Input(placeholder="Why (optional, recorded)", type="text", className="why",
                  id={"type": "review-why", **key}),
        html.Div(buttons, className="buttons"),
    ], className="card candidate")


def candidate_cards(uictx: UiContext) -> Any:
    try:
        with uictx.viewer() as (s, viewer):
            pairs = resolution.candidates(uictx.graph, s, viewer, status="candidate",
                                          limit=SHOWN)
            may_judge = viewer.may(Permission.judge)
    except CrosslinkError as exc:
        return error(exc)
    if not pairs:
        return info("No open candidates. Run `crosslink resolve` after loading new data.")
    return [html.P(f"{len(pairs)} open candidates (best first)."),
            *[_card(p, may_judge) for p in pairs]]


def _match_card(match: dict[str, Any], may_judge: bool) -> html.Div:
    key = {"report": match["report_uid"], "person": match["person_uid"]}
    buttons = [
        html.Button("This is the missing person: confirm", n_clicks=0, className="primary",
                    id={"type": "review-match", "decision": "confirm", **key}),
        html.Button("Someone else: reject", n_clicks=0,
                    id={"type": "review-match", "decision": "reject", **key}),
    ] if may_judge else [html.P("Your role may not judge candidates.", className="muted")]
    cases = ", ".join(f"{c['uid']} ({c['authority']})" for c in match["cases"])
    title = (f"Missing-person report · score {match['score']:.2f} · "
             + (f"victim of {cases}" if match["victim"] else "not a victim of any case"))
    return html.Div([
        html.H4(title),
        html.Div([html.Div([html.H5(match["report_uid"]),
                            _side(match["report"], match["person"])]),
                  html.Div([html.H5(match["person_uid"]),
                            _side(match["person"], match["report"])])],
                 className="side-by-side"),
        html.Ul([html.Li(r) for r in match["reasons"]], className="reasons"),
        dcc.Input(placeholder="Why (optional, recorded)", type="text", className="why",
                  id={"type": "review-match-why", **key}),
        html.Div(buttons, className="buttons"),
    ], className="card candidate missing-person")


def match_cards(uictx: UiContext) -> Any:
    try:
        with uictx.viewer() as (s, viewer):
            matches = resolution.missing_person_candidates(uictx.graph, s, viewer,
                                                           limit=SHOWN)
            may_judge = viewer.may(Permission.judge)
    except CrosslinkError as exc:
        return error(exc)
    if not matches:
        return info("No missing-person report matches a person you may see.")
    return [html.P(f"{len(matches)} possible matches (victims first)."),
            *[_match_card(m, may_judge) for m in matches]]


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([html.H2("Review: possible duplicates"),
                     dcc.Loading(html.Div(id="review-message")),
                     html.Div(candidate_cards(uictx), id="review-list"),
                     html.H3("Missing-person reports: possible matches"),
                     dcc.Loading(html.Div(id="review-match-message")),
                     html.Div(match_cards(uictx), id="review-matches")])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("review-message", "children"), Output("review-list", "children"),
                  Input({"type": "review-decide", "decision": ALL, "a": ALL, "b": ALL},
                        "n_clicks"),
                  State({"type": "review-why", "a": ALL, "b": ALL}, "value"),
                  State({"type": "review-why", "a": ALL, "b": ALL}, "id"),
                  prevent_initial_call=True)
    def decide(clicks: list[int], whys: list[str | None], why_ids: list[dict[str, str]]
               ) -> tuple[Any, Any]:
        button = ctx.triggered_id
        if only_redrawn(clicks):
            return dash.no_update, dash.no_update
        why = next((w for w, i in zip(whys, why_ids, strict=True)
                    if i["a"] == button["a"] and i["b"] == button["b"]), None)
        try:
            with uictx.viewer() as (s, viewer):
                judged = resolution.decide(uictx.graph, s, viewer, button["a"], button["b"],
                                           button["decision"], why or None)
        except CrosslinkError as exc:
            return error(exc), dash.no_update
        return ok(f"{judged['uid_a']} and {judged['uid_b']}: {judged['status']}"), \
            candidate_cards(uictx)


    @app.callback(Output("review-match-message", "children"),
                  Output("review-matches", "children"),
                  Input({"type": "review-match", "decision": ALL, "report": ALL,
                         "person": ALL}, "n_clicks"),
                  State({"type": "review-match-why", "report": ALL, "person": ALL}, "value"),
                  State({"type": "review-match-why", "report": ALL, "person": ALL}, "id"),
                  prevent_initial_call=True)
    def decide_match(clicks: list[int], whys: list[str | None],
                     why_ids: list[dict[str, str]]) -> tuple[Any, Any]:
        button = ctx.triggered_id
        if only_redrawn(clicks):
            return dash.no_update, dash.no_update
        why = next((w for w, i in zip(whys, why_ids, strict=True)
                    if i["report"] == button["report"] and i["person"] == button["person"]),
                   None)
        try:
            with uictx.viewer() as (s, viewer):
                judged = resolution.decide_missing_person(
                    uictx.graph, s, viewer, button["report"], button["person"],
                    button["decision"], why or None)
        except CrosslinkError as exc:
            return error(exc), dash.no_update
        return ok(f"{judged['report_uid']} and {judged['person_uid']}: {judged['status']}"), \
            match_cards(uictx)


PAGE = Page("/review", "Review", Permission.read_graph, page_layout, register)
