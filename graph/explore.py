"""The graph reads of the workbench: full-text search, entity detail, expand, paths, cases.

Each read fetches its candidates with the cheap access fragments (TLP:RED, case ownership)
and keeps only what ``graph.access.visible_node_ids`` allows, so the full access rule is
planned once. Labels and relationship types given by users are checked against the model
before they are formatted in; everything else is a parameter. Results are plain data
(``graph.elements``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from graph.access import AccessScope, case_visible, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import node_from_map, node_map, rel_from_map, rel_map
from graph.model import MODEL
from graph.schema import FULLTEXT_INDEX
from values.text import compact

CASE = MODEL.label("Case").name
PERSON = MODEL.label("Person").name
(INVOLVED_IN,) = MODEL.check_rel_types(["INVOLVED_IN"])
MAX_HOPS = 8
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(text: str) -> str:
    """Search text as a safe Lucene query: every word must match, as typed or as a prefix.

    The as-typed form goes through the index's analyzer (``+502 555`` finds ``+502555...``,
    e-mails split as indexed); the prefix form gives type-ahead. Lucene syntax typed by the
    user is escaped, never interpreted.
    """
    words = text.split()
    if not words:
        raise ValueError("empty search text")
    parts = []
    for word in words[:20]:
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", word)
        if re.fullmatch(r"\W+", word):
            continue
        parts.append(f"({escaped} OR {escaped.lower()}*)")
    if not parts:
        raise ValueError("the search text has no letters or digits")
    query = " AND ".join(parts)
    if written := identifier_form(text):  # or the identifier as stored, as one word
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", written)
        # boosted: the whole identifier outranks hits on its parts (a "1" of a country code)
        query = f"({query}) OR {escaped}^10 OR {escaped.lower()}*^5"
    return query


def identifier_form(text: str) -> str | None:
    """Text written as people write identifiers, as they are stored: ``+502 5550-1234`` ->
    ``+50255501234``, ``GT82 TRAJ 0102 ...`` -> ``GT82TRAJ0102...``, ``G-0700001`` ->
    ``G0700001`` (None when the text is not such: no digits, or nothing to take out)."""
    compacted = compact(text.replace("(", " ").replace(")", " "))
    if (compacted == text or sum(c.isdigit() for c in compacted) < 3
            or not re.fullmatch(r"\+?[A-Z0-9]{5,}", compacted)):
        return None
    return compacted


def national_phone_digits(text: str) -> str | None:
    """The digits of a phone number written without its country code (``(239) 200-0902``,
    ``0812 345 678``), without the trunk 0: the end of the stored E.164 number."""
    if text.strip().startswith(("+", "00")) or not re.fullmatch(r"[\d\s\-./()]+", text):
        return None
    digits = re.sub(r"\D", "", text).lstrip("0")
    return digits if len(digits) >= 7 else None


def _jurisdiction_filter(var: str) -> str:
    j = f"{var}_j"
    where = ", ".join(f"{var}.{name}" for name in MODEL.country_properties)
    return (f"(size($jurisdictions) = 0"
            f" OR coalesce({where}) IN $jurisdictions"
            f" OR EXISTS {{ ({var})-[:INVOLVED_IN]->({j}:{CASE})"
            f" WHERE {j}.jurisdiction IN $jurisdictions }})")


SEARCH = f"""
CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query) YIELD node AS n, score
WHERE (size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels))
  AND {_jurisdiction_filter('n')}
  AND {red_ok('n')}
RETURN {node_map('n')} AS node, score
ORDER BY score DESC, elementId(n)
SKIP $offset LIMIT $batch
"""
# a phone number written without its country code: the stored numbers it ends
PHONE = MODEL.label("Phone")
PHONE_BY_ENDING = f"""
MATCH (n:{PHONE.name}) WHERE n.{PHONE.key} ENDS WITH $ending
  AND (size($labels) = 0 OR '{PHONE.name}' IN $labels)
  AND {_jurisdiction_filter('n')}
  AND {red_ok('n')}
