"""Teams: the joint investigation teams you are in, their members and the cases shared with
them; form a team, add members (leads), share your authority's cases (members)."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, CrosslinkError
from backend.services import teams, users
from ui.components.clicks import only_redrawn
from ui.components.links import explore_href
from ui.components.messages import error, info, ok
from ui.components.tables import app_time
from ui.context import UiContext
from ui.pages import Page


def _card(team: dict[str, Any], viewer: Viewer) -> html.Div:
    """A team: members (a lead, or an admin, may take one out) and shared cases."""
    leads = {m["user_id"] for m in team["members"] if m["lead"]}
    may_remove = viewer.user_id in leads or viewer.may(Permission.manage_users)
    members = [html.Li([
        f"{m['username']} ({m['authority']}" + (", lead)" if m["lead"] else ")"),
        html.Button("Remove", n_clicks=0, className="link",
                    id={"type": "teams-remove", "team": team["id"], "user": m["user_id"]})
        if may_remove and m["user_id"] != viewer.user_id else None,
    ]) for m in team["members"]]
    cases = [html.Li([dcc.Link(str(c["case_uid"]), href=explore_href(case=c["case_uid"])),
                      f" shared by {c['shared_by']}" if c["shared_by"]
                      else " shared on the command line (crosslink team share)",
                      f" on {app_time(c['shared_at'])}"]) for c in team["cases"]]
    return html.Div([
        html.H4(team["name"]),
        html.P(team["description"], className="muted") if team["description"] else None,
        html.Div([
            html.Div([html.H5(f"Members ({len(members)})"), html.Ul(members)]),
            html.Div([html.H5(f"Shared cases ({len(cases)})"),
                      html.Ul(cases) if cases else html.P("none yet", className="muted")]),
        ], className="side-by-side"),
    ], className="card", id=f"team-{team['id']}")


def team_cards(uictx: UiContext) -> tuple[Any, list[dict[str, Any]]]:
    """The cards of the viewer's teams, and the teams as dropdown options."""
    with uictx.viewer() as (s, viewer):
        found = teams.my_teams(s, viewer)
    if not found:
        return info("You are in no joint team yet."), []
    return ([_card(t, viewer) for t in found],
            [{"label": t["name"], "value": t["id"]} for t in found])


def _own_cases(uictx: UiContext, viewer: Viewer) -> list[dict[str, str]]:
    """The cases the viewer may share, as dropdown options."""
    return [{"label": f"{c['uid']} · {c['title'] or ''}", "value": c["uid"]}
            for c in teams.shareable_cases(uictx.graph, viewer)]


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    cards, options = team_cards(uictx)
    may_act = viewer.may(Permission.form_teams)
    actions = html.Div([
        html.H3("Form a team"),
        html.Div([
            dcc.Input(id="teams-new-name", type="text", placeholder="Name, e.g. JIT Finca GT-MX",
                      style={"width": "260px"}),
            dcc.Input(id="teams-new-description", type="text",
                      placeholder="What it works on (optional)", style={"width": "420px"}),
            html.Button("Form the team", id="teams-form", n_clicks=0, className="primary"),
        ], className="buttons"),
        html.H3("In a team"),
        html.Div([
            dcc.Dropdown(id="teams-team", options=options,
                         value=options[0]["value"] if options else None, clearable=False,
                         placeholder="Team", style={"width": "260px"}),
            dcc.Input(id="teams-user", type="text", placeholder="User name",
                      style={"width": "200px"}),
            dcc.Checklist(id="teams-lead", options=[{"label": " as lead", "value": "lead"}],
                          value=[]),
            html.Button("Add member (leads)", id="teams-add-member", n_clicks=0),
        ], className="buttons"),
        html.Div([
            dcc.Dropdown(id="teams-case", options=_own_cases(uictx, viewer),
                         placeholder=("Any case (type to search)"
                                      if teams.shares_any_case(viewer) else
                                      f"A case of {viewer.authority_id} (type to search)"),
                         style={"width": "520px"}),
            html.Button("Share the case", id="teams-share", n_clicks=0),
            html.Button("Take it back", id="teams-unshare", n_clicks=0),
        ], className="buttons"),
    ], id="teams-actions") if may_act else None
    return html.Div([
        html.H2("Joint teams"),
        html.P("Members come from several authorities and countries. A case shared with a "
               "team by the authority that reported it is seen by every member, with the "
               "records tied to it (TLP:RED stays with that authority); charts are shared with "
               "teams on the Saved page.", className="muted"),
        dcc.Loading(html.Div(id="teams-message")),
        html.Div(cards, id="teams-list"),
        actions,
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("teams-message", "children"), Output("teams-list", "children"),
                  Output("teams-team", "options"), Output("teams-team", "value"),
                  Input("teams-form", "n_clicks"), Input("teams-add-member", "n_clicks"),
                  Input("teams-share", "n_clicks"), Input("teams-unshare", "n_clicks"),
                  Input({"type": "teams-remove", "team": ALL, "user": ALL}, "n_clicks"),
                  State("teams-new-name", "value"), State("teams-new-description", "value"),
                  State("teams-team", "value"), State("teams-user", "value"),
                  State("teams-lead", "value"), State("teams-case", "value"),
                  prevent_initial_call=True)
    def act(_: int, __: int, ___: int, ____: int, removals: list[int], name: str | None,
            description: str | None, team_id: int | None, username: str | None,
            lead: list[str] | None, case_uid: str | None) -> tuple[Any, Any, Any, Any]:
        chosen = team_id
        trigger = ctx.triggered_id
        if only_redrawn(removals):
            return (dash.no_update,) * 4  # the cards were drawn again, nothing was clicked
        try:
            with uictx.viewer() as (s, viewer):
                if isinstance(trigger, dict):
                    teams.lead_remove_member(s, viewer, trigger["team"], trigger["user"])
                    message, chosen = "member taken out of the team", trigger["team"]
                elif ctx.triggered_id == "teams-form":
                    team = teams.form_team(s, viewer, name or "", description or "")
                    message, chosen = f"team {team.name!r} formed: you lead it", team.id
                elif team_id is None:
                    raise BadInputError("choose a team (or form one)", field="team")
                elif ctx.triggered_id == "teams-add-member":
                    who = (username or "").strip()
                    if not who:
                        raise BadInputError("type the user name of the member", field="user")
                    member = users.require_user(s, who)
                    teams.lead_add_member(s, viewer, team_id, member.id, lead=bool(lead))
                    message = f"{member.username} ({member.authority_id}) added"
                else:
                    uid = (case_uid or "").strip()
                    if not uid:
                        raise BadInputError("choose one of your authority's cases",
                                            field="case_uid")
                    if ctx.triggered_id == "teams-share":
                        teams.share_team_case(uictx.graph, s, viewer, team_id, uid)
                        message = f"case {uid} shared with the team"
                    else:
                        teams.unshare_team_case(uictx.graph, s, viewer, team_id, uid)
                        message = f"case {uid} taken back from the team"
            result: Any = ok(message)
        except CrosslinkError as exc:
            result = error(exc)
        cards, options = team_cards(uictx)
        return result, cards, options, chosen


PAGE = Page("/teams", "Teams", Permission.read_graph, page_layout, register)
