"""The saved-query library (``queries/*.cypher``) and the runner of saved and own queries.

Both kinds run the same way: parameters checked against their declared types, the text
refused if it writes (``graph.console.refusal``), then a READ access-mode transaction with a
timeout, which the server itself stops from writing. Results come as rows and as the graph
elements found in them (``graph.console``), so the API, the UI and the CLI show the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.connection import Graph
from graph.console import ConsoleResult, refusal, run_console
from graph.elements import jsonable
from graph.query_library.header import HeaderError, SavedQuery, parse_saved_query
from graph.query_library.params import (
    PARAM_TYPES,
    ParamError,
    QueryParam,
    bind_params,
    parse_default,
)

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
OWN_QUERY = "own query"
ALL_SOURCES = "MATCH (s:Source) RETURN collect(s.id) AS ids"


class UnknownQueryError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class QueryResult(ConsoleResult):
    """A console result (columns, rows, nodes, relationships, truncated, redacted) with the
    query's name and the parameter values it ran with."""

    query: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def read_query_file(path: Path) -> SavedQuery:
    """One query file, refused (``HeaderError``) when its header is incomplete or it writes."""
    query = parse_saved_query(path.read_text(encoding="utf-8"), path.stem, path.name)
    reason = refusal(query.cypher)
    if reason:
        raise HeaderError(f"{path.name}: refused, saved queries only read: {reason}")
    return query


def load_library(folder: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """All saved queries by name, in name order."""
    return {path.stem: read_query_file(path) for path in sorted(folder.glob("*.cypher"))}


def saved_query(name: str, folder: Path = QUERIES_DIR) -> SavedQuery:
    path = folder / f"{name}.cypher"
    if not name.replace("_", "").isalnum() or not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.cypher")))
        raise UnknownQueryError(f"no saved query {name!r}; saved queries: {known}")
    return read_query_file(path)


def declared_param(spec: Mapping[str, Any] | QueryParam) -> QueryParam:
    """An own query's parameter as the API stores it: {name, type, default?, help?}."""
    if isinstance(spec, QueryParam):
        return spec
    name, type_ = str(spec.get("name", "")), str(spec.get("type", ""))
    if not name.isidentifier():
        raise ParamError(f"parameter name {name!r}: use letters, digits and _", name)
    if type_ not in PARAM_TYPES:
        raise ParamError(f"parameter {name}: unknown type {type_!r}; use one of "
                         f"{', '.join(PARAM_TYPES)}", name)
    default = spec.get("default")
    if default is None:
        return QueryParam(name, type_, None, str(spec.get("help", "")), required=True)
    try:
        value = parse_default(type_, default)
    except ValueError as exc:
        raise ParamError(f"parameter {name}: default {default!r} is not {type_} ({exc})",
                         name) from None
    return QueryParam(name, type_, value, str(spec.get("help", "")))


def own_query(cypher: str, params: Sequence[Mapping[str, Any] | QueryParam] = (),
              name: str = OWN_QUERY) -> SavedQuery:
    """An analyst's own query text with its declared parameters, checked like a saved one.

    Raises ``ParamError`` for a bad declaration and ``ValueError`` when the text writes."""
    reason = refusal(cypher)
    if reason:
        raise ValueError(f"refused: {reason}")
    declared = tuple(declared_param(p) for p in params)
    return SavedQuery(name=name, title=name, description="", targets=(), params=declared,
                      returns=(), cypher=cypher)


def run_query(graph: Graph, query: SavedQuery, values: Mapping[str, Any] | None = None, *,
              timeout: float, row_limit: int, own_sources: set[str] | None = None
              ) -> QueryResult:
    """Run a saved or own query; ``own_sources`` None shows TLP:RED of every source.

    Raises ``ParamError`` before anything runs; the driver's ``ClientError`` when Neo4j
    refuses the query or the timeout stops it. Rows keep the ``returns`` columns of a saved
    query; its other columns (``evidence``) only add graph elements."""
    params = bind_params(query.params, values or {}, query.name)
    if own_sources is None:
        own_sources = set(graph.read(ALL_SOURCES, timeout=timeout)[0]["ids"])
    result = run_console(graph, query.cypher, params, timeout=timeout, row_limit=row_limit,
                         own_sources=own_sources)
    columns = [c for c in query.returns if c in result.columns] or result.columns
    rows = [{c: row.get(c) for c in columns} for row in result.rows]
    return QueryResult(columns, rows, result.nodes, result.relationships, result.truncated,
                       result.redacted, query=query.name,
                       params={k: jsonable(v) for k, v in params.items()})