RETURN {node_map('n')} AS node, 1.0e9 AS score
ORDER BY n.{PHONE.key}
LIMIT $batch
"""
SEARCH_BATCH = 200
SEARCH_MAX_CANDIDATES = 5000


@dataclass
class Page:
    items: list[dict[str, Any]]
    has_more: bool


def search(graph: Graph, scope: AccessScope, text: str, *, labels: list[str] | None = None,
           jurisdictions: list[str] | None = None, skip: int = 0, limit: int = 25,
           timeout: float | None = None) -> Page:
    """Nodes of the full-text index matching ``text``, best first, that the scope may see.

    Hits are read in batches and filtered until the page is full (at most
    ``SEARCH_MAX_CANDIDATES`` hits are looked at)."""
    params = {"query": lucene_query(text), "labels": MODEL.check_labels(labels or []),
              "jurisdictions": [j.upper() for j in jurisdictions or []],
              "acc_sources": list(scope.sources), "batch": SEARCH_BATCH}
    wanted = skip + limit + 1
    visible: list[dict[str, Any]] = []
    seen: set[str] = set()

    def keep(rows: list[dict[str, Any]]) -> None:
        allowed = visible_node_ids(graph, scope, [r["node"]["eid"] for r in rows],
                                   timeout=timeout)
        for r in rows:
            if r["node"]["eid"] in allowed and r["node"]["eid"] not in seen:
                seen.add(r["node"]["eid"])
                visible.append({**node_from_map(r["node"]), "score": r["score"]})

    if ending := national_phone_digits(text):  # first: what the number surely is
        keep(graph.read(PHONE_BY_ENDING, {**params, "ending": ending}, timeout=timeout))
    offset = 0
    while len(visible) < wanted and offset < SEARCH_MAX_CANDIDATES:
        rows = graph.read(SEARCH, {**params, "offset": offset}, timeout=timeout)
        keep(rows)
        if len(rows) < SEARCH_BATCH:
            break
        offset += SEARCH_BATCH
    return Page(visible[skip:skip + limit], len(visible) > skip + limit)


def _match_node(var: str, label: str, key: str, param: str) -> str:
    (checked,) = MODEL.check_labels([label])
    if key != MODEL.nodes[checked].key:
        raise ValueError(f"{checked} is keyed by {MODEL.nodes[checked].key}, not {key}")
    return f"MATCH ({var}:{checked} {{{key}: ${param}}}) WHERE {red_ok(var)}"


def entity_detail_query(label: str, key: str) -> str:
    return f"""
{_match_node('n', label, key, 'key')}
RETURN {node_map('n')} AS node,
       COLLECT {{ MATCH (n)-[r]-(m) WHERE {rel_visible('r')} AND {red_ok('m')}
                 RETURN {{type: type(r), eid: elementId(m)}} LIMIT $max_links }} AS links
"""


MAX_LINKS = 5000


def _visible_node(graph: Graph, scope: AccessScope, label: str, key: str, value: str,
                  timeout: float | None) -> dict[str, Any] | None:
    rows = graph.read(entity_detail_query(label, key),
                      {"acc_sources": list(scope.sources), "key": value,
                       "max_links": MAX_LINKS}, timeout=timeout)
    if not rows:
        return None
    row = rows[0]
    eids = {row["node"]["eid"]} | {link["eid"] for link in row["links"]}
    allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
    if row["node"]["eid"] not in allowed:
        return None
    return {"row": row, "allowed": allowed}


def entity_detail(graph: Graph, scope: AccessScope, label: str, key: str, value: str,
                  *, timeout: float | None = None) -> dict[str, Any] | None:
    """Every property with its provenance, and how many visible links of each type."""
    found = _visible_node(graph, scope, label, key, value, timeout)
    if found is None:
        return None
    counts: dict[str, int] = {}
    for link in found["row"]["links"]:
        if link["eid"] in found["allowed"]:
            counts[link["type"]] = counts.get(link["type"], 0) + 1
    return {**node_from_map(found["row"]["node"]), "links": dict(sorted(counts.items()))}


def _date_expr(rel: str, node: str) -> str:
    """The date of a neighbour: the relationship's date property, else the node's."""
    rel_dates = sorted({d for r in MODEL.relationships.values() for d in r.dates})
    node_dates = sorted({d for n in MODEL.nodes.values() for d in n.dates})
    parts = [f"{rel}.`{d}`" for d in rel_dates] + [f"{node}.`{d}`" for d in node_dates]
    return f"coalesce({', '.join(parts)})"


@dataclass
class ExpandFilter:
    rel_types: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_reliability: str | None = None


EXPAND_MAX_CANDIDATES = 5000


def expand_query(label: str, key: str, flt: ExpandFilter) -> str:
    types = ":" + "|".join(MODEL.check_rel_types(flt.rel_types)) if flt.rel_types else ""
    labels = ":" + "|".join(MODEL.check_labels(flt.labels)) if flt.labels else ""
    date = _date_expr("r", "m")
    return f"""
{_match_node('n', label, key, 'key')}
MATCH (n)-[r{types}]-(m{labels})
WHERE {rel_visible('r')} AND {red_ok('m')}
  AND ($min_reliability IS NULL OR coalesce(r.reliability, m.reliability, 'F') <= $min_reliability)
  AND ($date_from IS NULL OR {date} IS NULL OR {date} >= $date_from)
  AND ($date_to IS NULL OR {date} IS NULL OR {date} <= $date_to)
