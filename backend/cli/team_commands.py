"""``crosslink team``: joint investigation teams, as the server's administrator sets them up
(people do the same in the API and on the Teams page, within their role)."""

from __future__ import annotations

from typing import Annotated

import typer

from backend.cli.app_db import cli_db
from backend.cli.context import cli_graph
from backend.cli.output import FormatOption, OutputFormat, console, fail, print_json, print_rows
from backend.errors import CrosslinkError
from backend.services import teams, users
from graph.lookups import existing_uids

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
    with cli_db() as db:
        try:
            leads = [users.require_user(db, who) for who in lead or []]
            team = teams.create_team(db, name, description=description)
            for user in leads:
                teams.add_member(db, team.id, user.id, lead=True)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        console.print(f"team {team.name!r} (#{team.id}) created"
                      + (f", led by {', '.join(u.username for u in leads)}" if leads else ""))


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
    with cli_db() as db:
        try:
            found = teams.team_by_name(db, team)
            member = users.require_user(db, user)
            if remove:
                teams.remove_member(db, found.id, member.id)
                console.print(f"{member.username} is no longer in team {found.name!r}")
                return
            teams.add_member(db, found.id, member.id, lead=lead)
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
    with cli_db() as db:
        try:
            found = teams.team_by_name(db, team)
            if remove:
                if not teams.unshare_case(db, case_uid, found.id):
                    fail(f"case {case_uid} is not shared with team {found.name!r}", 1)
                console.print(f"case {case_uid} is no longer shared with team {found.name!r}")
                return
            with cli_graph() as graph:
                if not existing_uids(graph, "Case", [case_uid]):
                    fail(f"no case {case_uid} in the graph", 1)
            teams.share_case(db, case_uid, found.id)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        console.print(f"case {case_uid} is shared with team {found.name!r}")
