"""The Cypher console: analysts' own read-only queries, checked, limited and timed.

Two guards: ``refusal`` scans the tokens of the query (strings, comments and quoted names
removed) and refuses writes, schema and admin commands, ``LOAD CSV`` and procedures outside a
short read-only list, with a message saying what was refused; then the query runs in a READ
access-mode transaction with a timeout, which the server itself stops from writing. Both doors
use them: the API console and ``crosslink cypher``, where an administrator may lift the
procedure allow-list (``unrestricted``); the rest of the guard stays.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from neo4j import READ_ACCESS, NotificationSeverity, ResultSummary, Session, Transaction
from neo4j.graph import Node, Path, Relationship

from graph.access import RED
from graph.connection import Graph
from graph.elements import jsonable, node_element, rel_element
from graph.model import MODEL, closest

# the console hands Neo4j's warnings to the user who typed the query (ConsoleResult.warnings);
# the driver would also log each one
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

WRITE_CLAUSES = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "FOREACH")
SCHEMA_AND_ADMIN = ("DROP", "ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP",
                    "TERMINATE", "ENABLE", "DEALLOCATE", "REALLOCATE", "USE", "SHOW")
READ_PROCEDURES = (
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
)

_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.S)
_QUOTED = re.compile(r"`(?:[^`]|``)*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*|\S")


def _tokens(cypher: str) -> list[str]:
    text = _COMMENTS.sub(" ", _STRINGS.sub("''", cypher))
    text = _QUOTED.sub("_quoted_", text)
    return _TOKEN.findall(text)


def refusal(cypher: str, *, unrestricted: bool = False) -> str | None:
    """Why the console refuses ``cypher``, or None when it may run.

    ``unrestricted`` lifts the procedure allow-list: any procedure (``dbms.*`` too) and the
    SHOW commands may run; writes, schema changes, LOAD CSV and IN TRANSACTIONS stay refused."""
    if not cypher.strip():
        return "the query is empty"
    tokens = _tokens(cypher)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if before in (".", ":", "$") or after == ":":
            continue  # a property, label, parameter or map key that happens to be a keyword
        word = re.sub(r"\s+", "", token).upper()
        if word == "CREATE" and after.upper() in ("INDEX", "CONSTRAINT", "FULLTEXT", "TEXT",
                                                  "RANGE", "POINT", "LOOKUP", "VECTOR",
                                                  "DATABASE", "USER", "ROLE", "ALIAS"):
            return (f"CREATE {after.upper()} is a schema or administration command; the console "
                    "only reads (schema: `crosslink db init`)")
        if word in WRITE_CLAUSES:
            return f"{word} writes to the graph; the console is read-only"
        if word == "LOAD" and after.upper() == "CSV":
            return "LOAD CSV is not allowed in the console; use `crosslink ingest`"
        if unrestricted and word == "SHOW":
            continue
        if word in SCHEMA_AND_ADMIN:
            return (f"{word} is a schema or administration command; the console only reads "
                    "(schema: `crosslink db init`)")
        if word == "IN" and after.upper() == "TRANSACTIONS":
            return "CALL ... IN TRANSACTIONS is not allowed in the console"
        if unrestricted:
            continue
        if word.startswith("DBMS.") or word == "DBMS":
            return f"{token} is an administration procedure; the console only reads"
        if word == "CALL" and after not in ("{", "("):
            name = re.sub(r"\s+", "", after).lower()
            if name.startswith("dbms."):
                return f"{after} is an administration procedure; the console only reads"
            if name not in READ_PROCEDURES:
                return (f"procedure {after} is not allowed in the console; allowed: "
                        f"{', '.join(READ_PROCEDURES)}")
    return None


INT64 = 2**63


def check_params(value: Any, path: str = "params") -> None:
    """Raise ``ValueError`` naming the parameter when a value cannot go to Neo4j."""
    # dates and times: the typed `date` parameters of saved queries (graph.query_library)
    if isinstance(value, bool) or value is None or isinstance(value, (str, float, dt.date,
                                                                       dt.time)):
        return
    if isinstance(value, int):
        if not -INT64 <= value < INT64:
            raise ValueError(f"{path}: integer out of Neo4j's 64-bit range")
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            check_params(item, f"{path}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            check_params(item, f"{path}.{key}")
        return
    raise ValueError(f"{path}: unsupported value {type(value).__name__}")


@dataclass
class ConsoleResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    nodes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    redacted: int = 0
    warnings: list[str] = field(default_factory=list)


REDACTED = {"redacted": True, "reason": "TLP:RED of another authority"}


class _Collector:
    """Turns driver values into JSON, gathering the nodes and relationships met on the way;
    TLP:RED elements of sources the user does not own are replaced by a redaction mark
    (``own_sources`` None: the user owns every source)."""

    def __init__(self, own_sources: set[str] | None) -> None:
        self.own_sources = own_sources
        self.nodes: dict[str, dict[str, Any]] = {}
        self.rels: dict[str, dict[str, Any]] = {}
        self.ids: dict[str, str] = {}
        self.redacted = 0

    def _hidden(self, props: dict[str, Any]) -> bool:
        return (self.own_sources is not None and props.get("tlp") == RED
                and props.get("source") not in self.own_sources)

    def node(self, node: Node) -> Any:
        props = dict(node)
        if self._hidden(props):
            self.redacted += 1
            return REDACTED
        element = node_element(sorted(node.labels), props)
        self.ids[node.element_id] = element["id"]
        self.nodes.setdefault(element["id"], element)
        return element["id"]

    def rel(self, rel: Relationship) -> Any:
        props = dict(rel)
        if self._hidden(props):
            self.redacted += 1
            return REDACTED
        start = rel.start_node.element_id if rel.start_node else ""
        end = rel.end_node.element_id if rel.end_node else ""
        for end_node in (rel.start_node, rel.end_node):
            if end_node is not None and end_node.labels:
                self.node(end_node)
        self.rels.setdefault(rel.element_id, rel_element(
            rel.element_id, rel.type or "", self.ids.get(start, start), self.ids.get(end, end),
            props))
        return rel.element_id

    def value(self, value: Any) -> Any:
        if isinstance(value, Node):
            return self.node(value)
        if isinstance(value, Relationship):
            return self.rel(value)
        if isinstance(value, Path):
            return {"nodes": [self.node(n) for n in value.nodes],
                    "relationships": [self.rel(r) for r in value.relationships]}
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return jsonable(value)


# GQL status of Neo4j's "does not exist" warnings: what is missing, and how to list what exists
# (a name of the model that no data has yet is not a misspelling)
_MODEL_PROPERTIES = frozenset(
    {*MODEL.provenance, *(p for n in MODEL.nodes.values() for p in (n.key, *n.properties)),
     *(p for r in MODEL.relationships.values() for p in r.properties)})
_MISSING: dict[str, tuple[str, str, Collection[str]]] = {
    "01N50": ("label", "CALL db.labels() YIELD label RETURN label AS name", set(MODEL.nodes)),
    "01N51": ("relationship type",
              "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name",
              set(MODEL.relationships)),
    "01N52": ("property", "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS name",
              _MODEL_PROPERTIES),
}
_NAMED = re.compile(r"`((?:[^`]|``)+)`")


def query_warnings(tx: Transaction, summary: ResultSummary) -> list[str]:
    """Neo4j's warnings about a query, for the person who wrote it: a misspelt label,
    relationship type or property says what it may have meant (``the label `Persn` is not
    in the graph: did you mean Person?``); others as Neo4j words them. With the position."""
    found = []
    notes = [st for st in summary.gql_status_objects
             if st.is_notification and st.severity == NotificationSeverity.WARNING]
    for status in sorted(notes, key=lambda st: (st.position.line, st.position.column)
                         if st.position else (0, 0)):
        where = (f" (line {status.position.line}, column {status.position.column})"
                 if status.position else "")
        missing = _MISSING.get(status.gql_status)
        named = _NAMED.search(status.status_description)
        if missing and named:
            kind, listing, in_model = missing
            name = named.group(1).replace("``", "`")
            text = f"the {kind} `{name}` is not in the graph{where}"
            if name in in_model:
                text += f": no {name} has been loaded yet"
            elif best := closest(name, [r["name"] for r in tx.run(listing)]):
                text += f": did you mean {best}?"
        else:
            text = re.sub(r"^warn: ", "", status.status_description) + where
        found.append(text)
    return found


def warning_session(graph: Graph) -> Session:
    """A READ session whose results carry Neo4j's warnings (``query_warnings``)."""
    return graph.driver.session(database=graph.database, default_access_mode=READ_ACCESS,
                                notifications_min_severity="WARNING")


