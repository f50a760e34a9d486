"""Running a saved query by name in tests."""

from __future__ import annotations

from typing import Any

from graph.connection import Graph
from graph.query_library import load_library, run_query

LIBRARY = load_library()


def run(graph: Graph, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return run_query(graph, LIBRARY[name], params, timeout=30, row_limit=1000).rows


def missing(rows: list[dict[str, Any]], expect: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The expected values (per column) that no row holds; empty when all were found."""
    gaps: dict[str, list[Any]] = {}
    for column, values in expect.items():
        found: set[Any] = set()
        for row in rows:
            cell = row.get(column)
            found.update(_hashable(v) for v in (cell if isinstance(cell, list) else [cell]))
        absent = [v for v in values if _hashable(v) not in found]
        if absent:
            gaps[column] = absent
    return gaps


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
