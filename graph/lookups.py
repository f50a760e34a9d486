"""Read-only look-ups: which records and accounts already exist (for the ingest), the element
ids of nodes named by their node ids (for the reads that take a set of chart nodes)."""

from __future__ import annotations

from collections.abc import Iterable

from graph.connection import Graph
from graph.model import MODEL


def existing_uids(graph: Graph, label: str, uids: Iterable[str]) -> set[str]:
    """The ``uids`` that a node of ``label`` already has (records of earlier runs)."""
    (checked,) = MODEL.check_labels([label])
    wanted = sorted(set(uids))
    if not wanted:
        return set()
    rows = graph.read(f"UNWIND $uids AS uid MATCH (n:{checked} {{uid: uid}}) RETURN n.uid AS uid",
                      {"uids": wanted})
    return {r["uid"] for r in rows}


EXISTING_ACCOUNTS = """
UNWIND $numbers AS number
MATCH (a:Account {number: number})
RETURN a.number AS number, coalesce(a.sources, [a.source]) AS sources
"""


def existing_accounts(graph: Graph, numbers: Iterable[str]) -> dict[str, set[str]]:
    """Account number -> the sources that reported it."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    rows = graph.read(EXISTING_ACCOUNTS, {"numbers": wanted})
    return {r["number"]: set(r["sources"] or ()) for r in rows}


HAS_CASES = "MATCH (c:Case) RETURN c.uid AS uid LIMIT 1"


def has_cases(graph: Graph) -> bool:
    """Whether the graph holds any case (``crosslink demo --if-empty`` loads only if not)."""
    return bool(graph.read(HAS_CASES))


CASE_AUTHORITY = "MATCH (c:Case {uid: $uid}) RETURN c.authority AS authority"


def case_authority(graph: Graph, uid: str) -> str | None:
    """The authority that reported a case (``Case.authority``); None when there is no such
    case or it names none."""
    rows = graph.read(CASE_AUTHORITY, {"uid": uid})
    return rows[0]["authority"] if rows else None


CASES_OF_AUTHORITY = """
MATCH (c:Case) WHERE $authority IS NULL OR c.authority = $authority
RETURN c.uid AS uid, c.title AS title ORDER BY c.uid LIMIT $limit
"""


def cases_of_authority(graph: Graph, authority: str | None, limit: int = 1000
                       ) -> list[dict[str, str]]:
    """The cases an authority reported (its people may share them with a team), by uid;
    every case when ``authority`` is None (an administrator's choice)."""
    return graph.read(CASES_OF_AUTHORITY, {"authority": authority, "limit": limit})


GRAPH_AUTHORITIES = """
MATCH (a:Authority)
OPTIONAL MATCH (s:Source {id: a.source})
RETURN a.id AS id, s.name AS source_name, a.country AS country ORDER BY a.id
"""


def graph_authorities(graph: Graph) -> list[dict[str, str | None]]:
    """The authorities the cases name (``REPORTED_BY``), with the name of the source that
    first reported each: the ids people of those authorities must be given."""
    return graph.read(GRAPH_AUTHORITIES)


NODE_EIDS = "UNWIND $keys AS key MATCH (n:{label} {{{key}: key}}) RETURN elementId(n) AS eid"


def node_eids(graph: Graph, node_ids: list[tuple[str, str, str]], *,
              timeout: float | None = None) -> list[str]:
    """The element ids of nodes named by parsed node ids (label, key, value); missing ones
    are left out."""
    by_label: dict[tuple[str, str], list[str]] = {}
    for label, key, value in node_ids:
        by_label.setdefault((label, key), []).append(value)
    eids: list[str] = []
    for (label, key), values in by_label.items():
        (checked,) = MODEL.check_labels([label])
        if key != MODEL.nodes[checked].key:
            raise ValueError(f"{checked} is keyed by {MODEL.nodes[checked].key}, not {key}")
        rows = graph.read(NODE_EIDS.format(label=checked, key=key), {"keys": values},
                          timeout=timeout)
        eids += [r["eid"] for r in rows]
    return eids
