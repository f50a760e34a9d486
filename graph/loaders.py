"""The Cypher that loads ingested rows: one statement per template, ``UNWIND $batch.rows AS
row`` followed by the template's parts, so a batch is one round trip and can be replayed
(driver retries, a load run again after a crash) without changing any count.

The rows come inside a map (``$batch``), not as a list parameter of their own: Neo4j plans a
statement again for each size class of a list parameter (1, 2-10, 11-100, 101-1,000, ...), and
planning a loader takes 0.2-0.8 s, so a file's last, shorter batch was planned anew. With the
map a statement is planned once per server, whatever the batch sizes.

A template with a node of its own (cases, persons, accounts, ...) first merges that node as
``n`` and stamps its provenance once; every identifier and relationship of the row is then a
``CALL (row, n) { ... }`` subquery on that node, so the record is never matched again.
Relationship-only templates (case_roles, placements) are subqueries on ``row`` alone. A
subquery whose row field is empty finds nothing and changes nothing (unit subqueries keep
the outer row either way).

Rows come from ``ingest.records``: ``uid`` (or ``key``), ``props`` (record properties; a
``None`` removes the property), ``prov`` (the row's source, record_id and grades), lists of
identifier items ``{key, props[, kind]}`` and link fields (``*_uid``/``*_key`` with
``*_label``). ``$run`` carries what a whole run shares (ingested_at, batch_id), so it is sent
once per statement, not once per row. Only the fields a template reads are sent, and empty
ones not at all: the driver's packing of parameters is a large part of the cost of a load.
Labels and relationship types are checked against graph/model.yaml before they are formatted
in; values are always parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ClientError, DatabaseError

from graph.connection import Graph
from graph.model import MODEL

Row = dict[str, Any]


# Provenance: the row's own part comes in ``row.prov``, the run's in ``$run``.
RUN_PROVENANCE = ("ingested_at", "batch_id")
ROW_PROVENANCE = tuple(p for p in MODEL.provenance if p not in RUN_PROVENANCE)
# Record properties that ingest derives itself instead of taking them from ``row.props``.
DERIVED = {"Person": ("protected",)}


def _set(var: str, source: str, names: Iterable[str], *, keep: bool = False) -> str:
    """``var.name = source.name`` for each name (``keep``: an empty value keeps what is there).
    Properties are named, not set from a map (``+=``), so that the planner knows what a
    statement writes and does not buffer every row (Eager) between its clauses."""
    return ", ".join(f"{var}.`{n}` = coalesce({source}.`{n}`, {var}.`{n}`)" if keep
                     else f"{var}.`{n}` = {source}.`{n}`" for n in names)


def _stamp(var: str) -> str:
    """Provenance of ``var`` from the row and the run."""
    return _sets(_set(var, 'row.prov', ROW_PROVENANCE), _set(var, '$run', RUN_PROVENANCE))


def _sets(*items: str) -> str:
    """The items of one SET clause (empty ones left out)."""
    return ", ".join(i for i in items if i)


def _properties(label: str) -> tuple[str, ...]:
    """The properties of ``label`` that rows carry in ``props``, from the model."""
    spec = MODEL.label(label)
    return tuple(p for p in spec.properties
                 if p != spec.key and p not in DERIVED.get(label, ()))


def _add_source(var: str) -> str:
    """Identifier nodes are shared across sources: their provenance is the first report, and
    ``sources`` lists every source that reported them (written only when it grows)."""
    return (f"FOREACH (_ IN CASE WHEN row.prov.source IN coalesce({var}.sources, []) THEN [] "
            f"ELSE [1] END | SET {var}.sources = coalesce({var}.sources, []) + row.prov.source)")


MERGE_SOURCE = f"""
MERGE (s:Source {{id: row.id}})
ON CREATE SET {_stamp('s')}
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
class Part:
    """A clause of a template's statement and the row fields it reads."""

    cypher: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Loader:
    """One template's statement: ``UNWIND $batch.rows AS row``, then its parts in order."""

    parts: tuple[Part, ...]

    @cached_property
    def cypher(self) -> str:
        # replan=skip: the plan made on the first batch stays (every clause seeks a unique
        # index), instead of being made again while the graph's statistics grow mid-load
        lines = ["CYPHER replan=skip", "UNWIND $batch.rows AS row"]
        for part in self.parts:
            if not lines[-1].startswith(("UNWIND", "CALL")):
                lines.append("WITH *")  # Cypher wants a WITH between SET and CALL
            lines.append(part.cypher)
        return "\n".join(lines)

    @cached_property
    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for p in self.parts for f in p.fields))

    def batch(self, rows: Iterable[Row]) -> dict[str, list[Row]]:
        """The ``$batch`` parameter: the rows with the fields this statement reads, empty ones
        left out."""
        fields = self.fields
        return {"rows": [{f: v for f in fields if (v := row.get(f)) is not None and v != []}
                         for row in rows]}


