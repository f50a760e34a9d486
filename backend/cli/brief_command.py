"""``crosslink brief NETWORK_ID --out FILE``: the joint-operation brief of a network, as PDF
or HTML, through the same service as the API, as the system viewer ``cli:<login>`` (who sees
every record), audited as an export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from backend.cli.context import cli_graph
from backend.cli.output import console, fail
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.reports.brief_html import brief_html
from backend.reports.brief_pdf import brief_pdf
from backend.services import brief as briefs
from backend.settings import Settings


class BriefFormat(StrEnum):
    pdf = "pdf"
    html = "html"


OPTIONS = {"format": "--format", "requesting": "--requesting", "network_id": "NETWORK_ID"}


def brief(
    network_id: Annotated[str, typer.Argument(
        help="The network (its id in `crosslink networks` or on the Networks page).")],
    out: Annotated[Path, typer.Option(
        "--out", help="Write the brief to this file.", dir_okay=False)],
    fmt: Annotated[BriefFormat, typer.Option(
        "--format", "-f", help="pdf or html (docx is not offered)")] = BriefFormat.pdf,
    requesting: Annotated[str | None, typer.Option(
        help="The requesting jurisdiction (ISO alpha-2): Letters of Request go to the "
        "others (default: the network's jurisdiction with most cases).")] = None,
) -> None:
    """The joint-operation brief of a network: per jurisdiction its authorities and contact
    points, evidence, targets and pseudonymised victims; the links that cross borders, the
    timeline, the money, a chart and a draft Letter of Request per foreign jurisdiction."""
    if not out.parent.exists():
        fail(f"--out {out}: the folder {out.parent} does not exist", 2)
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            found = briefs.network_brief(graph, db, viewer, network_id, fmt=fmt.value,
                                         requesting=requesting, timeout=settings.api_timeout)
        except CrosslinkError as exc:
            option = OPTIONS.get(exc.field or "")
            fail(f"{option}: {exc.message}" if option else exc.message, 2)
    if fmt is BriefFormat.pdf:
        out.write_bytes(brief_pdf(found))
    else:
        out.write_text(brief_html(found), encoding="utf-8")
    console.print(f"brief of {found['network']} written to {out} (TLP:{found['tlp']}): "
                  f"{len(found['jurisdictions'])} jurisdictions, {len(found['letters'])} "
                  f"draft Letters of Request, {found['withheld']} records withheld",
                  highlight=False)
