"""The access rule, as Cypher predicates, in one place. Every read that returns evidence
(search, detail, expand, paths, cases, networks) filters its nodes and relationships with
``visible_node_ids`` / ``rel_visible`` and passes ``AccessScope.params()``.

Reads fetch their candidates with the cheap fragments (``red_ok``, ``case_visible``) and then
keep only the nodes ``visible_node_ids`` returns: the full rule is one Cypher statement,
planned once per server (planning it inside every read would cost seconds per new query).

The rule (docs/api.md, "Access rules"):
- A node or relationship with ``tlp = 'RED'`` is visible only to users whose authority owns its
  ``source`` (``$acc_sources``), whatever their role.
- Otherwise analysts and admins (``$acc_all``) see everything.
- Others see: Authority and Source nodes; a Case whose ``authority`` is theirs or whose uid is
  shared with one of their teams (``$acc_cases``); any record whose ``source`` their authority
  owns; a record tied to such a visible case (an actor INVOLVED_IN it; a travel leg travelled
  or arranged, an advertisement posted, a transaction sent or paid by an account held, by such
  an actor); an identifier linked to any of those records.

The TLP values this rule and the export redaction (``backend.sharing.redaction``) name are
defined here once (``RED``, ``AMBER_STRICT``), checked against the model's ``tlp`` enum.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph
from graph.model import MODEL

_VAR = re.compile(r"^[a-z_][a-z0-9_]*$")
CASE = MODEL.label("Case").name
TRAVEL_LEG = MODEL.label("TravelLeg").name
ADVERTISEMENT = MODEL.label("Advertisement").name
TRANSACTION = MODEL.label("Transaction").name
ACCOUNT = MODEL.label("Account").name
TRAVELLED, ARRANGED, POSTED_BY, SENT, PAID_TO, HOLDS, INVOLVED_IN = MODEL.check_rel_types(
    ["TRAVELLED", "ARRANGED", "POSTED_BY", "SENT", "PAID_TO", "HOLDS", "INVOLVED_IN"])
RED, AMBER_STRICT = "RED", "AMBER+STRICT"
if not {RED, AMBER_STRICT} <= set(MODEL.enums["tlp"]):
    raise RuntimeError("graph/model.yaml: the tlp enum must name RED and AMBER+STRICT")


@dataclass(frozen=True)
class AccessScope:
    """What one user may see: the parameters of the predicates below."""

    see_all: bool
    authority: str
    case_uids: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())

    def params(self) -> dict[str, Any]:
        return {
            "acc_all": self.see_all,
            "acc_authority": self.authority,
            "acc_cases": list(self.case_uids),
            "acc_sources": list(self.sources),
        }

    def red_only(self) -> AccessScope:
        """The TLP:RED rule of this scope alone (RED only with its own authority), for what
        was made visible otherwise (a chart shared with the user)."""
        return AccessScope(see_all=True, authority=self.authority, sources=self.sources)


AUTHORITY_SOURCES = f"""
MATCH (c:{CASE}) WHERE c.authority = $authority
RETURN DISTINCT c.source AS source
"""


SOURCES_TTL = 30.0  # seconds: a new source of an authority counts within half a minute
_sources_cache: dict[tuple[int, str], tuple[float, frozenset[str]]] = {}


def forget_sources() -> None:
    """Drop what ``authority_sources`` keeps: the graph's cases changed under it (a load, a
    reset), so an authority's new source counts at once."""
    _sources_cache.clear()


def authority_sources(graph: Graph, authority_id: str) -> set[str]:
    """Sources that reported cases of ``authority_id``: their records belong to it.

    Kept for ``SOURCES_TTL`` seconds per graph and authority (every request needs it), or
    until ``forget_sources``: loads and resets call it."""
    key = (id(graph), authority_id)
    now = time.monotonic()
    cached = _sources_cache.get(key)
    if cached and now - cached[0] < SOURCES_TTL:
        return set(cached[1])
    rows = graph.read(AUTHORITY_SOURCES, {"authority": authority_id})
    sources = frozenset(r["source"] for r in rows if r["source"])
    _sources_cache[key] = (now, sources)
    return set(sources)


def _var(name: str) -> str:
    if not _VAR.match(name):
        raise ValueError(f"not a Cypher variable: {name!r}")
    return name


def _labels(names: tuple[str, ...] | list[str]) -> str:
    return "|".join(MODEL.check_labels(list(names)))


def red_ok(var: str) -> str:
    v = _var(var)
    return f"(coalesce({v}.tlp, '') <> '{RED}' OR {v}.source IN $acc_sources)"


def case_visible(var: str) -> str:
    v = _var(var)
    return f"({red_ok(v)} AND ({v}.authority = $acc_authority OR {v}.uid IN $acc_cases))"


def _actor_tied(var: str) -> str:
    v = _var(var)
    c = f"{v}_c"
    return f"EXISTS {{ ({v})-[:{INVOLVED_IN}]->({c}:{CASE}) WHERE {case_visible(c)} }}"


def actor_visible(var: str) -> str:
    """The access rule for an actor record (person, agency, employer) alone, cheap enough to
    run inside an aggregation: its handling, then its source or a visible case it is in."""
    v = _var(var)
    return (f"({red_ok(v)} AND ($acc_all OR {v}.source IN $acc_sources"
            f" OR {_actor_tied(v)}))")


