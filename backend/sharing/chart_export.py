"""Exports of the chart open in Explore: what is drawn as CSV (``nodes.csv`` and
``edges.csv`` in one zip, with ``README.txt``), the records the drawing stands for as
FollowTheMoney entities (JSON lines, ``backend.sharing.ftm``), and a one-page PDF of the
picture, its legend and the provenance of the selected or highlighted elements.

What goes out is what the chart holds, never more: its elements were read for this viewer by
the services when they were drawn (the access rules; protected persons masked for roles that
may not see them), and nothing is read again from the graph. On top comes the rule of every
file export (``backend.sharing.redaction``, no recipient): nothing TLP:RED or
TLP:AMBER+STRICT leaves, with every link and folded link that stands for one of them;
protected persons are pseudonymised even for roles that see their names, the documents they
hold left out. Each file carries its TLP (the most restrictive of what it holds) in its name,
in the zip's README and on the PDF's page; each export is audited.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.reports.chart_pdf import chart_pdf
from backend.services import audit
from backend.services.brief import most_restrictive
from backend.sharing import ftm
from backend.sharing.redaction import Redaction, pseudonymised_ids, redact
from graph.model import MODEL

PROVENANCE = MODEL.provenance  # source, record_id, reliability, credibility, tlp, ...
PSEUDONYM_CAPTION = "protected person"
NODE_COLUMNS = ("id", "type", "caption", "jurisdiction", "date", "source", *PROVENANCE[1:],
                "highlighted", "stands_for")
EDGE_COLUMNS = ("id", "source", "target", "type", "caption", "date", "amount", "currency",
                "count", "record_source", *PROVENANCE[1:], "highlighted", "stands_for")
PROVENANCE_ROWS = 10  # rows of the PDF's provenance table (one page); the CSV holds them all


class ChartFormat(StrEnum):
    csv = "csv"
    ftm = "ftm"
    pdf = "pdf"


SUFFIX = {ChartFormat.csv: "zip", ChartFormat.ftm: "ftm.json", ChartFormat.pdf: "pdf"}
MEDIA = {ChartFormat.csv: "application/zip", ChartFormat.ftm: "application/x-ndjson",
         ChartFormat.pdf: "application/pdf"}


@dataclass(frozen=True)
class Picture:
    """How the chart looks on screen, for the PDF: each node's position (cytoscape's
    coordinates) and the colour of each node label and folded link type."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)


@dataclass
class ChartFile:
    filename: str
    content: bytes
    media_type: str
    summary: dict[str, Any]


