"""The graph schema, derived from the domain model: key constraints, filter indexes, search.

``apply_schema`` is idempotent (``IF NOT EXISTS``) and records the schema version on a
``_CrosslinkMeta`` node, which statistics and resets leave alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from graph.connection import Graph
from graph.model import MODEL, Model

# Bump when a statement below changes in a way that needs a migration.
SCHEMA_REVISION = 2
# indexes of earlier revisions, dropped: RECRUITED_BY's date "on" was read from graph/model.yaml
# as the boolean true (revision 1), so its index named a property "True" that nothing has
OBSOLETE_INDEXES = ("RECRUITED_BY_True",)
FULLTEXT_INDEX = "crosslink_search"
META_LABEL = "_CrosslinkMeta"


# A range index (and the index behind a key constraint) refuses a value over 8,167 bytes
# ("Property value is too large to index") and fails the whole transaction. Values that such
# an index holds are bounded to this many bytes of UTF-8; the property the user reads keeps
# the whole value (full_name next to name_folded, text next to an address's key).
INDEX_VALUE_BYTES = 4000
_HASH_CHARS = 64


def _utf8_prefix(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def fits_index(text: str) -> bool:
    return len(text.encode("utf-8")) <= INDEX_VALUE_BYTES


def index_prefix(text: str) -> str:
    """A matching form (``name_folded``) as the index can hold it: its first
    ``INDEX_VALUE_BYTES`` bytes (a whole character at the end), so prefix search still finds
    it by its start."""
    return text if fits_index(text) else _utf8_prefix(text, INDEX_VALUE_BYTES)


def bounded_key(text: str) -> str:
    """A key (an address's folded text and country) as a key constraint can hold it: itself
    when it fits, else its start and the SHA-256 of the whole value, so two long values that
    differ after their start stay two keys and the same value is always the same key."""
    if fits_index(text):
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"{_utf8_prefix(text, INDEX_VALUE_BYTES - _HASH_CHARS - 1)}#{digest}"


@dataclass(frozen=True)
class SchemaItem:
    name: str
    statement: str


def schema_items(model: Model = MODEL) -> list[SchemaItem]:
    """Every constraint and index of the model, with stable names."""
    items: list[SchemaItem] = []
    for label in model.nodes.values():
        items.append(SchemaItem(
            f"{label.name}_{label.key}_key",
            f"CREATE CONSTRAINT {label.name}_{label.key}_key IF NOT EXISTS "
            f"FOR (n:{label.name}) REQUIRE n.{label.key} IS UNIQUE",
        ))
        for prop in label.indexes:
            items.append(SchemaItem(
                f"{label.name}_{prop}",
                f"CREATE INDEX {label.name}_{prop} IF NOT EXISTS "
                f"FOR (n:{label.name}) ON (n.{prop})",
            ))
        if label.kind == "record":
            items.append(SchemaItem(
                f"{label.name}_source",
                f"CREATE INDEX {label.name}_source IF NOT EXISTS "
                f"FOR (n:{label.name}) ON (n.source)",
            ))
    for rel in model.relationships.values():
        for prop in rel.dates:
            items.append(SchemaItem(
                f"{rel.name}_{prop}",
                f"CREATE INDEX {rel.name}_{prop} IF NOT EXISTS "
                f"FOR ()-[r:{rel.name}]-() ON (r.`{prop}`)",
            ))
    items.append(SchemaItem(
        "SAME_AS_status",
        "CREATE INDEX SAME_AS_status IF NOT EXISTS FOR ()-[r:SAME_AS]-() ON (r.status)",
    ))
    labels, props = fulltext_fields(model)
    items.append(SchemaItem(
        FULLTEXT_INDEX,
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{'|'.join(labels)}) "
        f"ON EACH [{', '.join('n.' + p for p in props)}]",
    ))
    items.append(SchemaItem(
        f"{META_LABEL}_id",
        f"CREATE CONSTRAINT {META_LABEL}_id IF NOT EXISTS "
        f"FOR (n:{META_LABEL}) REQUIRE n.id IS UNIQUE",
    ))
    return items


def fulltext_fields(model: Model = MODEL) -> tuple[list[str], list[str]]:
    """The labels and the properties of the search index: every label with ``fulltext``."""
    searchable = [lab for lab in model.nodes.values() if lab.fulltext]
    return ([lab.name for lab in searchable],
            sorted({p for lab in searchable for p in lab.fulltext}))


def fulltext_is_stale(graph: Graph, model: Model = MODEL) -> bool:
    """Whether the search index exists but covers other labels or properties than the model
    (a label made searchable since it was created): it is then dropped and created again."""
    rows = graph.read("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties "
                      "WHERE name = $name RETURN labelsOrTypes, properties",
                      {"name": FULLTEXT_INDEX})
    if not rows:
        return False
    labels, props = fulltext_fields(model)
    return (sorted(rows[0]["labelsOrTypes"]) != sorted(labels)
            or sorted(rows[0]["properties"]) != props)


def schema_version(model: Model = MODEL) -> str:
    return f"{model.version}.{SCHEMA_REVISION}"


def existing_schema_names(graph: Graph) -> set[str]:
    constraints = graph.read("SHOW CONSTRAINTS YIELD name RETURN name")
    indexes = graph.read("SHOW INDEXES YIELD name RETURN name")
    return {r["name"] for r in constraints} | {r["name"] for r in indexes}


def apply_schema(graph: Graph, model: Model = MODEL) -> list[str]:
    """Create what is missing; return the names created (empty when nothing changed)."""
    before = existing_schema_names(graph)
    stale = {FULLTEXT_INDEX} if fulltext_is_stale(graph, model) else set()
    for name in (*OBSOLETE_INDEXES, *stale):
        if name in before:
            with graph.driver.session(database=graph.database) as session:
                session.run(f"DROP INDEX {name} IF EXISTS").consume()
            before.discard(name)
    created = []
    for item in schema_items(model):
        if item.name in before:
            continue
        with graph.driver.session(database=graph.database) as session:
            session.run(item.statement).consume()  # schema commands need auto-commit
        created.append(item.name)
    version = schema_version(model)
    current = graph.read(f"MATCH (m:{META_LABEL} {{id: 'schema'}}) RETURN m.version AS v")
    if not current or current[0]["v"] != version:
        graph.write(
            f"MERGE (m:{META_LABEL} {{id: 'schema'}}) "
            "SET m.version = $v, m.applied_at = datetime()",
            {"v": version},
        )
    if created:
        with graph.driver.session(database=graph.database) as session:
            session.run("CALL db.awaitIndexes(300)").consume()
    return created


def recorded_version(graph: Graph) -> str | None:
    rows = graph.read(f"MATCH (m:{META_LABEL} {{id: 'schema'}}) RETURN m.version AS v")
    return rows[0]["v"] if rows else None