def _record_labels() -> tuple[str, ...]:
    return tuple(n for n, lab in MODEL.nodes.items() if lab.kind == "record" and n != CASE)


def _reference_labels() -> tuple[str, ...]:
    return tuple(n for n, lab in MODEL.nodes.items() if lab.kind == "reference")


def _record_rule(var: str) -> str:
    """Visibility of a non-identifier node for a user without ``acc_all`` (RED aside)."""
    v = _var(var)
    a = f"{v}_a"
    actors = _labels(MODEL.actor_labels)
    return (
        f"(({v}:{_labels(_reference_labels())})"
        f" OR ({v}:{CASE} AND {case_visible(v)})"
        f" OR ({v}:{_labels(_record_labels())} AND {v}.source IN $acc_sources)"
        f" OR ({v}:{actors} AND {_actor_tied(v)})"
        f" OR ({v}:{TRAVEL_LEG} AND EXISTS {{ ({a}:{actors})-[:{TRAVELLED}|{ARRANGED}]->({v})"
        f" WHERE {_actor_tied(a)} }})"
        f" OR ({v}:{ADVERTISEMENT} AND EXISTS {{ ({v})-[:{POSTED_BY}]->({a}:{actors})"
        f" WHERE {_actor_tied(a)} }})"
        f" OR ({v}:{TRANSACTION} AND EXISTS {{ ({v})-[:{SENT}|{PAID_TO}]-(:{ACCOUNT})"
        f"<-[:{HOLDS}]-({a}:{actors}) WHERE {_actor_tied(a)} }}))"
    )


def node_visible(var: str) -> str:
    """A Cypher predicate: may the user of ``$acc_*`` see the node bound to ``var``?"""
    v = _var(var)
    m = f"{v}_m"
    r = f"{v}_r"
    identifiers = _labels(MODEL.identifier_labels)
    return (
        f"({red_ok(v)} AND ($acc_all"
        f" OR (NOT {v}:{identifiers} AND {_record_rule(v)})"
        f" OR ({v}:{identifiers} AND EXISTS {{ ({v})-[{r}]-({m}) WHERE NOT {m}:{identifiers}"
        f" AND {red_ok(r)} AND {red_ok(m)} AND {_record_rule(m)} }})))"
    )


def rel_visible(var: str) -> str:
    """The relationship's own handling rule; its two nodes are checked with ``node_visible``."""
    return red_ok(var)


# replan=skip: the plan seeks each node by its element id whatever the graph holds; made again
# whenever loads have changed the graph's statistics enough, it would cost a second each time.
VISIBLE_NODES = f"""
CYPHER replan=skip
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid AND {node_visible('n')}
RETURN eid
"""


def visible_node_ids(graph: Graph, scope: AccessScope, eids: list[str] | set[str],
                     *, timeout: float | None = None) -> set[str]:
    """The element ids among ``eids`` of nodes the scope may see."""
    wanted = sorted(set(eids))
    if not wanted:
        return set()
    rows = graph.read(VISIBLE_NODES, {**scope.params(), "eids": wanted}, timeout=timeout)
    return {r["eid"] for r in rows}


VISIBLE_RELS = f"""
UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid AND {rel_visible('r')}
RETURN eid
"""


def visible_rel_ids(graph: Graph, scope: AccessScope, eids: list[str] | set[str],
                    *, timeout: float | None = None) -> set[str]:
    """The element ids among ``eids`` of relationships the scope may see (their own
    handling; check their ends with ``visible_node_ids``)."""
    wanted = sorted(set(eids))
    if not wanted:
        return set()
    rows = graph.read(VISIBLE_RELS, {**scope.params(), "eids": wanted}, timeout=timeout)
    return {r["eid"] for r in rows}


# Neo4j plans a statement again for each size class of a list parameter (1, 2-10, 11-100,
# 101-1,000, ...; docs/benchmarks.md, "Ingest"): about a second each for the access rule.
PLANNED_SIZES = (1, 10, 100, 1000)


def warm_up(graph: Graph) -> None:
    """Plan the access statement for each size class of ``eids`` a read passes, so that no
    user (nor a load's alerts) waits for a plan."""
    scope = AccessScope(see_all=False, authority="")
    for size in PLANNED_SIZES:
        visible_node_ids(graph, scope, [f"none-{i}" for i in range(size)])


RECORD_EIDS = "UNWIND $uids AS uid MATCH (n:{label} {{uid: uid}}) RETURN uid, elementId(n) AS eid"


def visible_record_uids(graph: Graph, scope: AccessScope, label: str, uids: list[str],
                        *, timeout: float | None = None) -> set[str]:
    """The uids among ``uids`` of ``label`` records the scope may see."""
    (checked,) = MODEL.check_labels([label])
    rows = graph.read(RECORD_EIDS.format(label=checked), {"uids": sorted(set(uids))},
                      timeout=timeout)
    allowed = visible_node_ids(graph, scope, [r["eid"] for r in rows], timeout=timeout)
    return {r["uid"] for r in rows if r["eid"] in allowed}
