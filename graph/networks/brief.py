"""What the joint-operation brief of a network reads from the graph, beyond the network
itself: its cases with their provenance, the actors involved in them and their associates,
the identifiers those actors use, their travel and the money through their accounts, and the
Authority nodes of its jurisdictions. The Cypher of the brief, in one place.

Every row carries the element ids of its node (and relationship) so that the service can
keep only what the reader may see (``graph.access``) and count what it left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph
from graph.model import MODEL
from graph.networks.evidence import ASSOCIATE_RELS, IDENTIFIER_RELS, id_params


def _actors() -> str:
    return "|".join(MODEL.check_labels(list(MODEL.actor_labels)))


def _rels(names: tuple[str, ...]) -> str:
    return "|".join(MODEL.check_rel_types(list(names)))


def _prov(var: str, prefix: str = "") -> str:
    return (f"{var}.source AS {prefix}source, {var}.record_id AS {prefix}record_id, "
            f"{var}.reliability AS {prefix}reliability, "
            f"{var}.credibility AS {prefix}credibility, {var}.tlp AS {prefix}tlp")


_ACTOR = """a.uid AS uid, [l IN labels(a) WHERE l IN $actor_labels][0] AS label,
       coalesce(a.full_name, a.name) AS name, coalesce(a.protected, false) AS protected,
       a.nationality AS nationality, a.gender AS gender,
       toString(a.date_of_birth) AS date_of_birth, a.license_number AS license_number,
       a.license_country AS license_country, a.license_status AS license_status,
       a.registration_number AS registration_number, a.country AS country,
       elementId(a) AS element_id"""

CASES = f"""
UNWIND $cases AS uid
MATCH (c:{MODEL.check_labels(["Case"])[0]} {{uid: uid}})
OPTIONAL MATCH (c)-[:REPORTED_BY]->(au:Authority)
RETURN c.uid AS uid, c.jurisdiction AS jurisdiction, c.authority AS authority,
       c.title AS title, c.status AS status, toString(c.opened_on) AS opened_on,
       c.exploitation_type AS exploitation_type, coalesce(c.indicators, []) AS indicators,
       elementId(c) AS element_id, au.name AS authority_name, {_prov("c")}
ORDER BY uid
"""

INVOLVED = f"""
UNWIND $cases AS case_uid
MATCH (a:{_actors()})-[r:INVOLVED_IN]->(:Case {{uid: case_uid}})
RETURN case_uid AS case, r.role AS role, 'INVOLVED_IN' AS rel, elementId(r) AS rel_element_id,
       r.tlp AS rel_tlp, null AS via, {_ACTOR}, {_prov("a")}
"""

ASSOCIATES = f"""
UNWIND $cases AS case_uid
MATCH (x:{_actors()})-[:INVOLVED_IN]->(:Case {{uid: case_uid}})
MATCH (x)-[r:{_rels(ASSOCIATE_RELS)}]-(a:{_actors()})
WHERE NOT (a)-[:INVOLVED_IN]->(:Case {{uid: case_uid}})
RETURN case_uid AS case, null AS role, type(r) AS rel, elementId(r) AS rel_element_id,
       r.tlp AS rel_tlp, x.uid AS via, toString(r.on) AS on, r.country AS rel_country,
       {_ACTOR}, {_prov("a")}
"""

IDENTIFIERS = f"""
UNWIND $actors AS uid
MATCH (a:{_actors()} {{uid: uid}})-[r:{_rels(IDENTIFIER_RELS)}]->(i)
WITH uid, r, i, [l IN labels(i) WHERE l IN $id_labels][0] AS label
WHERE label IS NOT NULL
RETURN uid AS actor, type(r) AS rel, r.kind AS kind, label, i[$id_keys[label]] AS key,
       i[$id_captions[label]] AS caption, i.country AS country, i.type AS type,
       i.bank AS bank, elementId(i) AS element_id, elementId(r) AS rel_element_id,
       r.tlp AS rel_tlp, {_prov("r")}