@dataclass
class _Export:
    """The drawn elements that may leave, as rows, and the records they stand for."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    records: tuple[list[dict[str, Any]], list[dict[str, Any]]]  # FtM: nodes, relationships
    chosen: list[dict[str, Any]]  # records of the selected or highlighted elements
    report: Redaction
    tlp: str
    chart_ids: dict[str, str]  # node id in the export -> its id on the chart


def _is_edge(element: dict[str, Any]) -> bool:
    return "source" in element["data"]


def _as_service(element: dict[str, Any]) -> dict[str, Any]:
    """A chart element as the services give it (what the redaction and FtM read)."""
    data = element["data"]
    common = {"id": data["id"], "properties": data.get("properties") or {},
              "provenance": data.get("provenance") or {}}
    if _is_edge(element):
        return {**common, "type": data["type"], "source": data["source"],
                "target": data["target"]}
    return {**common, "label": data["type"], "caption": data.get("caption"),
            "masked": bool(data.get("masked"))}


def _flat(value: Any) -> str:
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _prepare(records: list[dict[str, Any]], drawn: list[dict[str, Any]],
             chosen_ids: Iterable[str]) -> _Export:
    """Redact the chart's records, then keep what is drawn of what is left: a drawn record
    that survived, a folded link whose every record survived (its ends renamed when they are
    pseudonymised persons)."""
    salt = secrets.token_bytes(32)
    service = [_as_service(e) for e in records]
    nodes = [n for n in service if "label" in n]
    rels = [r for r in service if "label" not in r]
    out_nodes, out_rels, report = redact(nodes, rels, recipient=None, include_protected=False,
                                         salt=salt)
    renamed = pseudonymised_ids(nodes, salt)
    left = {n["id"] for n in out_nodes}
    survivors = {n["id"]: n for n in nodes if renamed.get(n["id"], n["id"]) in left}
    survivors.update({r["id"]: r for r in out_rels})
    out_by_id = {n["id"]: n for n in out_nodes} | {r["id"]: r for r in out_rels}

    def new_id(element_id: str) -> str:
        return renamed.get(element_id, element_id)

    def parts(data: dict[str, Any]) -> list[str]:
        """What a drawn element stands for; no other record of a person when one of them is
        pseudonymised (a named record next to a pseudonym would name it)."""
        found = [x for x in data.get("folded") or () if x in survivors]
        if data["id"] in renamed or any(x in renamed for x in found):
            found = [x for x in found if survivors[x].get("label") != "Person"]
        return found

    node_rows, kept_nodes, stood_for = [], set(), set()
    for element in (e for e in drawn if not _is_edge(e)):
        data = element["data"]
        if data["id"] not in survivors:
            continue
        record = out_by_id[new_id(data["id"])]
        caption = data.get("caption") if data["id"] not in renamed else (
            data["caption"] if data.get("masked") else PSEUDONYM_CAPTION)
        node_rows.append(_node_row(record, data, caption, [new_id(x) for x in parts(data)],
                                   _highlighted(element)))
        kept_nodes.add(data["id"])
        stood_for |= {data["id"], *parts(data)}
    edge_rows = []
    record_ids = {r["id"] for r in service}
    for element in (e for e in drawn if _is_edge(e)):
        data = element["data"]
        if data["source"] not in kept_nodes or data["target"] not in kept_nodes:
            continue
        folded = list(data.get("folded") or ())
        if data["id"] in survivors:
            inside = [survivors[data["id"]]]
        elif data["id"] not in record_ids and folded \
                and all(x in survivors for x in folded):
            inside = [survivors[x] for x in folded]
        else:  # a record left out, or a folded link that stands for one
            continue
        edge_rows.append(_edge_row(data, inside, new_id, _highlighted(element)))
        stood_for |= {data["id"], *folded}
    ftm_nodes = [out_by_id[new_id(i)] for i in survivors if i in stood_for and "label" in
                 survivors[i]]
    present = {n["id"] for n in ftm_nodes}
    ftm_rels = [out_by_id[i] for i in survivors if i in stood_for and "label" not in
                survivors[i] and out_by_id[i]["source"] in present
                and out_by_id[i]["target"] in present]
    chosen = [out_by_id[new_id(c["id"])]
              for c in _chosen(drawn, set(chosen_ids), survivors, stood_for)]
    tlp = most_restrictive(str(x["provenance"].get("tlp") or "")
                           for x in (*ftm_nodes, *ftm_rels))
    captions = {row["id"]: row["caption"] for row in node_rows}
    chosen_rows = [{**c, "caption": captions.get(c["id"]) or _rel_caption(c, captions)}
                   for c in chosen]
    chart_ids = {new_id(i): i for i in kept_nodes}
    return _Export(node_rows, edge_rows, (ftm_nodes, ftm_rels), chosen_rows, report, tlp,
                   chart_ids)


def _chosen(drawn: list[dict[str, Any]], chosen_ids: set[str],
            survivors: dict[str, dict[str, Any]], stood_for: set[str]) -> list[dict[str, Any]]:
    """The records of the selected elements, else of the highlighted ones, in chart order."""
    if not chosen_ids:
        chosen_ids = {e["data"]["id"] for e in drawn if _highlighted(e)}
    wanted: list[str] = []
    for element in drawn:
        data = element["data"]
        if data["id"] in chosen_ids:
            wanted += [data["id"], *(data.get("folded") or ())]
    seen: set[str] = set()
    out = []
    for element_id in wanted:
        if element_id in survivors and element_id in stood_for and element_id not in seen:
            seen.add(element_id)
            out.append(survivors[element_id])
    return out


def _rel_caption(rel: dict[str, Any], captions: dict[str, str]) -> str:
    if "label" in rel:  # a record folded into a drawn node or link
        return str(rel.get("caption") or rel["id"])
    return (f"{captions.get(rel['source'], rel['source'])} {rel['type']} "
            f"{captions.get(rel['target'], rel['target'])}")


def _highlighted(element: dict[str, Any]) -> bool:
    return "highlight" in (element.get("classes") or "").split()


def _provenance(prov: dict[str, Any]) -> dict[str, str]:
    return {k: _flat(prov.get(k)) for k in PROVENANCE}


def _node_row(record: dict[str, Any], data: dict[str, Any], caption: Any,
              parts: list[str], highlighted: bool) -> dict[str, str]:
    prov = _provenance(record["provenance"])
    row = {"id": record["id"], "type": record["label"], "caption": _flat(caption),
           "jurisdiction": _flat(data.get("jurisdiction")), "date": _flat(data.get("date")),
           **prov, "highlighted": "yes" if highlighted else "",
           "stands_for": "; ".join(x for x in parts if x != record["id"])}
    for key, value in record["properties"].items():
        row.setdefault(key, _flat(value))
    return row


def _edge_row(data: dict[str, Any], inside: list[dict[str, Any]], new_id: Any,
              highlighted: bool) -> dict[str, str]:
    """A drawn edge: a relationship as it is, or a folded link with what it stands for (its
    money totals, its records' sources and most restrictive TLP)."""
    record = inside[0] if len(inside) == 1 and inside[0]["id"] == data["id"] else None
    props = record["properties"] if record else {}
    totals = data.get("totals") or {}
    if totals:
        amount = "; ".join(f"{v:.2f}" for _, v in sorted(totals.items()))
        currency = "; ".join(sorted(totals))
    else:
        amount, currency = _flat(props.get("amount")), _flat(props.get("currency"))
    if record:
        prov = _provenance(record["provenance"])
    else:
        prov = {k: "; ".join(sorted({_flat(r["provenance"].get(k)) for r in inside}
                                    - {""})) for k in PROVENANCE}
        prov["tlp"] = most_restrictive(r["provenance"].get("tlp") for r in inside)
    row = {"id": data["id"], "source": new_id(data["source"]), "target": new_id(data["target"]),
           "type": data["type"], "caption": _flat(data.get("caption")),
           "date": _flat(data.get("date")), "amount": amount, "currency": currency,
           "count": _flat(data.get("count")), "record_source": prov.pop("source"), **prov,
           "highlighted": "yes" if highlighted else "",
           "stands_for": "" if record else "; ".join(new_id(r["id"]) for r in inside)}
    for key, value in props.items():
        row.setdefault(key, _flat(value))
    return row


def _csv(rows: list[dict[str, str]], first: tuple[str, ...]) -> str:
    extra = sorted({k for row in rows for k in row} - set(first))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*first, *extra], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _left_out(report: Redaction) -> str:
    return (f"Left out: {report.red_dropped} TLP:RED and {report.strict_dropped} "
            f"TLP:AMBER+STRICT element(s), {report.relationships_dropped} link(s) to them, "
            f"{report.documents_dropped} document(s) of protected persons; "
            f"{report.pseudonymised} protected person(s) pseudonymised.")