# ---- the record node of the row, bound to ``n`` --------------------------------------------

def merge_record(label: str) -> Part:
    """Record nodes by uid: properties and provenance follow the latest load of the row."""
    extra = ""
    fields: tuple[str, ...] = ("uid", "props", "prov")
    if label == "Person":
        # protected is only ever switched on by ingest (minors here, victims in case_roles)
        extra = ", n.protected = coalesce(n.protected, false) OR coalesce(row.minor, false)"
        fields += ("minor",)
    return Part(f"MERGE (n:{_label(label)} {{uid: row.uid}}) "
                f"SET {_sets(_set('n', 'row.props', _properties(label)), _stamp('n'))}{extra}",
                fields)


def merge_identifier_row(label: str) -> Part:
    """Identifier nodes that are the row itself (accounts.csv): the row's properties are set,
    empty cells leave what another source said."""
    key = MODEL.label(label).key
    return Part(f"MERGE (n:{_label(label)} {{{key}: row.key}}) ON CREATE SET {_stamp('n')} "
                f"SET {_set('n', 'row.props', _properties(label), keep=True)} "
                f"{_add_source('n')}", ("key", "props", "prov"))


# ---- subqueries: identifiers and relationships of the row ----------------------------------

def link_identifiers(rel: str, id_label: str, field: str, with_kind: bool = False) -> Part:
    """``(n)-[rel]->(identifier)`` for each item of ``row.<field>``."""
    key = MODEL.label(id_label).key
    kind = " {kind: item.kind}" if with_kind else ""
    upgrade = ""
    if id_label == "Location":
        # a place once seen as a border crossing stays one
        upgrade = (" FOREACH (_ IN CASE WHEN item.props.kind = 'border_crossing' THEN [1] "
                   "ELSE [] END | SET i.kind = 'border_crossing')")
    return Part(
        f"CALL (row, n) {{ UNWIND row.{field} AS item "
        f"MERGE (i:{_label(id_label)} {{{key}: item.key}}) "
        f"ON CREATE SET {_sets(_set('i', 'item.props', _properties(id_label)), _stamp('i'))} "
        f"{_add_source('i')}{upgrade} "
        f"MERGE (n)-[r:{_rel(rel)}{kind}]->(i) SET {_stamp('r')} }}",
        ("prov", field))


@dataclass(frozen=True)
class End:
    """One end of a relationship: the row's own node (``field`` None) or the node of ``label``
    whose key is in ``row.<field>``; with ``label_field``, only rows naming that label."""

    label: str
    field: str | None = None
    label_field: str | None = None


def _guard(*ends: End) -> str:
    """``WITH * WHERE row.<label_field> = '<label>'`` for the ends that name their label,
    written before the matches, so that a row naming another label is not looked up (the
    planner may still fold the test into the first match)."""
    tests = [f"row.{e.label_field} = '{_label(e.label)}'" for e in ends if e.label_field]
    return f"WITH * WHERE {' AND '.join(tests)} " if tests else ""


