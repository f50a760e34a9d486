"""Deconfliction: which cases of one authority a load, an import or a resolution run has just
joined to a case of another authority, and what a watched entity was just touched by.

Each read starts from what the run touched, never from the whole graph: the actors of the
load's sources (``<Label>_source`` indexes) whose record, case role or identifier link carries
the load's ``batch_id``, or the SAME_AS pairs the run confirmed. A join goes through a shared
identifier (phone, e-mail, account, document, address; a vehicle of a travel leg) that is not a
hub (touched by more than ``hub_cap`` cases, as network detection counts them: the identifier
rules of ``graph.networks``), or through a confirmed SAME_AS between the two actors.

Each row is one join seen from side ``a`` (a record of this run) to side ``b``, with the
handling (tlp) of every element on each side, so the service can apply the TLP:RED and
hit/no-hit rules before it says anything to anyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from graph.connection import Graph
from graph.model import MODEL
from graph.networks import DEFAULT_HUB_CAP
from graph.networks.evidence import IDENTIFIER_RELS, LINKING_IDENTIFIERS
from graph.resolution.same_as import CONFIRMED

CASE = MODEL.label("Case").name
ACTORS = MODEL.check_labels(list(MODEL.actor_labels))
ID_RELS = "|".join(MODEL.check_rel_types(list(IDENTIFIER_RELS)))
TRAVELLED, ARRANGED, USED, INVOLVED_IN, SAME_AS = MODEL.check_rel_types(
    ["TRAVELLED", "ARRANGED", "USED", "INVOLVED_IN", "SAME_AS"])
VEHICLE = MODEL.label("Vehicle").name
# Labels a person may watch: records by uid, identifiers by their key.
WATCHABLE = tuple(MODEL.check_labels(["Person", "Phone", "Account", "RecruitmentAgency",
                                      "Vehicle", "Email", "Document", "Address", "Employer"]))


def _actors() -> str:
    return "|".join(ACTORS)


def _side(v: str, inv: str, c: str, p: str) -> str:
    """The fields of one side of a join: the actor, its case role, its case."""
    return (f"{v}.uid AS {p}actor, [l IN labels({v}) WHERE l IN $actor_labels][0] AS "
            f"{p}actor_label, coalesce({v}.full_name, {v}.name) AS {p}actor_name, "
            f"coalesce({v}.protected, false) AS {p}protected, {v}.tlp AS {p}actor_tlp, "
            f"{v}.source AS {p}source, elementId({v}) AS {p}actor_eid, "
            f"{inv}.role AS {p}role, {inv}.tlp AS {p}role_tlp, "
            f"{c}.uid AS {p}case, {c}.title AS {p}case_title, {c}.authority AS {p}authority, "
            f"{c}.jurisdiction AS {p}jurisdiction, {c}.tlp AS {p}case_tlp, "
            f"elementId({c}) AS {p}case_eid")


def _touched_actors() -> str:
    """The actors of the run's sources, one indexed lookup per actor label."""
    return "CALL () {\n" + "\n  UNION\n".join(
        f"  MATCH (a:{label}) WHERE a.source IN $sources RETURN a" for label in ACTORS) + "\n}"


# Each identifier the load touched is walked once (the actors linked to it and their cases,
# which give both its hub count and the other sides), however many of the load's records use it.
IDENTIFIER_JOINS = f"""
{_touched_actors()}
MATCH (a)-[ra:{ID_RELS}]->(i)
WHERE any(l IN labels(i) WHERE l IN $id_labels)
MATCH (a)-[ia:{INVOLVED_IN}]->(c:{CASE})
WHERE (a.batch_id = $batch OR ia.batch_id = $batch OR ra.batch_id = $batch)
  AND c.authority IS NOT NULL
WITH i, collect({{a: a, ra: ra, ia: ia, c: c}}) AS touched
CALL (i) {{
  MATCH (i)<-[rb:{ID_RELS}]-(b:{_actors()})-[ib:{INVOLVED_IN}]->(d:{CASE})
  RETURN collect({{rb: rb, b: b, ib: ib, d: d}}) AS around, count(DISTINCT d) AS id_cases
}}
WITH * WHERE id_cases <= $hub_cap
UNWIND touched AS mine
UNWIND around AS other
WITH i, mine.a AS a, mine.ra AS ra, mine.ia AS ia, mine.c AS c, other.rb AS rb,
     other.b AS b, other.ib AS ib, other.d AS d
WHERE b <> a AND d.authority IS NOT NULL AND d.authority <> c.authority
WITH *, [l IN labels(i) WHERE l IN $id_labels][0] AS via
RETURN via, i[$id_keys[via]] AS key, ra.tlp AS a_link_tlp, rb.tlp AS b_link_tlp,
       i.tlp AS id_tlp, {_side('a', 'ia', 'c', 'a_')}, {_side('b', 'ib', 'd', 'b_')}
"""

