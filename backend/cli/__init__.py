"""The ``crosslink`` command line. Each group of commands lives in its own module here and is
listed below, so ``crosslink --help`` lists everything in one place.

A command's module is imported when that command is run, not before: ``crosslink db stats``
does not pay for the web server, the UI or FollowTheMoney (importing every module takes
seconds; scripts and tests call the command line hundreds of times)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import typer
from typer import _click as click  # (typer keeps its own copy of click)
from typer.core import TyperGroup

# the command as typed -> the module of backend.cli that holds it and the Typer group or the
# function that it is; in the order of ``crosslink --help``
COMMANDS: dict[str, tuple[str, str]] = {
    "neo4j": ("neo4j_commands", "app"),
    "db": ("db_commands", "app"),
    "cypher": ("db_commands", "cypher"),
    "serve": ("serve_command", "serve"),
    "ingest": ("ingest_command", "ingest"),
    "templates": ("ingest_command", "templates"),
    "mapping": ("mapping_commands", "app"),
    "demo": ("demo_command", "demo"),
    "query": ("query_commands", "app"),
    "stats": ("stats_commands", "stats"),
    "report": ("stats_commands", "report_app"),
    "resolve": ("resolution_commands", "resolve"),
    "candidates": ("resolution_commands", "candidates"),
    "judge": ("resolution_commands", "judge"),
    "networks": ("resolution_commands", "networks"),
    "brief": ("brief_command", "brief"),
    "user": ("users_commands", "user_app"),
    "authority": ("users_commands", "authority_app"),
    "token": ("users_commands", "token_app"),
    "team": ("team_commands", "team_app"),
    "referral": ("referral_commands", "referral_app"),
    "audit": ("audit_command", "audit_log"),
    "alerts": ("alerts_commands", "alerts_app"),
    "watch": ("alerts_commands", "watch_app"),
    "keys": ("sharing_commands", "keys_app"),
    "export": ("sharing_commands", "export_app"),
    "import": ("sharing_commands", "import_app"),
}

# how every command's help is written: wrapped paragraphs, which markdown joins
SETTINGS: dict[str, Any] = {"pretty_exceptions_enable": False, "add_completion": False,
                            "rich_markup_mode": "markdown"}


def load_command(name: str) -> click.Command:
    """The click command ``name`` of ``COMMANDS``, its module imported now."""
    module, attribute = COMMANDS[name]
    found = getattr(import_module(f"backend.cli.{module}"), attribute)
    holder = typer.Typer(**SETTINGS)
    if isinstance(found, typer.Typer):
        holder.add_typer(found, name=name)
    else:
        holder.command(name)(found)
    holder.callback()(lambda: None)  # (a group, so that the command keeps its name)
    return typer.main.get_group(holder).commands[name]


class LazyCommands(TyperGroup):
    """The top group: lists ``COMMANDS`` and imports one when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]


app = typer.Typer(
    name="crosslink",
    help="Crosslink: a graph workbench for cross-border trafficking investigations.",
    no_args_is_help=True,
    cls=LazyCommands,
    **SETTINGS,
)


@app.callback()
def _top() -> None:
    """Crosslink: a graph workbench for cross-border trafficking investigations."""


def main() -> None:
    app()
