"""Export links of a saved chart for the Saved page: downloads served by the API
(``GET /api/subgraphs/{id}/export``, the session cookie authenticates them), with the
redaction rules of README "Joint teams and sharing" applied."""

from __future__ import annotations

from dash import html

from backend.sharing.exports import ExportFormat

LABELS = {ExportFormat.bundle: "Bundle", ExportFormat.ftm: "FtM", ExportFormat.graphml: "GraphML",
          ExportFormat.gexf: "GEXF", ExportFormat.csv: "CSV"}


def export_url(subgraph_id: int, fmt: ExportFormat) -> str:
    return f"/api/subgraphs/{subgraph_id}/export?format={fmt.value}"


def export_links(subgraph_id: int) -> html.Span:
    """One download link per format (TLP:RED left out, protected persons pseudonymised)."""
    return html.Span(
        ["Export: "] + [html.A(LABELS[fmt], href=export_url(subgraph_id, fmt), download="",
                               className="button", id=f"export-{fmt.value}-{subgraph_id}")
                        for fmt in ExportFormat],
        className="export-links", title="TLP:RED never leaves; protected persons are "
        "pseudonymised; AMBER+STRICT needs a named recipient (crosslink export --to)")
