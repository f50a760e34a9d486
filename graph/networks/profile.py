"""What investigators need to know of one network, computed from the facts already read:
key actors (networkx betweenness and degree), indicators, money, agencies working where they
are not licensed, and the score that orders networks for a joint operation. Pure functions.

Score (docs/resolution.md)::

    score = 3 x (jurisdictions - 1) + cases + 2 x core indicators present
            + 0.5 x other indicators present + 2 x unlicensed agencies
            + log10(1 + transactions into or out of its accounts)
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from graph.model import MODEL
from graph.networks.linking import Link

LICENSED = "licensed"
KEY_ACTORS = 10
# Actors only ever recorded in these roles are not candidates for key actors (a victim is
# central to a chart, not a target of the operation).
BYSTANDER_ROLES = frozenset({"victim", "witness", "complainant"})


def _entity(entity_of: Mapping[str, str] | None) -> Callable[[str], str]:
    """Record uid -> its entity key (its SAME_AS group); a record not in ``entity_of`` is an
    entity of its own."""
    mapping = entity_of or {}
    return lambda uid: mapping.get(uid, uid)


def _stands_for(key: str, members: Mapping[str, Mapping[str, Any]]
                ) -> tuple[str, Mapping[str, Any], list[str]]:
    """The record that stands for an entity (its key when that is one of its records, else
    the lowest uid), that record, and the other names its records give."""
    uid = key if key in members else min(members)
    first = members[uid]
    names = sorted({m["name"] for m in members.values() if m["name"]} - {first["name"]})
    return uid, first, names


def key_actors(case_uids: Iterable[str], involvements: list[dict[str, Any]],
               associates: list[dict[str, Any]], links: list[Link],
               entity_of: Mapping[str, str] | None = None,
               limit: int = KEY_ACTORS) -> list[dict[str, Any]]:
    """Actors of the network ranked by betweenness (who bridges its cases), then degree;
    actors recorded only as victims, witnesses or complainants are left out.

    An actor is an entity: records joined by SAME_AS (``entity_of``: record uid -> entity
    key) are one node, so that a recruiter reported by three countries is ranked once, with
    every case and role of its records. The graph: cases, their actors, the actors'
    associates and the linking identifiers."""
    entity = _entity(entity_of)
    cases = set(case_uids)
    g: nx.Graph[tuple[str, str]] = nx.Graph()
    records: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)  # entity -> uid -> info
    roles: dict[str, set[str]] = defaultdict(set)
    actor_cases: dict[str, set[str]] = defaultdict(set)
    for row in involvements:
        if row["case"] in cases:
            key = entity(row["actor"])
            g.add_edge(("case", row["case"]), ("actor", key))
            records[key][row["actor"]] = {"label": row["label"], "name": row["name"],
                                          "element_id": row["element_id"]}
            roles[key].add(row["role"])
            actor_cases[key].add(row["case"])
    for row in associates:
        key, other = entity(row["actor"]), entity(row["other"])
        if key in records and other != key:
            g.add_edge(("actor", key), ("actor", other))
            records[other].setdefault(row["other"], {"label": row["other_label"],
                                                     "name": row["other_name"],
                                                     "element_id": row["other_element_id"]})
    for link in links:
        for pair in link.same_as:  # records not joined by entity_of stay two joined nodes
            if entity(pair["a"]) != entity(pair["b"]):
                g.add_edge(("actor", entity(pair["a"])), ("actor", entity(pair["b"])))
        if link.kind != "actor":
            for fact in link.facts:
                g.add_edge(("actor", entity(fact.actor)), (link.label, link.key))
    if g.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(g, normalized=True)
    ranked = sorted(
        (node for node in g if node[0] == "actor" and node[1] in records
         and not (roles[node[1]] and roles[node[1]] <= BYSTANDER_ROLES)),
        key=lambda n: (-betweenness[n], -g.degree[n], n[1]))
    actors = []
    for _, key in ranked[:limit]:
        members = records[key]
        uid, first, names = _stands_for(key, members)
        actors.append({
            "uid": uid, "label": first["label"], "name": first["name"],
            "records": sorted(members), "also_named": names,
            "roles": sorted(roles[key]), "cases": sorted(actor_cases[key]),
            "betweenness": round(betweenness[("actor", key)], 4),
            "degree": g.degree[("actor", key)], "element_id": first["element_id"]})
    return actors


def actor_caption(actor: dict[str, Any]) -> str:
    """A key actor as people read it: "Name (3 records)" when several records are one actor."""
    name = str(actor["name"] or actor["uid"])
    return f"{name} ({len(actor['records'])} records)" if len(actor["records"]) > 1 else name


def indicators(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ILO indicators across the network's cases: how many cases show each, core ones marked."""
    counts = Counter(code for case in cases for code in set(case.get("indicators") or ()))
    core = set(MODEL.core_indicators)
    return [{"indicator": code, "cases": n, "core": code in core}
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def money(transactions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sum per currency of distinct transactions (tx, amount, currency)."""
    seen: set[str] = set()
    totals: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    for tx in transactions:
        if tx["tx"] in seen or tx.get("amount") is None:
            continue
        seen.add(tx["tx"])
        currency = tx.get("currency") or "unknown"
        totals[currency] += float(tx["amount"])
        counts[currency] += 1
    return [{"currency": c, "amount": round(totals[c], 2), "transactions": counts[c]}
            for c in sorted(totals)]


def unlicensed_agencies(case_uids: Iterable[str], cases: dict[str, dict[str, Any]],
                        involvements: list[dict[str, Any]],
                        associates: list[dict[str, Any]],
                        entity_of: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Recruitment agencies of the network without a valid licence where they work: licence
    unlicensed, suspended or revoked; or working (cases they are involved in, countries where
    they recruited) outside the country that licensed them.

    An agency is an entity, as for key actors: records joined by SAME_AS (``entity_of``) are
    one agency, listed once with its ``records``, the countries where any of them worked and
    the licences any of them reports (a licence revoked by one source counts)."""
    entity = _entity(entity_of)
    wanted = set(case_uids)
    agency = MODEL.label("RecruitmentAgency").name
    records: dict[str, dict[str, Any]] = {}
    works_in: dict[str, set[str]] = defaultdict(set)
    in_network: set[str] = set()
    for row in involvements:
        if row["label"] == agency:
            records[row["actor"]] = row
            if row["case"] in wanted:
                in_network.add(row["actor"])
                works_in[row["actor"]].add(cases[row["case"]]["jurisdiction"])
    network_actors = {r["actor"] for r in involvements if r["case"] in wanted}
    for row in associates:
        if row["actor"] in network_actors and row["other_label"] == agency:
            in_network.add(row["other"])
            records.setdefault(row["other"], {
                "actor": row["other"], "name": row["other_name"],
                "license_status": row["other_license_status"],
                "license_country": row["other_license_country"],
                "element_id": row["other_element_id"]})
            if row["rel"] == "RECRUITED_BY" and row.get("country"):
                works_in[row["other"]].add(row["country"])
    members: dict[str, list[str]] = defaultdict(list)
    for uid in sorted(in_network):
        members[entity(uid)].append(uid)
    found = []
    for key, uids in members.items():
        uid, first, names = _stands_for(key, {u: records[u] for u in uids})
        bad = sorted({s for u in uids
                      if (s := records[u].get("license_status")) in MODEL.bad_licences})
        licensed_in = sorted({c for u in uids if (c := records[u].get("license_country"))})
        countries = sorted({c for u in uids for c in works_in[u] if c})
        outside = [c for c in countries if c not in licensed_in]
        if bad:
            reason = f"licence {', '.join(bad)}"
        elif not licensed_in:
            reason = "no licence country on record"
        elif outside:
            reason = f"works in {', '.join(outside)}; licensed in {', '.join(licensed_in)} only"
        else:
            continue
        found.append({"uid": uid, "name": first["name"], "records": uids, "also_named": names,
                      "license_status": ", ".join(bad) or first.get("license_status"),
                      "license_country": ", ".join(licensed_in) or None,
                      "works_in": countries, "reason": reason,
                      "element_id": first["element_id"]})
    return sorted(found, key=lambda a: a["uid"])


def score(jurisdictions: int, cases: int, found_indicators: list[dict[str, Any]],
          unlicensed: int, transactions: int) -> tuple[float, dict[str, float]]:
    """The ordering score for a joint operation, and its parts (see the module docstring)."""
    core = sum(1 for i in found_indicators if i["core"])
    other = len(found_indicators) - core
    parts = {
        "jurisdictions": 3.0 * max(0, jurisdictions - 1),
        "cases": float(cases),
        "core_indicators": 2.0 * core,
        "other_indicators": 0.5 * other,
        "unlicensed_agencies": 2.0 * unlicensed,
        "money": round(math.log10(1 + transactions), 3),
    }
    return round(sum(parts.values()), 2), parts
