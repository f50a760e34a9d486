"""The Cypher that loads ingested rows: one loader per template, built from small statement
builders, each ``UNWIND $rows ... MERGE`` so a batch can be replayed (driver retries, a load
run again after a crash) without changing any count.

Rows come from ``ingest.records``: ``uid`` (or ``key``), ``props`` (record properties; a
``None`` removes the property), ``prov`` (the row's source, record_id and grades), lists of
identifier items ``{key, props[, kind]}`` and link fields (``*_uid``/``*_key`` with
``*_label``). ``$run`` carries what a whole run shares (ingested_at, batch_id), so it is sent
once per statement, not once per row. Each statement receives only the rows (and fields) it
uses: the driver's packing of parameters is a large part of the cost of a load.
Labels and relationship types are checked against graph/model.yaml before they are formatted
in; values are always parameters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from neo4j import ManagedTransaction

from graph.connection import Graph
from graph.model import MODEL

Row = dict[str, Any]

# Identifier nodes are shared across sources: their provenance is the first report, and
# ``sources`` lists every source that reported them.
def _stamp(var: str) -> str:
    """Provenance of ``var`` from the row and the run."""
    return (f"{var} += row.prov, {var}.ingested_at = $run.ingested_at, "
            f"{var}.batch_id = $run.batch_id")


ADD_SOURCE = ("n.sources = CASE WHEN row.prov.source IN coalesce(n.sources, []) THEN n.sources "
              "ELSE coalesce(n.sources, []) + row.prov.source END")

MERGE_SOURCES = """
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s += row.prov, s.ingested_at = $run.ingested_at, s.batch_id = $run.batch_id
SET s.name = coalesce(row.name, s.name, row.id), s.kind = coalesce(row.kind, s.kind),
    s.country = coalesce(row.country, s.country)