def _match(var: str, end: End) -> tuple[str, tuple[str, ...]]:
    if end.field is None:
        return "", ()
    key = MODEL.label(end.label).key
    fields = (end.field,) + ((end.label_field,) if end.label_field else ())
    return f"MATCH ({var}:{_label(end.label)} {{{key}: row.{end.field}}}) ", fields


def link(src: End, rel: str, dst: End, *, props: tuple[str, tuple[str, ...]] | None = None,
         merge_on: str | None = None, then: tuple[str, tuple[str, ...]] = ("", ())) -> Part:
    """``(a)-[rel]->(b)``; ``props`` = (row field, property names) of the relationship's
    properties; ``merge_on`` names a row field that is part of the relationship's identity
    (role); ``then`` is more Cypher on ``a``, ``b`` and ``row``, and the fields it reads."""
    a = "n" if src.field is None else "a"
    b = "n" if dst.field is None else "b"
    match_a, fields_a = _match(a, src)
    match_b, fields_b = _match(b, dst)
    merge_props = f" {{{merge_on}: row.{merge_on}}}" if merge_on else ""
    props_field = props[0] if props else None
    set_props = f", {_set('r', f'row.{props[0]}', props[1])}" if props else ""
    scope = "row, n" if "n" in (a, b) else "row"
    fields = (("prov",) + fields_a + fields_b
              + tuple(f for f in (props_field, merge_on) if f) + then[1])
    return Part(
        f"CALL ({scope}) {{ {_guard(src, dst)}{match_a}{match_b}"
        f"MERGE ({a})-[r:{_rel(rel)}{merge_props}]->({b}) SET {_stamp('r')}{set_props}{then[0]} }}",
        fields)


def link_any(field: str, label_field: str, rel: str, dst: End, *, side: str = "from",
             **options: Any) -> list[Part]:
    """``link`` for each label the model allows at one end of ``rel`` (labels cannot be
    parameters: the row names its label in ``row.<label_field>``)."""
    spec = MODEL.relationships[_rel(rel)]
    labels = spec.sources if side == "from" else spec.targets
    ends = [End(label, field, label_field) for label in labels]
    return [link(end, rel, dst, **options) if side == "from" else link(dst, rel, end, **options)
            for end in ends]


REPORTED_BY = Part(
    "CALL (row, n) { WITH row, n WHERE row.authority IS NOT NULL "
    "MERGE (a:Authority {id: row.authority}) "
    f"ON CREATE SET {_stamp('a')}, a.name = row.authority, a.country = row.jurisdiction "
    f"MERGE (n)-[r:REPORTED_BY]->(a) SET {_stamp('r')} }}",
    ("prov", "authority", "jurisdiction"))

def referral(rel: str, field: str) -> Part:
    """``(case)-[rel {on}]->(Authority)`` for an organisation named in ``row.<field>`` (its id
    is the name as written, like REPORTED_BY's authority code)."""
    return Part(
        f"CALL (row) {{ WITH row WHERE row.{field} IS NOT NULL "
        f"MATCH (c:{_label('Case')} {{uid: row.case_uid}}) "
        f"MERGE (a:{_label('Authority')} {{id: row.{field}}}) "
        f"ON CREATE SET {_stamp('a')}, a.name = row.{field} "
        f"MERGE (c)-[r:{_rel(rel)}]->(a) SET {_stamp('r')}, r.`on` = row.{field}_on }}",
        ("prov", "case_uid", field, f"{field}_on"))


# a victim in case_roles is protected (the party is ``a``)
PROTECT_VICTIMS = (" FOREACH (_ IN CASE WHEN row.victim THEN [1] ELSE [] END | "
                   "SET a.protected = true)", ("victim",))


