"""Plain HTML tables from rows of dicts (small, printable, no extra JS)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dash import html


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, *,
          table_id: str | None = None, extra: Sequence[Any] | None = None) -> html.Table:
    """``extra``: one component per row appended as a last cell (buttons, links)."""
    cols = list(columns or (list(rows[0]) if rows else []))
    head = [html.Th(c.replace("_", " ")) for c in cols] + ([html.Th("")] if extra else [])
    body = []
    for i, row in enumerate(rows):
        cells = [html.Td(cell(row.get(c))) for c in cols]
        if extra:
            cells.append(html.Td(extra[i]))
        body.append(html.Tr(cells))
    props = {"id": table_id} if table_id else {}
    return html.Table([html.Thead(html.Tr(head)), html.Tbody(body)], className="data", **props)


def properties_table(properties: dict[str, Any], provenance: dict[str, Any]) -> html.Div:
    """Every property, then its provenance and grading (source, record, reliability, ...)."""
    rows = [html.Tr([html.Th(k), html.Td(cell(v))]) for k, v in sorted(properties.items())]
    prov = [html.Tr([html.Th(k), html.Td(cell(v))]) for k, v in sorted(provenance.items())]
    return html.Div([
        html.Table(html.Tbody(rows), className="props"),
        html.H4("Provenance and grading"),
        html.Table(html.Tbody(prov), className="props provenance") if prov
        else html.P("no provenance recorded", className="muted"),
    ])