RETURN elementId(n) AS center, {node_map('m')} AS node, {rel_map('r')} AS rel
ORDER BY type(r), elementId(m), elementId(r)
LIMIT $max_candidates
"""


def expand(graph: Graph, scope: AccessScope, label: str, key: str, value: str,
           flt: ExpandFilter, *, skip: int = 0, limit: int = 100,
           timeout: float | None = None) -> dict[str, Any] | None:
    """The visible neighbours of a visible node; None when the node is not visible."""
    if flt.min_reliability and flt.min_reliability not in MODEL.enums["reliability"]:
        raise ValueError(f"min_reliability must be one of {MODEL.enums['reliability']}")
    params = {"acc_sources": list(scope.sources), "key": value,
              "min_reliability": flt.min_reliability, "date_from": flt.date_from,
              "date_to": flt.date_to, "max_candidates": EXPAND_MAX_CANDIDATES}
    rows = graph.read(expand_query(label, key, flt), params, timeout=timeout)
    center_id = f"{label}:{value}"
    eids = {r["node"]["eid"] for r in rows} | {r["center"] for r in rows[:1]}
    allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
    if rows and rows[0]["center"] not in allowed:
        return None
    if not rows and entity_detail(graph, scope, label, key, value, timeout=timeout) is None:
        return None
    rows = [r for r in rows if r["node"]["eid"] in allowed]
    page = rows[skip:skip + limit]
    ids = {r["center"]: center_id for r in rows[:1]}
    nodes = []
    for row in page:
        node = node_from_map(row["node"])
        if row["node"]["eid"] not in ids:
            ids[row["node"]["eid"]] = node["id"]
            nodes.append(node)
    rels = [rel_from_map(row["rel"], ids) for row in page]
    return {"center": center_id, "nodes": nodes, "relationships": rels,
            "has_more": len(rows) > skip + limit}


def paths_query(label_a: str, key_a: str, label_b: str, key_b: str, *, max_hops: int,
                all_shortest: bool) -> str:
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}")
    fn = "allShortestPaths" if all_shortest else "shortestPath"
    return f"""
{_match_node('a', label_a, key_a, 'a')}
{_match_node('b', label_b, key_b, 'b')}
MATCH p = {fn}((a)-[*..{int(max_hops)}]-(b))
WHERE all(x IN nodes(p) WHERE NOT elementId(x) IN $blocked
          AND NOT any(l IN labels(x) WHERE l IN $excluded) AND {red_ok('x')})
  AND all(r IN relationships(p) WHERE {rel_visible('r')})