def retains_passport() -> list[Part]:
    """The retainer holds the person's passport (a passport the person HAS_DOCUMENT). The
    person is sought in a subquery of its own: in one pattern with the passport, the planner
    sometimes scanned every Person's uid for each row instead."""
    parts = []
    for label in MODEL.relationships["RETAINS"].sources:
        retainer = End(label, "retainer_uid", "retainer_label")
        match, fields = _match("h", retainer)
        parts.append(Part(
            f"CALL (row) {{ {_guard(retainer)}"
            "CALL (row) { MATCH (p:Person {uid: row.person_uid}) RETURN p } "
            "MATCH (p)-[:HAS_DOCUMENT]->(d:Document {type: 'passport'}) "
            f"{match}MERGE (h)-[r:RETAINS]->(d) SET {_stamp('r')} }}",
            ("prov", "person_uid") + fields))
    return parts


def _actor(label: str, office: str) -> list[Part]:
    return [
        merge_record(label),
        link_identifiers("USES", "Phone", "phones"),
        link_identifiers("USES", "Email", "emails"),
        link_identifiers("LOCATED_AT", "Address", "addresses", with_kind=True),
    ] + ([] if office == "residence" else [
        link(End("Person", "owner_uid"), "OWNS", End(label)),
    ])


# placements: (row field, properties) of RECRUITED_BY and EMPLOYED_BY (ingest.records)
RECRUITED = ("recruited", ("on", "country", "fee", "currency", "promised_wage", "deceptive"))
EMPLOYED = ("employed", ("from", "promised_wage", "paid_wage", "currency"))

# template name -> its statement
LOADERS: dict[str, Loader] = {
    "cases": Loader((merge_record("Case"), REPORTED_BY)),
    "persons": Loader((*_actor("Person", "residence"),
                       link_identifiers("HAS_DOCUMENT", "Document", "documents"))),
    "recruitment_agencies": Loader(tuple(_actor("RecruitmentAgency", "office"))),
    "employers": Loader(tuple(_actor("Employer", "office"))),
    "case_roles": Loader(tuple(
        link(End(label, "party_uid", "party_label"), "INVOLVED_IN", End("Case", "case_uid"),
             merge_on="role", then=PROTECT_VICTIMS if label == "Person" else ("", ()))
        for label in MODEL.relationships["INVOLVED_IN"].sources)),
    "placements": Loader((
        link(End("Person", "person_uid"), "RECRUITED_BY",
             End("RecruitmentAgency", "agency_uid"), props=RECRUITED),
        link(End("Person", "person_uid"), "EMPLOYED_BY", End("Employer", "employer_uid"),
             props=EMPLOYED),
        link(End("RecruitmentAgency", "agency_uid"), "SUPPLIES",
             End("Employer", "employer_uid")),
        *retains_passport(),
    )),
    "accounts": Loader((
        merge_identifier_row("Account"),
        *link_any("holder_uid", "holder_label", "HOLDS", End("Account")),
    )),
    "transactions": Loader((
        merge_record("Transaction"),
        link(End("Account", "from_key"), "SENT", End("Transaction")),
        link(End("Transaction"), "PAID_TO", End("Account", "to_key")),
    )),
    "travel": Loader((
        merge_record("TravelLeg"),
        link(End("Person", "person_uid"), "TRAVELLED", End("TravelLeg")),
        link(End("Person", "arranger_uid"), "ARRANGED", End("TravelLeg")),
        link_identifiers("FROM", "Location", "from_places"),
        link_identifiers("TO", "Location", "to_places"),
        link_identifiers("VIA", "Location", "via_places"),
        link_identifiers("USED", "Vehicle", "vehicles"),
    )),
    "case_referrals": Loader((referral("REFERRED_FROM", "referred_by"),
                              referral("REFERRED_TO", "referred_to"))),
    "victim_records": Loader((merge_record("VictimRecord"),)),
    "missing_persons": Loader((merge_record("MissingPersonReport"),)),
    "advertisements": Loader((
        merge_record("Advertisement"),
        link_identifiers("USES", "Phone", "phones"),
        link_identifiers("USES", "Email", "emails"),
        *link_any("poster_uid", "poster_label", "POSTED_BY", End("Advertisement"), side="to"),
    )),
}

