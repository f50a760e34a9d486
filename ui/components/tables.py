"""Plain HTML tables from rows of dicts (small, printable, no extra JS)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dash import html

from graph.model import MODEL
from ingest.grading import CREDIBILITY_MEANING, RELIABILITY_MEANING

GRADE_MEANINGS = {"reliability": RELIABILITY_MEANING, "credibility": CREDIBILITY_MEANING}


# 2026-11-29T19:37:32.943711000+00:00 (Neo4j, ISO 8601) -> 2026-11-29 19:37:32 UTC
ISO_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def app_time(value: dt.datetime) -> str:
    """A time of the app database (kept in UTC) as "2026-11-29 23:43 UTC"."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _when(text: str) -> str:
    match = ISO_DATETIME.match(text)
    if not match:
        return text
    date, time, zone = match.groups()
    zone = " UTC" if zone in ("Z", "+00:00") else (f" {zone}" if zone else "")
    return f"{date} {time}{zone}"


def cell(value: Any) -> str:
    """A value as people read it: lists joined, yes or no, date-times without fractions of
    seconds."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return _when(str(value))


def nowrap(value: Any) -> html.Span:
    """A value kept on one line (ids, dates): ``th-atpd:TIP-0011`` must not break at its dash."""
    return html.Span(cell(value), className="nowrap")


def indicator_words(codes: Any) -> html.Span:
    """ILO indicator codes as words, the core ones in bold."""
    core = set(MODEL.core_indicators)
    parts: list[Any] = []
    for code in codes or []:
        if parts:
            parts.append(", ")
        words = str(code).replace("_", " ")
        parts.append(html.B(words, title="core ILO indicator") if code in core else words)
    return html.Span(parts)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, *,
          table_id: str | None = None, extra: Sequence[Any] | None = None,
          formats: Mapping[str, Callable[[Any], Any]] | None = None) -> html.Table:
    """``extra``: one component per row appended as a last cell (buttons, links);
    ``formats``: how to show the values of some columns (``nowrap``, ``indicator_words``), the
    others as ``cell``."""
    cols = list(columns or (list(rows[0]) if rows else []))
    head = [html.Th(c.replace("_", " ")) for c in cols] + ([html.Th("")] if extra else [])
    shown = [(formats or {}).get(c, cell) for c in cols]
    body = []
    for i, row in enumerate(rows):
        cells = [html.Td(show(row.get(c))) for c, show in zip(cols, shown, strict=True)]
        if extra:
            cells.append(html.Td(extra[i]))
        body.append(html.Tr(cells))
    children = [html.Thead(html.Tr(head)), html.Tbody(body)]
    if table_id:
        return html.Table(children, id=table_id, className="data")
    return html.Table(children, className="data")


def graded(key: str, value: Any) -> str:
    """"B (usually reliable)": a grade with what it means."""
    meaning = GRADE_MEANINGS.get(key, {}).get(str(value))
    return f"{value} ({meaning})" if meaning else cell(value)


# kept for matching and search only: the name as written is shown instead
MATCHING_ONLY = frozenset({"name_folded"})


# properties shown otherwise than as ``cell`` in the details panel
PROPERTY_FORMATS: dict[str, Callable[[Any], Any]] = {"indicators": indicator_words}


def properties_table(properties: dict[str, Any], provenance: dict[str, Any]) -> html.Div:
    """Every property people read, then its provenance and grading (source, record,
    reliability, ...)."""
    rows = [html.Tr([html.Th(k), html.Td(PROPERTY_FORMATS.get(k, cell)(v))])
            for k, v in sorted(properties.items()) if k not in MATCHING_ONLY]
    prov = [html.Tr([html.Th(k), html.Td(graded(k, v))]) for k, v in sorted(provenance.items())]
    return html.Div([
        html.Table(html.Tbody(rows), className="props"),
        html.H4("Provenance and grading"),
        html.Table(html.Tbody(prov), className="props provenance") if prov
        else html.P("no provenance recorded", className="muted"),
    ])