RETURN [x IN nodes(p) | {node_map('x')}] AS nodes, [r IN relationships(p) | {rel_map('r')}] AS rels
LIMIT $limit
"""


PATH_ROUNDS = 6


def paths(graph: Graph, scope: AccessScope, a: tuple[str, str, str], b: tuple[str, str, str],
          *, max_hops: int = 4, all_shortest: bool = False,
          excluded_labels: list[str] | None = None, limit: int = 25,
          timeout: float | None = None) -> dict[str, Any]:
    """Shortest (or all shortest) paths between two visible nodes through visible ones.

    A path through a node the scope may not see is not returned; the search is run again
    around such nodes (up to ``PATH_ROUNDS`` times) so that a longer visible path is found."""
    excluded = MODEL.check_labels(excluded_labels or [])
    query = paths_query(a[0], a[1], b[0], b[1], max_hops=max_hops, all_shortest=all_shortest)
    blocked: set[str] = set()
    rows: list[dict[str, Any]] = []
    for _ in range(PATH_ROUNDS):
        rows = graph.read(query, {"acc_sources": list(scope.sources), "a": a[2], "b": b[2],
                                  "excluded": excluded, "limit": limit,
                                  "blocked": sorted(blocked)}, timeout=timeout)
        eids = {item["eid"] for row in rows for item in row["nodes"]}
        allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
        if rows and (rows[0]["nodes"][0]["eid"] not in allowed
                     or rows[0]["nodes"][-1]["eid"] not in allowed):
            return {"paths": [], "nodes": [], "relationships": []}  # an end is not visible
        hidden = eids - allowed
        rows = [r for r in rows if all(item["eid"] in allowed for item in r["nodes"])]
        if rows or not hidden:
            break
        blocked |= hidden
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Any]] = {}
    found = []
    for row in rows:
        ids = {}
        for item in row["nodes"]:
            node = node_from_map(item)
            ids[item["eid"]] = node["id"]
            nodes.setdefault(node["id"], node)
        path_rels = [rel_from_map(item, ids) for item in row["rels"]]
        for rel in path_rels:
            rels.setdefault(rel["id"], rel)
        found.append({"nodes": [ids[item["eid"]] for item in row["nodes"]],
                      "relationships": [rel["id"] for rel in path_rels]})
    return {"paths": found, "nodes": list(nodes.values()), "relationships": list(rels.values())}


CASES = f"""
MATCH (c:{CASE})
WHERE (size($jurisdictions) = 0 OR c.jurisdiction IN $jurisdictions)
  AND ($status IS NULL OR c.status = $status)
  AND ($sector IS NULL OR c.sector = $sector)
  AND (size($indicators) = 0 OR all(i IN $indicators WHERE i IN coalesce(c.indicators, [])))
  AND ($year IS NULL OR c.opened_on.year = $year)
  AND ($exploitation_type IS NULL OR c.exploitation_type = $exploitation_type)
  AND ($citizenship IS NULL OR EXISTS {{ (v:{PERSON})-[r:{INVOLVED_IN}]->(c)
       WHERE r.role = 'victim' AND v.nationality = $citizenship }})
  AND {red_ok('c')} AND ($acc_all OR {case_visible('c')})
RETURN {node_map('c')} AS node
ORDER BY c.opened_on DESC, c.uid
SKIP $skip LIMIT $limit
"""


def list_cases(graph: Graph, scope: AccessScope, *, jurisdictions: list[str] | None = None,
               status: str | None = None, sector: str | None = None,
               indicators: list[str] | None = None, year: int | None = None,
               exploitation_type: str | None = None, citizenship: str | None = None,
               skip: int = 0, limit: int = 100, timeout: float | None = None) -> Page:
    """Cases follow the case rule alone, which is cheap enough to run inside the query.
    ``citizenship``: cases with a victim of that nationality."""
    params = {**scope.params(), "jurisdictions": [j.upper() for j in jurisdictions or []],
              "status": status, "sector": sector, "indicators": indicators or [],
              "year": year, "exploitation_type": exploitation_type,
              "citizenship": citizenship.upper() if citizenship else None,
              "skip": skip, "limit": limit + 1}
    rows = graph.read(CASES, params, timeout=timeout)
    return Page([node_from_map(r["node"]) for r in rows[:limit]], len(rows) > limit)


CASE_DETAIL = f"""
MATCH (c:{CASE} {{uid: $uid}}) WHERE {red_ok('c')} AND ($acc_all OR {case_visible('c')})
RETURN {node_map('c')} AS node,
       COLLECT {{ MATCH (p)-[r:INVOLVED_IN]->(c) WHERE {rel_visible('r')} AND {red_ok('p')}
                 RETURN {{node: {node_map('p')}, role: r.role}} }} AS parties,
       COLLECT {{ MATCH (c)-[:REPORTED_BY]->(a:Authority) RETURN {node_map('a')} }} AS authorities
"""


def case_detail(graph: Graph, scope: AccessScope, uid: str,
                *, timeout: float | None = None) -> dict[str, Any] | None:
    rows = graph.read(CASE_DETAIL, {**scope.params(), "uid": uid}, timeout=timeout)
    if not rows:
        return None
    row = rows[0]
    allowed = visible_node_ids(graph, scope, [p["node"]["eid"] for p in row["parties"]],
                               timeout=timeout)
    return {**node_from_map(row["node"]),
            "parties": [{**node_from_map(p["node"]), "role": p["role"]} for p in row["parties"]
                        if p["node"]["eid"] in allowed],
            "authorities": [node_from_map(a) for a in row["authorities"]]}
