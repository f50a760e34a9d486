"""Locations: coordinates of known places (the templates carry place names, not lat/lon)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.connection import Graph

SET_COORDINATES = """
UNWIND $rows AS row
MATCH (l:Location {key: row.key})
SET l.lat = row.lat, l.lon = row.lon
"""


def set_coordinates(graph: Graph, rows: Sequence[dict[str, Any]]) -> int:
    """Give the Locations keyed ``row.key`` their ``lat``/``lon`` (places not in the graph
    are skipped); returns the properties set. Idempotent."""
    if not rows:
        return 0
    return graph.write(SET_COORDINATES, {"rows": list(rows)})["properties_set"]
