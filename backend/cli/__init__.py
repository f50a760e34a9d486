"""The ``crosslink`` command line. Each group of commands lives in its own module here and is
registered below, so ``crosslink --help`` lists everything in one place."""

from __future__ import annotations

import typer

from backend.cli import (
    alerts_commands,
    audit_command,
    brief_command,
    db_commands,
    demo_command,
    ingest_command,
    mapping_commands,
    neo4j_commands,
    query_commands,
    referral_commands,
    resolution_commands,
    serve_command,
    sharing_commands,
    standards_commands,
    stats_commands,
    team_commands,
    users_commands,
)

app = typer.Typer(
    name="crosslink",
    help="Crosslink: a graph workbench for cross-border trafficking investigations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # help texts are written as wrapped paragraphs: markdown joins their lines
    rich_markup_mode="markdown",
)
app.add_typer(neo4j_commands.app, name="neo4j")
app.add_typer(db_commands.app, name="db")
app.command("cypher")(db_commands.cypher)
app.command("serve")(serve_command.serve)
app.command("ingest")(ingest_command.ingest)
app.command("templates")(ingest_command.templates)
app.add_typer(mapping_commands.app, name="mapping")
app.command("demo")(demo_command.demo)
app.add_typer(query_commands.app, name="query")
app.command("stats")(stats_commands.stats)
app.add_typer(stats_commands.report_app, name="report")
app.command("resolve")(resolution_commands.resolve)
app.command("candidates")(resolution_commands.candidates)
app.command("judge")(resolution_commands.judge)
app.command("networks")(resolution_commands.networks)
app.command("brief")(brief_command.brief)
app.add_typer(users_commands.user_app, name="user")
app.add_typer(users_commands.authority_app, name="authority")
app.add_typer(users_commands.token_app, name="token")
app.add_typer(team_commands.team_app, name="team")
app.add_typer(referral_commands.referral_app, name="referral")
app.command("audit")(audit_command.audit_log)
app.add_typer(alerts_commands.alerts_app, name="alerts")
app.add_typer(alerts_commands.watch_app, name="watch")
app.add_typer(sharing_commands.keys_app, name="keys")
app.add_typer(sharing_commands.export_app, name="export")
app.add_typer(sharing_commands.import_app, name="import")
sharing_commands.import_app.command("htcds")(standards_commands.import_htcds)
sharing_commands.import_app.command("ctdc")(standards_commands.import_ctdc)
sharing_commands.export_app.command("htcds")(standards_commands.export_htcds)
sharing_commands.export_app.command("ctdc")(standards_commands.export_ctdc)


def main() -> None:
    app()
