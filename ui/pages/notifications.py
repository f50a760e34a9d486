"""Notifications: the viewer's alerts (deconfliction hits, watched entities seen again, risk
reviews that fall due), each acknowledged or dismissed with a reason, and the entities they
watch. An alert shows the other authority's records only where access already allows it
(hit / no-hit); the service decided that when it stored the alert."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import alerts
from ui.components.clicks import only_redrawn
from ui.components.links import explore_href
from ui.components.messages import error, info, ok
from ui.components.tables import nowrap, table
from ui.context import UiContext
from ui.pages import Page

SHOWN = ("open", "acknowledged", "dismissed", "all")
KIND_WORDS = {"deconfliction": "Deconfliction hit", "watch": "Watched entity",
              "review": "Risk review due"}


def _node_link(label: str | None, key: str | None, text: str | None = None) -> Any:
    if not label or not key:
        return html.Span(text or key or "")
    return dcc.Link(nowrap(text or key), href=explore_href(node=f"{label}:{key}"))


def _case_link(side: dict[str, Any]) -> list[Any]:
    title = f" {side['case_title']}" if side.get("case_title") else ""
    where = (f" ({side['jurisdiction']})" if side.get("jurisdiction")
             and f"({side['jurisdiction']})" not in title else "")
    return [dcc.Link(nowrap(side["case"]), href=explore_href(case=side["case"])),
            f"{title}{where}"]


def _actor(side: dict[str, Any]) -> list[Any]:
    if not side.get("actor"):
        return []
    name = side.get("actor_name") or "a protected person"
    role = f" ({side['role'].lower().replace('_', ' ')})" if side.get("role") else ""
    return [" — ", _node_link(side.get("actor_label"), side["actor"], name), role]


def _authority(card: dict[str, Any]) -> list[Any]:
    country = f", {card['country']}" if card.get("country") else ""
    contact = card.get("contact") or "no contact point recorded"
    return [html.B(card.get("name") or card.get("id")), f" ({card.get('id')}{country}) · ",
            html.Span(contact, className="contact")]


def _deconfliction(d: dict[str, Any]) -> list[Any]:
    via = ("a confirmed same-as record" if d.get("via") == "SAME_AS"
           else [f"a shared {str(d.get('via', '')).lower()} ",
                 _node_link(d.get("via"), d.get("identifier"))])
    other: Any = (html.Li(["Their record: ", *_case_link(d["other"]), *_actor(d["other"])])
                  if d.get("other") else
                  html.Li("Their records are not shown to your authority (hit / no-hit): "
                          "ask their contact point.", className="muted"))
    return [html.Ul([
        html.Li(["Your record: ", *_case_link(d["own"]), *_actor(d["own"])]),
        html.Li(["Joined through ", *([via] if isinstance(via, str) else via)]),
        html.Li(["Other authority: ", *_authority(d.get("other_authority") or {})]),
        other,
    ])]


def _watch(d: dict[str, Any]) -> list[Any]:
    watched = d.get("watched") or {}
    record = d.get("record")
    seen: Any = (html.Li(["In: ", _node_link(record["label"], record["uid"],
                                              record.get("caption") or record["uid"])])
                 if record else
                 html.Li("The new record is not shown to you (hit / no-hit).",
                         className="muted"))
    items = [html.Li(["Watched: ", _node_link(watched.get("label"), watched.get("key"))]),
             seen]
    items += [html.Li(["Also held by: ", *_authority(card)])
              for card in d.get("other_authorities") or []]
    return [html.Ul(items)]


def _review(d: dict[str, Any]) -> list[Any]:
    return [html.Ul([
        html.Li(["Victim: ", _node_link("Person", d.get("person"))]),
        html.Li(f"Risk level {d.get('level')}, assessed on {d.get('assessed_on')}; review due "
                f"on {d.get('next_review_on')}"),
    ])]


BODIES = {"deconfliction": _deconfliction, "watch": _watch, "review": _review}


def _actions(row: dict[str, Any]) -> Any:
    if row["status"] != alerts.OPEN:
        why = f": {row['reason']}" if row.get("reason") else ""
        return html.P(f"{row['status']} by {row['decided_by']} on "
                      f"{(row['decided_at'] or '')[:16].replace('T', ' ')}{why}",
                      className="muted")
    return html.Div([
        html.Button("Acknowledge", n_clicks=0, className="primary",
                    id={"type": "alert-act", "op": "acknowledge", "alert": row["id"]}),
        dcc.Input(placeholder="Why (required to dismiss)", type="text", className="reason",
                  id={"type": "alert-reason", "alert": row["id"]}),
        html.Button("Dismiss", n_clicks=0,
                    id={"type": "alert-act", "op": "dismiss", "alert": row["id"]}),
    ], className="buttons")


def alert_card(row: dict[str, Any]) -> html.Div:
    body = BODIES.get(row["kind"], lambda _: [])(row.get("details") or {})
    when = row["created_at"][:16].replace("T", " ")
    return html.Div([
        html.P([html.Span(KIND_WORDS.get(row["kind"], row["kind"]), className="tag"),
                f" #{row['id']} · {when} · {row['status']}"], className="muted"),
        html.H4(row["title"]),
        *body,
        _actions(row),
    ], id=f"alert-{row['id']}", className=f"card alert alert-{row['status']}")


def alert_list(uictx: UiContext, status: str | None) -> Any:
    wanted = None if status in (None, "all") else status
    try:
        with uictx.viewer() as (s, viewer):
            rows = alerts.list_alerts(s, viewer, status=wanted)
    except CrosslinkError as exc:
        return error(exc)
    if not rows:
        return info(f"No {wanted or ''} alerts.".replace("  ", " "))
    return [alert_card(r) for r in rows]


def watch_table(uictx: UiContext) -> Any:
    try:
        with uictx.viewer() as (s, viewer):
            rows = alerts.watches(s, viewer)
    except CrosslinkError as exc:
        return error(exc)
    if not rows:
        return info("You watch nothing yet: open a person, phone, account, agency, vehicle... "
                    "in Explore and press Watch.")
    links = {"key": lambda key: nowrap(key), "created_at": lambda v: nowrap(str(v)[:16])}
    return table(rows, ["label", "key", "note", "created_at"], table_id="watch-table",
                 formats=links,
                 extra=[html.Div([_node_link(r["label"], r["key"], "Open"),
                                  html.Button("Stop watching", n_clicks=0,
                                              id={"type": "unwatch", "watch": r["id"]})],
                                 className="buttons") for r in rows])


def open_count(uictx: UiContext, viewer: Viewer) -> int:
    """The header's count of the viewer's open alerts."""
    with uictx.db.session() as s:
        return alerts.open_count(s, viewer)


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    status = query.get("status") if query.get("status") in SHOWN else "open"
    return html.Div([
        html.H2("Notifications"),
        html.P("When a load, an import or a resolution run joins a case of your authority to "
               "another authority's, both are told: which of your records joined, through what, "
               "and whom to call. Their records show only where you may already see them; "
               "TLP:RED records alert their owner only.", className="muted"),
        dcc.RadioItems([{"label": s.capitalize(), "value": s} for s in SHOWN], status,
                       id="notifications-status", inline=True, className="filters"),
        dcc.Loading(html.Div(id="notifications-message")),
        html.Div(alert_list(uictx, status), id="notifications-list"),
        html.Div([html.H3("Watching"), html.Div(watch_table(uictx), id="notifications-watches")],
                 className="card"),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("notifications-message", "children"),
                  Output("notifications-list", "children"),
                  Output("notifications-watches", "children"),
                  Output("nav-alert-count", "children"),
                  Input("notifications-status", "value"),
                  Input({"type": "alert-act", "op": ALL, "alert": ALL}, "n_clicks"),
                  Input({"type": "unwatch", "watch": ALL}, "n_clicks"),
                  State({"type": "alert-reason", "alert": ALL}, "value"),
                  State({"type": "alert-reason", "alert": ALL}, "id"),
                  prevent_initial_call=True)
    def act(status: str, clicks: list[int], unwatch_clicks: list[int],
            reasons: list[str | None], reason_ids: list[dict[str, Any]]) -> tuple:
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and only_redrawn(
                clicks if trigger.get("type") == "alert-act" else unwatch_clicks):
            return (dash.no_update,) * 4
        message: Any = None
        try:
            with uictx.viewer() as (s, viewer):
                if isinstance(trigger, dict) and trigger.get("type") == "unwatch":
                    found = next((w for w in alerts.watches(s, viewer)
                                  if w["id"] == trigger["watch"]), None)
                    if found is not None:
                        alerts.unwatch(s, viewer, found["label"], found["key"])
                        message = ok(f"no longer watching {found['label']} {found['key']}")
                elif isinstance(trigger, dict):
                    alert_id = trigger["alert"]
                    if trigger["op"] == "dismiss":
                        reason = next((r for r, i in zip(reasons, reason_ids, strict=True)
                                       if i["alert"] == alert_id), None)
                        alerts.dismiss(s, viewer, alert_id, reason or "")
                        message = ok(f"alert #{alert_id} dismissed")
                    elif trigger["op"] == "acknowledge":
                        alerts.acknowledge(s, viewer, alert_id)
                        message = ok(f"alert #{alert_id} acknowledged")
                count = alerts.open_count(s, viewer)
        except CrosslinkError as exc:
            return error(exc), dash.no_update, dash.no_update, dash.no_update
        return (message, alert_list(uictx, status), watch_table(uictx),
                str(count) if count else "")


PAGE = Page("/notifications", "Notifications", Permission.alerts, page_layout, register,
            badge=open_count)