def _readme(export: _Export, viewer: Viewer, written: str) -> str:
    return (f"TLP:{export.tlp}\n\nCrosslink chart export, written {written} for "
            f"{viewer.username}: the elements drawn in Explore.\n"
            f"nodes.csv: {len(export.nodes)} nodes; edges.csv: {len(export.edges)} edges "
            f"(folded links list the records they stand for in stands_for).\n"
            f"{_left_out(export.report)}\n")


def _zip(export: _Export, viewer: Viewer, written: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(export, viewer, written))
        archive.writestr("nodes.csv", _csv(export.nodes, NODE_COLUMNS))
        archive.writestr("edges.csv", _csv(export.edges, EDGE_COLUMNS))
    return buffer.getvalue()


def _picture(export: _Export, picture: Picture, viewer: Viewer, written: str
             ) -> dict[str, Any]:
    """What the PDF shows (``backend.reports.chart_pdf``)."""
    nodes = [{"id": row["id"], "type": row["type"], "caption": row["caption"],
              "highlighted": bool(row["highlighted"]),
              "position": picture.positions.get(export.chart_ids.get(row["id"], row["id"]))}
             for row in export.nodes]
    edges = [{"source": row["source"], "target": row["target"], "type": row["type"]}
             for row in export.edges]
    types = sorted({n["type"] for n in nodes}) + sorted({e["type"] for e in edges
                                                         if e["type"] in picture.colours
                                                         and e["type"] not in MODEL.nodes})
    provenance = [[c["caption"][:60], c.get("label") or c.get("type"),
                   *(_flat(c["provenance"].get(k)) for k in ("source", "batch_id")),
                   _flat(c["provenance"].get("ingested_at"))[:19],
                   f"{c['provenance'].get('reliability') or '?'}"
                   f"{c['provenance'].get('credibility') or '?'}",
                   _flat(c["provenance"].get("tlp"))] for c in export.chosen]
    return {"title": "Crosslink chart", "marking": f"TLP:{export.tlp}",
            "notes": [f"Written {written} for {viewer.username}: {len(nodes)} nodes and "
                      f"{len(edges)} edges as drawn in Explore.", _left_out(export.report)],
            "nodes": nodes, "edges": edges, "colours": picture.colours,
            "legend": [(t, picture.colours.get(t, "#999999")) for t in types],
            "provenance": provenance[:PROVENANCE_ROWS],
            "provenance_more": max(0, len(provenance) - PROVENANCE_ROWS)}