VEHICLE_JOINS = f"""
{_touched_actors()}
MATCH (a)-[ia:{INVOLVED_IN}]->(c:{CASE})
MATCH (a)-[ra:{TRAVELLED}|{ARRANGED}]->(:TravelLeg)-[:{USED}]->(i:{VEHICLE})
WHERE a.batch_id = $batch OR ia.batch_id = $batch OR ra.batch_id = $batch
MATCH (i)<-[:{USED}]-(:TravelLeg)<-[rb:{TRAVELLED}|{ARRANGED}]-(b:{_actors()})
      -[ib:{INVOLVED_IN}]->(d:{CASE})
WHERE b <> a AND d.authority IS NOT NULL AND c.authority IS NOT NULL
  AND d.authority <> c.authority
CALL (i) {{
  MATCH (i)<-[:{USED}]-(:TravelLeg)<-[:{TRAVELLED}|{ARRANGED}]-(:{_actors()})
        -[:{INVOLVED_IN}]->(hc:{CASE})
  RETURN count(DISTINCT hc) AS id_cases
}}
WITH * WHERE id_cases <= $hub_cap
RETURN '{VEHICLE}' AS via, i.key AS key, ra.tlp AS a_link_tlp, rb.tlp AS b_link_tlp,
       i.tlp AS id_tlp, {_side('a', 'ia', 'c', 'a_')}, {_side('b', 'ib', 'd', 'b_')}
"""

SAME_AS_JOINS = f"""
MATCH (x:{_actors()})-[s:{SAME_AS} {{status: '{CONFIRMED}'}}]->(y)
WHERE coalesce(s.decided_at, s.updated_at, s.created_at) >= $since
UNWIND [[x, y], [y, x]] AS pair
WITH s, pair[0] AS a, pair[1] AS b
MATCH (a)-[ia:{INVOLVED_IN}]->(c:{CASE})
MATCH (b)-[ib:{INVOLVED_IN}]->(d:{CASE})
WHERE d.authority IS NOT NULL AND c.authority IS NOT NULL AND d.authority <> c.authority
RETURN '{SAME_AS}' AS via, b.uid AS key, s.tlp AS a_link_tlp, s.tlp AS b_link_tlp,
       null AS id_tlp, {_side('a', 'ia', 'c', 'a_')}, {_side('b', 'ib', 'd', 'b_')}
"""


def _params() -> dict[str, Any]:
    labels = MODEL.check_labels(list(LINKING_IDENTIFIERS))
    return {"id_labels": labels, "id_keys": {n: MODEL.label(n).key for n in labels},
            "actor_labels": list(ACTORS)}


def joins_of_load(graph: Graph, batch_id: str, sources: list[str],
                  hub_cap: int = DEFAULT_HUB_CAP) -> list[dict[str, Any]]:
    """The cross-authority joins a load (``batch_id`` of ``sources``) made, each seen from
    the loaded side ``a``; the other side also gets its alert from the service."""
    if not sources:
        return []
    params = {**_params(), "batch": batch_id, "sources": sorted(set(sources)),
              "hub_cap": hub_cap}
    return graph.read(IDENTIFIER_JOINS, params) + graph.read(VEHICLE_JOINS, params)


def joins_of_resolution(graph: Graph, since: dt.datetime) -> list[dict[str, Any]]:
    """The cross-authority joins of the SAME_AS pairs confirmed from ``since`` on (a
    resolution run, a judgement), both ways."""
    params = {**_params(), "since": since}
    return graph.read(SAME_AS_JOINS, params)


def _watch_cypher(label: str) -> str:
    (checked,) = MODEL.check_labels([label])
    key = MODEL.label(checked).key
    return f"""
UNWIND $keys AS key
MATCH (w:{checked} {{{key}: key}})-[r]-(m)
WHERE (r.batch_id = $batch AND m.source IN $sources AND type(r) <> '{SAME_AS}')
   OR (type(r) = '{SAME_AS}' AND r.status = '{CONFIRMED}'
       AND coalesce(r.decided_at, r.updated_at) >= $since)
OPTIONAL MATCH (m)-[:{INVOLVED_IN}]->(mc:{CASE})
RETURN key, type(r) AS rel, r.tlp AS rel_tlp, m.uid AS uid,
       [l IN labels(m) WHERE l IN $labels][0] AS label,
       coalesce(m.full_name, m.name, m.title, m.uid) AS caption,
       coalesce(m.protected, false) AS protected, m.tlp AS tlp, m.source AS source,
       elementId(m) AS eid, collect(DISTINCT mc.authority) AS authorities
"""


def watched_hits(graph: Graph, watched: dict[str, list[str]], *, batch_id: str = "",
                 sources: Sequence[str] = (), since: dt.datetime | None = None
                 ) -> list[dict[str, Any]]:
    """New relationships of a load (``batch_id`` of ``sources``) or confirmed SAME_AS pairs
    (from ``since`` on) that touch a watched entity; ``watched``: label -> keys."""
    far = since or dt.datetime.max.replace(tzinfo=dt.UTC)
    rows: list[dict[str, Any]] = []
    labels = sorted(MODEL.nodes)
    for label, keys in watched.items():
        if not keys:
            continue
        for row in graph.read(_watch_cypher(label), {
                "keys": sorted(set(keys)), "batch": batch_id, "sources": sorted(set(sources)),
                "since": far, "labels": labels}):
            rows.append({**row, "watched_label": label})
    return rows


def prepare_plans(graph: Graph) -> int:
    """Have Neo4j plan the reads a load's alerts make (the joins of one source's load, the
    watched keys of each label), each run on nothing, so that the first load's alerts do not
    wait for the plans. The server does this when it starts; returns how many were planned."""
    joins_of_load(graph, "", ["-"])
    watched_hits(graph, {label: ["-"] for label in WATCHABLE}, batch_id="", sources=["-"])
    return 2 + len(WATCHABLE)
