"""``crosslink team``: joint investigation teams, as the server's administrator sets them up
(people do the same in the API and on the Teams page, within their role): the same service
functions, as the command line's viewer (audited as ``cli:<login>``)."""

from __future__ import annotations

from typing import Annotated

import typer

from backend.cli.app_db import cli_db
from backend.cli.context import cli_graph
from backend.cli.output import FormatOption, OutputFormat, console, fail, print_json, print_rows
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.services import teams, users

team_app = typer.Typer(help="Joint investigation teams: members and the cases shared with them.",
                       no_args_is_help=True)
TeamArgument = Annotated[str, typer.Argument(help="Name of the team.")]


@team_app.command("add")
def team_add(
    name: TeamArgument,
    description: Annotated[str, typer.Option(help="What the team works on.")] = "",
    lead: Annotated[list[str] | None, typer.Option(
        "--lead", help="A user who leads the team (adds and removes members); repeatable.")
    ] = None,
) -> None:
    """Create a team, with its leads."""
    with cli_viewer() as (db, viewer):
        try:
            team = teams.set_up_team(db, viewer, name, description=description, leads=lead)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        leads = [m["username"] for m in teams.members(db, team.id) if m["lead"]]
        console.print(f"team {team.name!r} (#{team.id}) created"
                      + (f", led by {', '.join(map(str, leads))}" if leads else ""))


@team_app.command("list")
def team_list(fmt: FormatOption = OutputFormat.table) -> None:
    """Every team with its members (leads marked) and the cases shared with it."""
    with cli_db() as db:
        found = teams.all_teams(db)
    if fmt is OutputFormat.json:
        print_json(found)
        return
    print_rows([{"id": t["id"], "name": t["name"],
                 "members": ", ".join(f"{m['username']} ({m['authority']})"
                                      + (" lead" if m["lead"] else "") for m in t["members"]),
                 "cases": ", ".join(str(c["case_uid"]) for c in t["cases"])} for t in found],
               fmt, title="Teams", columns=["id", "name", "members", "cases"])


@team_app.command("member")
def team_member(
    team: TeamArgument,
    user: Annotated[str, typer.Argument(help="User name.")],
    lead: Annotated[bool, typer.Option("--lead", help="As a lead of the team.")] = False,
    remove: Annotated[bool, typer.Option("--remove", help="Take the user out.")] = False,
) -> None:
    """Add a user to a team (or make them lead), or take them out with --remove."""
    with cli_viewer() as (db, viewer):
        try:
            found = teams.team_by_name(db, team)
            member = users.require_user(db, user)
            if remove:
                teams.lead_remove_member(db, viewer, found.id, member.id)
                console.print(f"{member.username} is no longer in team {found.name!r}")
                return
            teams.lead_add_member(db, viewer, found.id, member.id, lead=lead)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        console.print(f"{member.username} ({member.authority_id}) is in team {found.name!r}"
                      + (" as a lead" if lead else ""))


@team_app.command("share")
def team_share(
    team: TeamArgument,
    case_uid: Annotated[str, typer.Argument(help="uid of the case, e.g. gt-pnc:PNC-0001.")],
    remove: Annotated[bool, typer.Option("--remove", help="Stop sharing it.")] = False,
) -> None:
    """Share a case with a team: its members see the case and the records tied to it
    (TLP:RED stays with its authority); --remove takes it back."""
    with cli_viewer() as (db, viewer), cli_graph() as graph:
        try:
            found = teams.team_by_name(db, team)
            if remove:
                teams.unshare_team_case(graph, db, viewer, found.id, case_uid)
                console.print(f"case {case_uid} is no longer shared with team {found.name!r}")
                return
            teams.share_team_case(graph, db, viewer, found.id, case_uid)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        console.print(f"case {case_uid} is shared with team {found.name!r}")
