"""``crosslink keys``, ``crosslink export`` and ``crosslink import``: the instance's signing
key, trusted partners, and exchanging saved subgraphs (docs/sharing.md).
Changes go through the sharing services as the command line's viewer (``cli:<login>``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from backend.cli import standards_commands
from backend.cli.context import cli_graph
from backend.cli.output import (
    FormatOption,
    OutputFormat,
    console,
    err_console,
    fail,
    print_json,
    print_rows,
)
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.settings import Settings
from backend.sharing import keys, partners
from backend.sharing.exports import (
    ExportFormat,
    export_subgraph,
    import_bundle_file,
    import_ftm_lines,
)
from graph.model import MODEL

keys_app = typer.Typer(help="This instance's signing key and trusted partner keys.",
                       no_args_is_help=True)
export_app = typer.Typer(help="Export saved subgraphs (signed bundle, FtM, GraphML, GEXF, CSV) "
                         "and cases as HTCDS or CTDC files.",
                         no_args_is_help=True)
import_app = typer.Typer(help="Import partner bundles, FollowTheMoney entities, HTCDS case "
                         "sheets and CTDC victim files.",
                         no_args_is_help=True)


@keys_app.command("init")
def keys_init(
    instance_id: Annotated[str, typer.Option("--instance-id",
                                             help="This instance's id, e.g. gt-pnc-1.")],
    org: Annotated[str, typer.Option("--org", help="Organisation running this instance.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key.")] = False,
) -> None:
    """Create the instance's Ed25519 key pair (DATA_DIR/keys)."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer):
        try:
            ident = partners.create_identity(settings, db, viewer, instance_id, org,
                                             force=force)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"instance {ident.instance_id} ({ident.organisation}) key {ident.key_id}")


@keys_app.command("show")
def keys_show(
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write the identity file to give to partners.")] = None,
) -> None:
    """This instance's id, organisation and public key; trusted partners."""
    settings = Settings()
    try:
        ident = keys.identity(settings)
    except CrosslinkError as exc:
        fail(exc.message, 1)
    if out is not None:
        data = {k: v for k, v in ident.as_dict().items() if k != "key_id"}
        out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        console.print(f"identity written to {out}; partners run `crosslink keys trust NAME "
                      f"{out.name}`")
        return
    print_json({"instance": ident.as_dict(),
                "trusted": {k: v.as_dict() for k, v in keys.trusted(settings).items()}})


@keys_app.command("trust")
def keys_trust(
    name: Annotated[str, typer.Argument(help="Your name for the partner.")],
    pubkey_file: Annotated[Path, typer.Argument(
        help="The partner's identity file (their `crosslink keys show --out`).")],
) -> None:
    """Trust bundles signed by a partner instance's key."""
    settings = Settings()
    try:
        partner = keys.read_identity_file(pubkey_file)
    except CrosslinkError as exc:
        fail(exc.message, 2)
    with cli_viewer(settings) as (db, viewer):
        partners.trust_partner(settings, db, viewer, name, partner)
    console.print(f"trusting {name}: instance {partner.instance_id} "
                  f"({partner.organisation}) key {partner.key_id}")


@export_app.command("subgraph")
def export_subgraph_cmd(
    subgraph_id: Annotated[int, typer.Argument(help="Id of the saved subgraph.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (a folder for csv).")],
    to: Annotated[str | None, typer.Option(
        "--to", help="Recipient organisation (a trusted partner's); needed for "
        "TLP:AMBER+STRICT elements to go out.")] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.bundle,
    include_protected: Annotated[bool, typer.Option(
        "--include-protected", help="Keep protected persons' identities (needs --reason).")
    ] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (audited).")] = None,
) -> None:
    """Export a saved subgraph; TLP:RED never leaves, protected persons are pseudonymised."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            summary = export_subgraph(graph, db, settings, subgraph_id, fmt, out,
                                      viewer=viewer, recipient=to,
                                      include_protected=include_protected, reason=reason)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"{summary['nodes']} nodes, {summary['relationships']} relationships "
                  f"written to {out} ({fmt.value}); left out: {summary['red_dropped']} RED, "
                  f"{summary['strict_dropped']} AMBER+STRICT; pseudonymised: "
                  f"{summary['pseudonymised']}")


@import_app.command("bundle")
def import_bundle_cmd(
    file: Annotated[Path, typer.Argument(help="A partner's signed bundle (.json).")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Verify a partner's bundle against the trusted keys and merge it into the graph."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            result = import_bundle_file(graph, db, settings, file, viewer=viewer)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    print_rows([result], fmt, title="Bundle imported")


@import_app.command("ftm")
def import_ftm_cmd(
    file: Annotated[Path, typer.Argument(
        help="FollowTheMoney entities: JSON lines (.ftm.json, .ijson) or one JSON array.")],
    source: Annotated[str | None, typer.Option(
        "--source", help="Source id for the entities (default: ftm:NAME, NAME being the "
        "file's name without its extension).")] = None,
    reliability: Annotated[str, typer.Option(help="A-F.")] = "F",
    credibility: Annotated[str, typer.Option(help="1-6.")] = "6",
    tlp: Annotated[str, typer.Option(help="CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")]
    = "AMBER",
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Import FtM entities (nodes) and their interval entities (relationships).

    Schemata and properties with no place in the model are counted and listed; a line that
    is not an FtM entity is reported with its number and the rest loads (exit code 1)."""
    for name, value in (("reliability", reliability), ("credibility", credibility),
                        ("tlp", tlp)):
        if value not in MODEL.enums[name]:
            fail(f"--{name} {value!r}: expected one of {', '.join(MODEL.enums[name])}", 2)
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read the file: {exc}", 2)
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            result = import_ftm_lines(
                graph, db, viewer, lines, name=file.name, origin=source or f"ftm:{file.stem}",
                grading={"reliability": reliability, "credibility": credibility, "tlp": tlp})
        except CrosslinkError as exc:
            fail(exc.message, 1)
    if fmt is not OutputFormat.table:
        print_rows([result], fmt, title="FtM imported")
    else:
        print_rows([{k: v for k, v in result.items() if not isinstance(v, (list, dict))}],
                   fmt, title="FtM imported")
        if result["unmapped"]:
            print_rows(result["unmapped"], fmt, title="Entities with no place in the model")
        if result["dropped"]:
            print_rows(result["dropped"], fmt, title="Values dropped (no place, or not valid)")
    for error in result["error_lines"]:
        err_console.print(f"{error['file']}, line {error['line']}: {error['reason']}",
                          markup=False)
    if result["error_lines"]:
        raise typer.Exit(1)


# the case data standards are imported and exported next to bundles and FtM
import_app.command("htcds")(standards_commands.import_htcds)
import_app.command("ctdc")(standards_commands.import_ctdc)
export_app.command("htcds")(standards_commands.export_htcds)
export_app.command("ctdc")(standards_commands.export_ctdc)
