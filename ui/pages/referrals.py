"""Referrals: cases passed between authorities (labour inspectorate -> police, ...). Three
tables, incoming, outgoing and proposed, with each row's actions; the red-flag rules propose
the cases they flag."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import referrals
from backend.services.referrals import ACCEPTED, DECLINED, PROPOSED, SENT, Box
from ui.components.clicks import only_redrawn
from ui.components.links import explore_href
from ui.components.messages import error, info, ok
from ui.components.tables import indicator_words, nowrap, table
from ui.context import UiContext
from ui.pages import Page

COLUMNS = ["id", "case_uid", "from_authority", "to_authority", "indicators", "remedy",
           "status", "reason", "proposed_at", "sent_at"]
# box -> the actions of a row of it, by the row's status (the service still checks each)
ACTIONS: dict[Box, dict[str, tuple[str, ...]]] = {
    Box.incoming: {SENT: ("accept", "decline"), ACCEPTED: ("close",)},
    Box.outgoing: {SENT: ("close",), ACCEPTED: ("close",), DECLINED: ("close",)},
    Box.proposed: {PROPOSED: ("send", "close")},
}
# the steps a button takes besides decline (which needs its reason); ids come from the browser,
# so only these are looked up
STEPS = {"send": referrals.send, "accept": referrals.accept, "close": referrals.close}
LABELS = {"send": "Send", "accept": "Accept", "decline": "Decline", "close": "Close"}
INTRO = {
    Box.incoming: "Cases other authorities referred to yours. Accepting one lets your "
                  "authority see the case and the records tied to it; declining needs a reason.",
    Box.outgoing: "Your authority's cases sent to others, with their answers.",
    Box.proposed: "Referrals proposed by the red-flag rules or by a person, not sent yet.",
}


def _actions(box: Box, row: dict[str, Any], may_refer: bool) -> Any:
    names = ACTIONS[box].get(row["status"], ()) if may_refer else ()
    buttons: list[Any] = [
        html.Button(LABELS[name], n_clicks=0,
                    className="primary" if name in ("send", "accept") else "",
                    id={"type": "referrals-act", "op": name, "referral": row["id"]})
        for name in names]
    if "decline" in names:
        buttons.insert(1, dcc.Input(placeholder="Why (required to decline)", type="text",
                                    id={"type": "referrals-reason", "referral": row["id"]}))
    return html.Div(buttons, className="buttons")


def _box_table(uictx: UiContext, box: Box) -> Any:
    try:
        with uictx.viewer() as (s, viewer):
            rows = referrals.list_referrals(s, viewer, box)
            may_refer = viewer.may(Permission.refer)
    except CrosslinkError as exc:
        return error(exc)
    if not rows:
        return info(f"No {box.value} referrals.")
    links = {"case_uid": lambda uid: dcc.Link(nowrap(uid), href=explore_href(case=uid)),
             "indicators": indicator_words, "proposed_at": nowrap, "sent_at": nowrap}
    return table(rows, COLUMNS, table_id=f"referrals-{box.value}-table", formats=links,
                 extra=[_actions(box, r, may_refer) for r in rows])


def boxes(uictx: UiContext) -> list[Any]:
    return [html.Div([html.H3(box.value.capitalize()), html.P(INTRO[box], className="muted"),
                      _box_table(uictx, box)], id=f"referrals-{box.value}", className="card")
            for box in Box]


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    may_refer = viewer.may(Permission.refer)
    return html.Div([
        html.H2("Referrals"),
        html.P("A labour-inspection case naming at least "
               f"{uictx.settings.referral_min_indicators} core ILO indicators is proposed for "
               "referral to the police of its jurisdiction (graph/referral_rules.yaml).",
               className="muted"),
        html.Div([html.Button("Propose from red flags", id="referrals-red-flags", n_clicks=0,
                              className="primary")], className="buttons") if may_refer else None,
        dcc.Loading(html.Div(id="referrals-message")),
        html.Div(boxes(uictx), id="referrals-boxes"),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("referrals-message", "children"),
                  Output("referrals-boxes", "children"),
                  Input("referrals-red-flags", "n_clicks"),
                  Input({"type": "referrals-act", "op": ALL, "referral": ALL}, "n_clicks"),
                  State({"type": "referrals-reason", "referral": ALL}, "value"),
                  State({"type": "referrals-reason", "referral": ALL}, "id"),
                  prevent_initial_call=True)
    def act(_: int, clicks: list[int], reasons: list[str | None],
            reason_ids: list[dict[str, Any]]) -> tuple[Any, Any]:
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and only_redrawn(clicks):
            return dash.no_update, dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                if trigger == "referrals-red-flags":
                    run = referrals.propose_red_flags(uictx.graph, s, viewer,
                                                      uictx.settings.referral_min_indicators)
                    missing = ", ".join(sorted({r["jurisdiction"] for r in run.no_receiver}))
                    message = (f"{len(run.proposed)} referrals proposed"
                               + (f"; no police authority for {missing} on this instance"
                                  if missing else ""))
                else:
                    op, referral_id = trigger["op"], trigger["referral"]
                    if op == "decline":
                        reason = next((r for r, i in zip(reasons, reason_ids, strict=True)
                                       if i["referral"] == referral_id), None)
                        done = referrals.decline(s, viewer, referral_id, reason or "")
                    elif op in STEPS:
                        done = STEPS[op](s, viewer, referral_id)
                    else:
                        return dash.no_update, dash.no_update
                    message = f"referral {done.id} of case {done.case_uid}: {done.status}"
            result: Any = ok(message)
        except CrosslinkError as exc:
            result = error(exc)
        return result, boxes(uictx)


PAGE = Page("/referrals", "Referrals", Permission.read_graph, page_layout, register)
