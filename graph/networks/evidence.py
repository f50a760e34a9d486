"""Reading what links cases: who is involved in which case, whom they work with, which
identifiers they use, which vehicles carried them, which accounts they paid into.

One READ query per kind of fact over the whole graph; the linking itself is pure
(``graph.networks.linking``). Each fact carries the element ids to highlight in a chart and
the provenance (source, reliability, credibility, tlp) of the relationship that states it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph
from graph.model import MODEL
from graph.resolution.same_as import confirmed_pairs

# Relationships from an actor to an identifier that belongs to it (or, RETAINS, that it keeps).
IDENTIFIER_RELS = ("USES", "HOLDS", "HAS_DOCUMENT", "LOCATED_AT", "RETAINS")
# Relationships between two actors that make one a case's associate (hop 2).
ASSOCIATE_RELS = ("RECRUITED_BY", "EMPLOYED_BY", "OWNS", "DIRECTS")
# Identifier labels that link cases. Location is left out: places never link by themselves.
LINKING_IDENTIFIERS = ("Phone", "Email", "Account", "Document", "Address", "Vehicle")


def _actors() -> str:
    return "|".join(MODEL.check_labels(list(MODEL.actor_labels)))


def _rels(names: tuple[str, ...]) -> str:
    return "|".join(MODEL.check_rel_types(list(names)))


def _prov(var: str) -> str:
    return (f"{var}.source AS source, {var}.reliability AS reliability, "
            f"{var}.credibility AS credibility, {var}.tlp AS tlp")


_ACTOR_FIELDS = """[l IN labels({v}) WHERE l IN $actor_labels][0] AS {p}label,
       coalesce({v}.full_name, {v}.name) AS {p}name, elementId({v}) AS {p}element_id,
       {v}.license_status AS {p}license_status, {v}.license_country AS {p}license_country"""

CASES = f"""
MATCH (c:{MODEL.check_labels(["Case"])[0]})
OPTIONAL MATCH (c)-[:REPORTED_BY]->(au:Authority)
RETURN c.uid AS uid, c.jurisdiction AS jurisdiction, c.authority AS authority, c.title AS title,
       coalesce(c.indicators, []) AS indicators, elementId(c) AS element_id,
       au.name AS authority_name, au.country AS authority_country, au.kind AS authority_kind
"""

INVOLVEMENTS = f"""
MATCH (a:{_actors()})-[r:INVOLVED_IN]->(c:Case)
RETURN c.uid AS case, a.uid AS actor, r.role AS role, elementId(r) AS rel_element_id,
       {_ACTOR_FIELDS.format(v="a", p="")}, {_prov("r")}
"""

ASSOCIATES = f"""
MATCH (a:{_actors()})-[:INVOLVED_IN]->(:Case)
WITH DISTINCT a
MATCH (a)-[r:{_rels(ASSOCIATE_RELS)}]-(b:{_actors()})
RETURN a.uid AS actor, b.uid AS other, type(r) AS rel, r.country AS country,
       elementId(r) AS rel_element_id, {_ACTOR_FIELDS.format(v="b", p="other_")}, {_prov("r")}
"""

IDENTIFIERS = f"""
MATCH (a:{_actors()})-[:INVOLVED_IN]->(:Case)
WITH DISTINCT a
MATCH (a)-[r:{_rels(IDENTIFIER_RELS)}]->(i)
WITH a, r, i, [l IN labels(i) WHERE l IN $id_labels][0] AS label
WHERE label IS NOT NULL
RETURN a.uid AS actor, type(r) AS rel, label, i[$id_keys[label]] AS key,
       i[$id_captions[label]] AS caption, elementId(i) AS element_id,
       elementId(r) AS rel_element_id, {_prov("r")}
"""

VEHICLES = f"""
MATCH (a:{_actors()})-[:INVOLVED_IN]->(:Case)
WITH DISTINCT a
MATCH (a)-[r:TRAVELLED|ARRANGED]->(t:TravelLeg)-[u:USED]->(v:Vehicle)
RETURN a.uid AS actor, type(r) AS rel, 'Vehicle' AS label, v.key AS key, v.plate AS caption,
       elementId(v) AS element_id, elementId(r) AS rel_element_id,
       [elementId(t), elementId(u)] AS via_element_ids, {_prov("r")}
"""

PAYMENTS = f"""
MATCH (a:{_actors()})-[:INVOLVED_IN]->(:Case)
WITH DISTINCT a
MATCH (a)-[h:HOLDS]->(src:Account)-[s:SENT]->(t:Transaction)-[p:PAID_TO]->(dst:Account)
WHERE dst <> src
WITH a, dst, collect(t)[0] AS t, count(t) AS payments,
     collect(elementId(h)) + collect(elementId(src)) + collect(elementId(s)) +
     collect(elementId(t)) + collect(elementId(p)) AS via
RETURN a.uid AS actor, 'PAID_TO' AS rel, 'Account' AS label, dst.number AS key,
       dst.number AS caption, elementId(dst) AS element_id, null AS rel_element_id,
       payments, via AS via_element_ids, {_prov("t")}
"""

ACCOUNT_MONEY = """
UNWIND $numbers AS number
MATCH (a:Account {number: number})
CALL (a) {
  MATCH (a)-[:SENT]->(t:Transaction) RETURN t
  UNION
  MATCH (t:Transaction)-[:PAID_TO]->(a) RETURN t
}
RETURN number, t.uid AS tx, t.amount AS amount, t.currency AS currency
"""


@dataclass
class Evidence:
    """Every fact that can link cases, as rows (dicts) straight from the graph."""

    cases: list[dict[str, Any]] = field(default_factory=list)
    involvements: list[dict[str, Any]] = field(default_factory=list)
    associates: list[dict[str, Any]] = field(default_factory=list)
    identifiers: list[dict[str, Any]] = field(default_factory=list)
    same_as: list[dict[str, Any]] = field(default_factory=list)


def id_params() -> dict[str, Any]:
    labels = MODEL.check_labels(list(LINKING_IDENTIFIERS))
    return {
        "id_labels": labels,
        "id_keys": {name: MODEL.label(name).key for name in labels},
        "id_captions": {name: MODEL.label(name).caption for name in labels},
        "actor_labels": list(MODEL.actor_labels),
    }


def read_evidence(graph: Graph, timeout: float | None = None) -> Evidence:
    """All the facts network detection needs, in a handful of READ queries."""
    params = id_params()
    return Evidence(
        cases=graph.read(CASES, timeout=timeout),
        involvements=graph.read(INVOLVEMENTS, params, timeout=timeout),
        associates=graph.read(ASSOCIATES, params, timeout=timeout),
        identifiers=(graph.read(IDENTIFIERS, params, timeout=timeout)
                     + graph.read(VEHICLES, params, timeout=timeout)
                     + graph.read(PAYMENTS, params, timeout=timeout)),
        same_as=confirmed_pairs(graph),
    )


def account_money(graph: Graph, numbers: list[str],
                  timeout: float | None = None) -> list[dict[str, Any]]:
    """Transactions into or out of ``numbers``: number, tx, amount, currency."""
    if not numbers:
        return []
    return graph.read(ACCOUNT_MONEY, {"numbers": sorted(set(numbers))}, timeout=timeout)
