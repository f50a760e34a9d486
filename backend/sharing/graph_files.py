"""Graph files for other tools: GraphML and GEXF (Gephi, via networkx) and nodes/edges CSV.

Every node and edge keeps its Crosslink id, label or type, caption, properties and
provenance as flat attributes (lists joined with ``; ``, empty values left out), so a chart
opened in Gephi can still be traced back to its records.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

NODE_COLUMNS = ("id", "label", "caption")
EDGE_COLUMNS = ("id", "source", "target", "type")


def _flat(value: Any) -> str | int | float | bool | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _attrs(element: Mapping[str, Any], fixed: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in fixed.items() if v is not None}
    for group in ("properties", "provenance"):
        for key, value in element.get(group, {}).items():
            flat = _flat(value)
            if flat is not None and key not in out:
                out[key] = flat
    return out


def to_networkx(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> nx.MultiDiGraph:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], **_attrs(n, {"label": n["label"], "caption": _flat(n["caption"])}))
    for r in rels:
        g.add_edge(r["source"], r["target"], key=r["id"],
                   **_attrs(r, {"type": r["type"], "label": r["type"]}))
    return g


def write_graphml(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], path: Path) -> None:
    nx.write_graphml(to_networkx(nodes, rels), path, named_key_ids=True)


def write_gexf(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], path: Path) -> None:
    nx.write_gexf(to_networkx(nodes, rels), path)


def write_csv(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], folder: Path
              ) -> tuple[Path, Path]:
    """``nodes.csv`` (id, label, caption, then every attribute) and ``edges.csv`` (id,
    source, target, type, then every attribute) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    node_rows = [_attrs(n, {"id": n["id"], "label": n["label"], "caption": _flat(n["caption"])})
                 for n in nodes]
    edge_rows = [_attrs(r, {"id": r["id"], "source": r["source"], "target": r["target"],
                            "type": r["type"]}) for r in rels]
    files = (folder / "nodes.csv", folder / "edges.csv")
    for path, rows, first in ((files[0], node_rows, NODE_COLUMNS),
                              (files[1], edge_rows, EDGE_COLUMNS)):
        extra = sorted({k for row in rows for k in row} - set(first))
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[*first, *extra])
            writer.writeheader()
            writer.writerows(rows)
    return files