def run_console(graph: Graph, cypher: str, params: dict[str, Any] | None, *, timeout: float,
                row_limit: int, own_sources: set[str] | None, unrestricted: bool = False
                ) -> ConsoleResult:
    """Run a checked query in a READ transaction; at most ``row_limit`` rows are read.

    Raises ``ValueError`` with the reason when the query is refused (``refusal``); the
    driver's ``ClientError`` when Neo4j refuses it or the timeout stops it."""
    reason = refusal(cypher, unrestricted=unrestricted)
    if reason:
        raise ValueError(reason)
    check_params(params or {})
    collector = _Collector(own_sources)
    rows: list[dict[str, Any]] = []
    truncated = False
    with warning_session(graph) as s, s.begin_transaction(timeout=timeout) as tx:
        result = tx.run(cypher, params or {})
        columns = list(result.keys())
        for record in result:
            if len(rows) >= row_limit:
                truncated = True
                break
            rows.append({k: collector.value(v) for k, v in record.items()})
        warnings = query_warnings(tx, result.consume())
        tx.rollback()
    # relationships' ends met only as ids: name them by their node ids when known
    for rel in collector.rels.values():
        rel["source"] = collector.ids.get(rel["source"], rel["source"])
        rel["target"] = collector.ids.get(rel["target"], rel["target"])
    return ConsoleResult(columns, rows, list(collector.nodes.values()),
                         list(collector.rels.values()), truncated, collector.redacted, warnings)
