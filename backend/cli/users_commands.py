"""``crosslink user``, ``crosslink authority`` and ``crosslink token``: accounts on this server.

Changes go through ``backend.services.people`` as the command line's viewer (audited as
``cli:<login>``), as the People page and the admin API do."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from backend.cli.app_db import cli_db
from backend.cli.output import FormatOption, OutputFormat, console, fail, print_rows
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.services import people, users

user_app = typer.Typer(help="Users of this server.", no_args_is_help=True)
authority_app = typer.Typer(help="Authorities (organisations) users belong to.",
                            no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)


def _read_password(password_stdin: bool, prompt: str) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("--password-stdin: no password on standard input", 2)
        return password
    return typer.prompt(prompt, hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (login).")],
    authority: Annotated[str, typer.Option("--authority", help="Id of the user's authority.")],
    role: Annotated[str, typer.Option(help="viewer, investigator, analyst or admin.")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Create a user (prompts for the password)."""
    password = _read_password(password_stdin, f"Password for {name}")
    with cli_viewer() as (db, viewer):
        try:
            user = people.add_person(db, viewer, name, authority=authority, role=role,
                                     password=password)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        console.print(f"user {user['username']} ({user['role']}, {user['authority']}) created")


@user_app.command("list")
def user_list(fmt: FormatOption = OutputFormat.table
              ) -> None:
    """Users with their role and authority."""
    with cli_db() as db:
        rows = [{**(row := users.user_row(u)),
                 "created_at": row["created_at"].isoformat(timespec="seconds")}
                for u in users.list_users(db)]
    print_rows(rows, fmt, title="Users",
               columns=["username", "role", "authority", "active", "created_at"])


@user_app.command("passwd")
def user_passwd(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Set a user's password (ends their sessions)."""
    password = _read_password(password_stdin, f"New password for {name}")
    with cli_viewer() as (db, viewer):
        try:
            people.reset_password(db, viewer, name, password)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"password of {name} changed; their sessions have ended")


@authority_app.command("add")
def authority_add(
    authority_id: Annotated[str, typer.Argument(
        metavar="ID", help="Code of the authority, as in cases.csv's authority column.")],
    name: Annotated[str, typer.Option(help="Full name.")],
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2 country.")],
    kind: Annotated[str, typer.Option(help="police, labour_inspectorate, prosecutor, "
                                           "immigration, consular, ngo, international_org")],
    source: Annotated[list[str] | None, typer.Option(
        "--source", help="An ingest source this authority owns (repeatable).")] = None,
    contact: Annotated[str, typer.Option(
        help="Contact point (desk, phone, e-mail) that other authorities' deconfliction "
        "alerts name.")] = "",
) -> None:
    """Add an authority (organisation)."""
    with cli_viewer() as (db, viewer):
        try:
            people.add_authority(db, viewer, authority_id, name=name, country=country,
                                 kind=kind, sources=source or [], contact=contact)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"authority {authority_id} added")


@authority_app.command("add-source")
def authority_add_source(
    authority_id: Annotated[str, typer.Argument(metavar="ID", help="Code of the authority.")],
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE...", help="Ingest source ids it owns, e.g. gt-pnc.")],
) -> None:
    """Name more ingest sources as an authority's own: its people see their records
    (TLP:RED ones too), not only those tied to its cases."""
    with cli_viewer() as (db, viewer):
        try:
            authority = people.add_sources(db, viewer, authority_id, sources)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        console.print(f"authority {authority['id']}: sources {', '.join(authority['sources'])}")


@authority_app.command("list")
def authority_list(fmt: FormatOption = OutputFormat.table
                   ) -> None:
    """Authorities with their country, kind and sources."""
    with cli_db() as db:
        rows = [{**(row := users.authority_row(a)), "sources": ", ".join(row["sources"])}
                for a in users.list_authorities(db)]
    print_rows(rows, fmt, title="Authorities", columns=["id", "name", "country", "kind",
                                                         "sources"])


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="User the token acts as.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "cli",
) -> None:
    """Create an API token for USER and print it once."""
    with cli_viewer() as (db, viewer):
        try:
            token = people.new_token(db, viewer, label, username=name)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    sys.stdout.write(token + "\n")