SOURCES = Loader((Part(MERGE_SOURCE, ("id", "name", "kind", "country", "prov")),))


def _run(tx: ManagedTransaction, loader: Loader, rows: Iterable[Row], run: Row) -> Counters:
    batch = loader.batch(rows)
    if not batch["rows"]:
        return Counters()
    counters = tx.run(loader.cypher, batch=batch, run=run).consume().counters  # type: ignore[arg-type]
    return Counters(counters.nodes_created, counters.relationships_created)


def prepare_plans(graph: Graph) -> int:
    """Have Neo4j plan every loader statement now, each run with no rows (nothing is
    written), so that the first load after a server start does not wait for the plans
    (0.2-0.8 s a template: about 5 s for a folder of every template). ``crosslink serve`` does
    this when it starts. Returns how many statements were planned."""
    loaders = [SOURCES, *LOADERS.values()]
    run = {"ingested_at": dt.datetime.now(dt.UTC), "batch_id": ""}

    def work(tx: ManagedTransaction) -> None:
        for loader in loaders:
            tx.run(loader.cypher, batch={"rows": []}, run=run).consume()  # type: ignore[arg-type]

    graph.write_tx(work)
    return len(loaders)


def write_batch(graph: Graph, template: str, rows: list[Row], sources: list[Row],
                run: Row) -> Counters:
    """Load one batch atomically: the sources it names, then the template's statement, in
    one managed write transaction (retried by the driver; every write is a MERGE).
    ``run`` = {ingested_at, batch_id}, shared by every row."""
    loader = LOADERS[template]

    def work(tx: ManagedTransaction) -> Counters:
        total = _run(tx, SOURCES, sources, run)
        total.add(_run(tx, loader, rows, run))
        return total

    return graph.write_tx(work)


# Neo4j codes that say a batch's data was refused (a value too large for its index comes as
# Neo.DatabaseError.Statement.ExecutionFailed, a constraint as a Schema error); other client
# errors (security, a database that is gone, a transaction timed out) are not about one row.
DATA_REFUSALS = ("Neo.ClientError.Statement.", "Neo.ClientError.Schema.", "Neo.DatabaseError.")


@dataclass(frozen=True)
class RefusedRow:
    """A row Neo4j refused to write, by its index in the batch, with Neo4j's own reason."""

    index: int
    reason: str


def refusal_reason(exc: ClientError | DatabaseError) -> str:
    """Neo4j's message without its Java-side detail, with its code."""
    message = (exc.message or str(exc)).strip().splitlines()[0]
    return f"{message} ({exc.code})" if exc.code else message


def write_batch_isolating(graph: Graph, template: str, rows: list[Row], sources: list[Row],
                          run: Row) -> tuple[Counters, list[RefusedRow]]:
    """``write_batch``; when Neo4j refuses the batch for its data (a client or database
    error, not an outage), the batch is split in halves, each written on its own, until the
    rows it refuses are alone: every other row is written, and the refused ones come back
    with Neo4j's reason. Outages and transient errors (retried by the driver) are raised."""
    total = Counters()
    refused: list[RefusedRow] = []

    def write(start: int, part: list[Row]) -> None:
        try:
            total.add(write_batch(graph, template, part, sources, run))
        except (ClientError, DatabaseError) as exc:
            if not (exc.code or "").startswith(DATA_REFUSALS):
                raise
            if len(part) == 1:
                refused.append(RefusedRow(start, refusal_reason(exc)))
                return
            half = len(part) // 2
            write(start, part[:half])
            write(start + half, part[half:])

    write(0, rows)
    return total, refused
