"""Full-text search of the workbench: the words as typed, identifiers as people write them,
phone numbers without their country code.

Candidates are fetched with the cheap access fragments (TLP:RED) and kept only when
``graph.access.visible_node_ids`` allows them, so the full access rule is planned once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from graph.access import AccessScope, red_ok, visible_node_ids
from graph.connection import Graph
from graph.elements import Page, node_from_map, node_map
from graph.model import MODEL
from graph.schema import FULLTEXT_INDEX
from values.text import compact

CASE = MODEL.label("Case").name
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


def jurisdiction_filter(var: str) -> str:
    j = f"{var}_j"
    where = ", ".join(f"{var}.{name}" for name in MODEL.country_properties)
    return (f"(size($jurisdictions) = 0"
            f" OR coalesce({where}) IN $jurisdictions"
            f" OR EXISTS {{ ({var})-[:INVOLVED_IN]->({j}:{CASE})"
            f" WHERE {j}.jurisdiction IN $jurisdictions }})")


def source_filter(var: str) -> str:
    """Records of one of ``$sources``; an identifier when one of them reported it."""
    return (f"(size($sources) = 0 OR {var}.source IN $sources"
            f" OR any(s IN coalesce({var}.sources, []) WHERE s IN $sources))")


def date_filter(var: str) -> str:
    """The node's own date (``dates`` of its label in the model) within ``$date_from`` ..
    ``$date_to``; undated nodes are kept, as expand keeps undated links."""
    names = sorted({d for n in MODEL.nodes.values() for d in n.dates})
    date = f"coalesce({', '.join(f'{var}.`{d}`' for d in names)})"
    return (f"(($date_from IS NULL OR {date} IS NULL OR {date} >= $date_from)"
            f" AND ($date_to IS NULL OR {date} IS NULL OR {date} <= $date_to))")


SEARCH = f"""
CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query) YIELD node AS n, score
WHERE (size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels))
  AND {jurisdiction_filter('n')} AND {source_filter('n')} AND {date_filter('n')}
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
  AND {jurisdiction_filter('n')} AND {source_filter('n')} AND {date_filter('n')}
  AND {red_ok('n')}
RETURN {node_map('n')} AS node, 1.0e9 AS score
ORDER BY n.{PHONE.key}
LIMIT $batch
"""
SEARCH_BATCH = 200
SEARCH_MAX_CANDIDATES = 5000


def search(graph: Graph, scope: AccessScope, text: str, *, labels: list[str] | None = None,
           jurisdictions: list[str] | None = None, sources: list[str] | None = None,
           date_from: dt.date | None = None, date_to: dt.date | None = None,
           skip: int = 0, limit: int = 25, timeout: float | None = None) -> Page:
    """Nodes of the full-text index matching ``text``, best first, that the scope may see.

    Hits are read in batches and filtered until the page is full (at most
    ``SEARCH_MAX_CANDIDATES`` hits are looked at)."""
    params = {"query": lucene_query(text), "labels": MODEL.check_labels(labels or []),
              "jurisdictions": [j.upper() for j in jurisdictions or []],
              "sources": list(sources or []), "date_from": date_from, "date_to": date_to,
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