def export_chart(db: Session, viewer: Viewer, records: list[dict[str, Any]],
                 drawn: list[dict[str, Any]], fmt: ChartFormat | str, *,
                 chosen: Iterable[str] = (), picture: Picture | None = None) -> ChartFile:
    """The chart as a file: ``records`` are the chart state's elements (everything it holds),
    ``drawn`` the elements of its view as drawn (folded, filtered, without the hidden ones,
    each with its ``classes``), ``chosen`` the ids of the selected ones (none: the highlighted
    ones) whose provenance the PDF lists, ``picture`` the positions and colours it draws with.
    Audited as an export."""
    viewer.require(Permission.read_graph)
    viewer.require(Permission.export)
    try:
        fmt = ChartFormat(fmt)
    except ValueError:
        raise BadInputError(f"format {fmt}: one of {', '.join(ChartFormat)}",
                            field="format") from None
    if not drawn:
        raise BadInputError("the chart is empty: nothing to export", field="chart")
    export = _prepare(records, drawn, chosen)
    written = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    filename = f"crosslink-chart-tlp-{export.tlp.lower().replace('+', '-')}.{SUFFIX[fmt]}"
    if fmt is ChartFormat.csv:
        content = _zip(export, viewer, written)
    elif fmt is ChartFormat.ftm:
        content = "".join(ftm.ftm_lines(*export.records)).encode("utf-8")
    else:
        content = chart_pdf(_picture(export, picture or Picture(), viewer, written))
    summary = {"chart": "explore", "format": fmt.value, "out": filename,
               "nodes": len(export.nodes), "relationships": len(export.edges),
               "records": len(export.records[0]) + len(export.records[1]),
               "tlp": export.tlp, **export.report.as_dict()}
    audit.record(db, viewer, audit.Action.export, summary, result_size=len(export.nodes))
    return ChartFile(filename, content, MEDIA[fmt], summary)