"""


@dataclass
class Counters:
    nodes_created: int = 0
    relationships_created: int = 0

    def add(self, other: Counters) -> None:
        self.nodes_created += other.nodes_created
        self.relationships_created += other.relationships_created


def _label(name: str) -> str:
    return MODEL.check_labels([name])[0]


def _rel(name: str) -> str:
    return MODEL.check_rel_types([name])[0]


@dataclass(frozen=True)
class Statement:
    """One Cypher statement and the row fields it reads: only rows where every ``needs``
    field is set are sent, with only the ``fields`` it reads."""

    cypher: str
    fields: tuple[str, ...]
    needs: tuple[str, ...] = ()

    def rows(self, rows: Iterable[Row]) -> list[Row]:
        return [{f: row.get(f) for f in self.fields} for row in rows
                if all(row.get(n) for n in self.needs)]


@cache
def merge_records(label: str) -> Statement:
    """Record nodes by uid: properties and provenance follow the latest load of the row."""
    extra, fields = "", ("uid", "props", "prov")
    if label == "Person":
        # protected is only ever switched on by ingest (minors here, victims in case_roles)
        extra = ", n.protected = coalesce(n.protected, false) OR coalesce(row.minor, false)"
        fields += ("minor",)
    return Statement(f"UNWIND $rows AS row MERGE (n:{_label(label)} {{uid: row.uid}}) "
                     f"SET n += row.props, {_stamp('n')}{extra}", fields)


@cache
def merge_identifier_rows(label: str) -> Statement:
    """Identifier nodes that are the row itself (accounts.csv): the row's properties are set,
    empty cells leave what another source said."""
    key = MODEL.label(label).key
    return Statement(f"UNWIND $rows AS row MERGE (n:{_label(label)} {{{key}: row.key}}) "
                     f"ON CREATE SET {_stamp('n')} SET n += row.props, {ADD_SOURCE}",
                     ("key", "props", "prov"))


@cache
def link_identifiers(src_label: str, rel: str, id_label: str, field: str,
                     with_kind: bool = False) -> Statement:
    """``(record)-[rel]->(identifier)`` for each item of ``row.<field>``."""
    key = MODEL.label(id_label).key
    kind = " {kind: item.kind}" if with_kind else ""
    upgrade = ""
    if id_label == "Location":
        # a place once seen as a border crossing stays one
        upgrade = (" FOREACH (_ IN CASE WHEN item.props.kind = 'border_crossing' THEN [1] "
                   "ELSE [] END | SET n.kind = 'border_crossing')")
    return Statement(
        f"UNWIND $rows AS row MATCH (s:{_label(src_label)} {{uid: row.uid}}) "
        f"UNWIND row.{field} AS item "
        f"MERGE (n:{_label(id_label)} {{{key}: item.key}}) "
        f"ON CREATE SET n += item.props, {_stamp('n')} SET {ADD_SOURCE}{upgrade} "
        f"MERGE (s)-[r:{_rel(rel)}{kind}]->(n) SET {_stamp('r')}",
        ("uid", field, "prov"), (field,))


@cache
def link(src_label: str, src_field: str, rel: str, dst_label: str, dst_field: str,
         props_field: str | None = None, merge_on: str | None = None) -> Statement:
    """``(a)-[rel]->(b)`` between nodes named by two row fields (uid, or the label's key).

    ``merge_on`` names a row field that is part of the relationship's identity (role)."""
    src_key = MODEL.label(src_label).key
    dst_key = MODEL.label(dst_label).key
    merge_props = f" {{{merge_on}: row.{merge_on}}}" if merge_on else ""
    props = f", r += row.{props_field}" if props_field else ""
    fields = (src_field, dst_field, "prov") + tuple(f for f in (props_field, merge_on) if f)
    return Statement(
        f"UNWIND $rows AS row "
        f"MATCH (a:{_label(src_label)} {{{src_key}: row.{src_field}}}) "
        f"MATCH (b:{_label(dst_label)} {{{dst_key}: row.{dst_field}}}) "
        f"MERGE (a)-[r:{_rel(rel)}{merge_props}]->(b) SET {_stamp('r')}{props}",
        fields, (src_field, dst_field))


REPORTED_BY = Statement("""
UNWIND $rows AS row
MATCH (c:Case {uid: row.uid})
MERGE (a:Authority {id: row.authority})
ON CREATE SET a += row.prov, a.ingested_at = $run.ingested_at, a.batch_id = $run.batch_id,
              a.name = row.authority, a.country = row.jurisdiction
MERGE (c)-[r:REPORTED_BY]->(a)
SET r += row.prov, r.ingested_at = $run.ingested_at, r.batch_id = $run.batch_id
""", ("uid", "authority", "jurisdiction", "prov"), ("authority",))

PROTECT_VICTIMS = Statement("""
UNWIND $rows AS row MATCH (p:Person {uid: row.party_uid}) SET p.protected = true
""", ("party_uid",), ("victim",))


@cache
def retains_passport(retainer_label: str) -> Statement:
    """The retainer holds the person's passport (a passport the person HAS_DOCUMENT)."""
    return Statement(f"""
UNWIND $rows AS row
MATCH (p:Person {{uid: row.person_uid}})-[:HAS_DOCUMENT]->(d:Document {{type: 'passport'}})
MATCH (h:{_label(retainer_label)} {{uid: row.retainer_uid}})
MERGE (h)-[r:RETAINS]->(d) SET {_stamp('r')}
""", ("person_uid", "retainer_uid", "prov"), ("retainer_uid",))


def _run(tx: ManagedTransaction, statement: Statement, rows: Iterable[Row],
         run: Row) -> Counters:
    params = statement.rows(rows)
    if not params:
        return Counters()
    counters = tx.run(statement.cypher, rows=params, run=run).consume().counters  # type: ignore[arg-type]
    return Counters(counters.nodes_created, counters.relationships_created)


def _by_label(rows: Iterable[Row], field: str) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get(field):
            groups[row[field]].append(row)
    return groups


Step = Callable[[list[Row]], Sequence[tuple[Statement, list[Row]]]]


def _always(statement: Statement) -> Step:
    return lambda rows: [(statement, rows)]


def _per_label(field: str, build: Callable[[str], Statement]) -> Step:
    """A statement per label named in ``row[field]`` (labels cannot be parameters)."""
    return lambda rows: [(build(label), group)
                         for label, group in _by_label(rows, field).items()]


def _actor_steps(label: str, office: str) -> list[Step]:
    return [
        _always(merge_records(label)),
        _always(link_identifiers(label, "USES", "Phone", "phones")),
        _always(link_identifiers(label, "USES", "Email", "emails")),
        _always(link_identifiers(label, "LOCATED_AT", "Address", "addresses", with_kind=True)),
    ] + ([] if office == "residence" else [
        _always(link("Person", "owner_uid", "OWNS", label, "uid")),
    ])


# template name -> the statements that load its rows, in order, inside one transaction
LOADERS: dict[str, list[Step]] = {
    "cases": [_always(merge_records("Case")), _always(REPORTED_BY)],
    "persons": _actor_steps("Person", "residence") + [
        _always(link_identifiers("Person", "HAS_DOCUMENT", "Document", "documents")),
    ],
    "recruitment_agencies": _actor_steps("RecruitmentAgency", "office"),
    "employers": _actor_steps("Employer", "office"),
    "case_roles": [
        _per_label("party_label", lambda lab: link(lab, "party_uid", "INVOLVED_IN", "Case",
                                                   "case_uid", merge_on="role")),
        _always(PROTECT_VICTIMS),
    ],
    "placements": [
        _always(link("Person", "person_uid", "RECRUITED_BY", "RecruitmentAgency", "agency_uid",
                     props_field="recruited")),
        _always(link("Person", "person_uid", "EMPLOYED_BY", "Employer", "employer_uid",
                     props_field="employed")),
        _always(link("RecruitmentAgency", "agency_uid", "SUPPLIES", "Employer", "employer_uid")),
        _per_label("retainer_label", retains_passport),
    ],
    "accounts": [
        _always(merge_identifier_rows("Account")),
        _per_label("holder_label", lambda lab: link(lab, "holder_uid", "HOLDS", "Account",
                                                    "key")),
    ],
    "transactions": [
        _always(merge_records("Transaction")),
        _always(link("Account", "from_key", "SENT", "Transaction", "uid")),
        _always(link("Transaction", "uid", "PAID_TO", "Account", "to_key")),
    ],
    "travel": [
        _always(merge_records("TravelLeg")),
        _always(link("Person", "person_uid", "TRAVELLED", "TravelLeg", "uid")),
        _always(link("Person", "arranger_uid", "ARRANGED", "TravelLeg", "uid")),
        _always(link_identifiers("TravelLeg", "FROM", "Location", "from_places")),
        _always(link_identifiers("TravelLeg", "TO", "Location", "to_places")),
        _always(link_identifiers("TravelLeg", "VIA", "Location", "via_places")),
        _always(link_identifiers("TravelLeg", "USED", "Vehicle", "vehicles")),
    ],
    "advertisements": [
        _always(merge_records("Advertisement")),
        _always(link_identifiers("Advertisement", "USES", "Phone", "phones")),
        _always(link_identifiers("Advertisement", "USES", "Email", "emails")),
        _per_label("poster_label", lambda lab: link("Advertisement", "uid", "POSTED_BY", lab,
                                                    "poster_uid")),
    ],
}

SOURCES = Statement(MERGE_SOURCES, ("id", "name", "kind", "country", "prov"))


def write_batch(graph: Graph, template: str, rows: list[Row], sources: list[Row],
                run: Row) -> Counters:
    """Load one batch atomically: the sources it names, then the template's statements, in
    one managed write transaction (retried by the driver; every statement is a MERGE).
    ``run`` = {ingested_at, batch_id}, shared by every row."""
    steps = LOADERS[template]

    def work(tx: ManagedTransaction) -> Counters:
        total = _run(tx, SOURCES, sources, run)
        for step in steps:
            for statement, group in step(rows):
                total.add(_run(tx, statement, group, run))
        return total

    return graph.write_tx(work)