"""

TRAVEL = f"""
UNWIND $actors AS uid
MATCH (a:{_actors()} {{uid: uid}})-[r:TRAVELLED|ARRANGED]->(t:TravelLeg)
OPTIONAL MATCH (t)-[:FROM]->(f:Location)
OPTIONAL MATCH (t)-[:TO]->(d:Location)
OPTIONAL MATCH (t)-[:USED]->(v:Vehicle)
RETURN uid AS actor, type(r) AS rel, t.uid AS uid, toString(t.departed_on) AS departed_on,
       toString(t.arrived_on) AS arrived_on, t.mode AS mode, t.carrier AS carrier,
       f.name AS from_place, f.country AS from_country, d.name AS to_place,
       d.country AS to_country, v.key AS vehicle_key, v.plate AS vehicle_plate,
       v.country AS vehicle_country, elementId(t) AS element_id,
       elementId(v) AS vehicle_element_id, elementId(r) AS rel_element_id,
       r.tlp AS rel_tlp, {_prov("t")}
"""

RECRUITMENT = f"""
UNWIND $actors AS uid
MATCH (a:{_actors()} {{uid: uid}})-[r:RECRUITED_BY]->(g)
RETURN uid AS actor, g.uid AS agency, toString(r.on) AS on, r.country AS country,
       r.fee AS fee, r.currency AS currency, elementId(r) AS rel_element_id, r.tlp AS rel_tlp
"""

TRANSACTIONS = f"""
UNWIND $accounts AS number
MATCH (acc:{MODEL.check_labels(["Account"])[0]} {{number: number}})
CALL (acc) {{
  MATCH (acc)-[:SENT]->(t:Transaction) RETURN t
  UNION
  MATCH (t:Transaction)-[:PAID_TO]->(acc) RETURN t
}}
WITH DISTINCT t
OPTIONAL MATCH (src:Account)-[:SENT]->(t)
OPTIONAL MATCH (t)-[:PAID_TO]->(dst:Account)
RETURN t.uid AS uid, t.amount AS amount, t.currency AS currency, toString(t.date) AS date,
       t.channel AS channel, t.reference AS reference, src.number AS from_account,
       src.country AS from_country, dst.number AS to_account, dst.country AS to_country,
       elementId(t) AS element_id, {_prov("t")}
ORDER BY date, uid
"""

AUTHORITIES = """
MATCH (a:Authority) WHERE a.id IN $ids OR a.country IN $countries
RETURN a.id AS id, a.name AS name, a.country AS country, a.kind AS kind
ORDER BY country, id
"""


@dataclass
class BriefFacts:
    """The rows of a network's brief, straight from the graph (not yet filtered for the
    reader)."""

    cases: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)  # involved, then associates
    identifiers: list[dict[str, Any]] = field(default_factory=list)
    travel: list[dict[str, Any]] = field(default_factory=list)
    recruitment: list[dict[str, Any]] = field(default_factory=list)
    transactions: list[dict[str, Any]] = field(default_factory=list)
    authorities: list[dict[str, Any]] = field(default_factory=list)


def read_brief_facts(graph: Graph, case_uids: list[str], authority_ids: list[str],
                     countries: list[str], *, timeout: float | None = None) -> BriefFacts:
    """Everything the brief of the network of ``case_uids`` says, in a few READ queries."""
    params = {**id_params(), "cases": sorted(case_uids)}
    actors = (graph.read(INVOLVED, params, timeout=timeout)
              + graph.read(ASSOCIATES, params, timeout=timeout))
    uids = sorted({a["uid"] for a in actors})
    identifiers = graph.read(IDENTIFIERS, {**params, "actors": uids}, timeout=timeout)
    accounts = sorted({str(i["key"]) for i in identifiers
                       if i["label"] == "Account" and i["rel"] == "HOLDS"})
    return BriefFacts(
        cases=graph.read(CASES, params, timeout=timeout),
        actors=actors,
        identifiers=identifiers,
        travel=graph.read(TRAVEL, {**params, "actors": uids}, timeout=timeout),
        recruitment=graph.read(RECRUITMENT, {"actors": uids}, timeout=timeout),
        transactions=(graph.read(TRANSACTIONS, {"accounts": accounts}, timeout=timeout)
                      if accounts else []),
        authorities=graph.read(AUTHORITIES, {"ids": sorted(authority_ids),
                                             "countries": sorted(countries)},
                               timeout=timeout),
    )
