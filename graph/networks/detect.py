"""Cross-border networks: groups of cases joined through shared actors, identifiers and
money (see ``graph.networks.linking``), each with what a joint operation needs to know.

Library functions for the API, the UI and the CLI: ``detect_networks``, ``network_by_id``;
``Network.to_dict()`` is the JSON documented in docs/resolution.md; ``Network.highlight()``
names the nodes and relationships to highlight in a chart.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.connection import Graph
from graph.networks import profile
from graph.networks.evidence import Evidence, account_money, read_evidence
from graph.networks.linking import Link, link_cases

DEFAULT_HUB_CAP = 8


@dataclass
class Network:
    """One group of linked cases. Fields as in the JSON of docs/resolution.md."""

    id: str
    score: float
    score_parts: dict[str, float]
    jurisdictions: list[str]
    authorities: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    links: list[Link]
    key_actors: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    money: list[dict[str, Any]]
    unlicensed_agencies: list[dict[str, Any]]
    accounts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "score": self.score, "score_parts": self.score_parts,
            "jurisdictions": self.jurisdictions, "authorities": self.authorities,
            "cases": self.cases, "links": [link.to_dict() for link in self.links],
            "key_actors": self.key_actors, "indicators": self.indicators,
            "money": self.money, "unlicensed_agencies": self.unlicensed_agencies,
            "accounts": self.accounts, "highlight": self.highlight(),
        }

    def highlight(self) -> dict[str, list[str]]:
        """For the chart: case uids, actor uids, and the element ids of every node and
        relationship of the linking evidence (cases, linking entities, the facts' paths)."""
        elements: set[str] = {c["element_id"] for c in self.cases if c.get("element_id")}
        actors: set[str] = set()
        for link in self.links:
            elements.update(link.element_ids)
            for fact in link.facts:
                elements.update(fact.element_ids)
                actors.add(fact.actor)
            for pair in link.same_as:
                actors.update((pair["a"], pair["b"]))
        return {"case_uids": [c["uid"] for c in self.cases], "actor_uids": sorted(actors),
                "element_ids": sorted(elements)}


def network_id(case_uids: list[str]) -> str:
    """Stable id: the same cases give the same id in every run."""
    digest = hashlib.sha1("\n".join(sorted(case_uids)).encode("utf-8")).hexdigest()
    return f"net-{digest[:12]}"


def _authorities(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for case in cases:
        if case.get("authority") and case["authority"] not in seen:
            seen[case["authority"]] = {
                "id": case["authority"], "name": case.get("authority_name"),
                "country": case.get("authority_country"), "kind": case.get("authority_kind")}
    return sorted(seen.values(), key=lambda a: a["id"])


def _accounts(links: list[Link], evidence: Evidence) -> list[str]:
    """Accounts held by the network's actors, and accounts that link its cases."""
    numbers = {str(r["key"]) for r in evidence.identifiers
               if r["label"] == "Account" and r["rel"] == "HOLDS"}
    numbers.update(link.key for link in links if link.label == "Account")
    return sorted(numbers)


class _Index:
    """The evidence and links grouped by case and actor, so that each network takes its
    own slice instead of scanning everything."""

    def __init__(self, evidence: Evidence, links: list[Link]) -> None:
        self.involvements: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.associates: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.identifiers: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.links: dict[str, list[Link]] = defaultdict(list)
        for row in evidence.involvements:
            self.involvements[row["case"]].append(row)
        for row in evidence.associates:
            self.associates[row["actor"]].append(row)
        for row in evidence.identifiers:
            self.identifiers[row["actor"]].append(row)
        for link in links:
            self.links[link.cases[0]].append(link)

    def slice(self, group: list[str]) -> tuple[Evidence, list[Link]]:
        involvements = [r for case in group for r in self.involvements[case]]
        actors = sorted({r["actor"] for r in involvements})
        return Evidence(
            involvements=involvements,
            associates=[r for a in actors for r in self.associates[a]],
            identifiers=[r for a in actors for r in self.identifiers[a]],
        ), [link for case in group for link in self.links[case]]


def _build(group: list[str], evidence: Evidence, links: list[Link],
           cases_by_uid: dict[str, dict[str, Any]],
           money_by_account: dict[str, list[dict[str, Any]]],
           entity_of: dict[str, str]) -> Network:
    case_rows = [cases_by_uid[uid] for uid in group]
    found_indicators = profile.indicators(case_rows)
    unlicensed = profile.unlicensed_agencies(group, cases_by_uid, evidence.involvements,
                                             evidence.associates, entity_of)
    accounts = _accounts(links, evidence)
    money = profile.money(tx for number in accounts for tx in money_by_account.get(number, ()))
    jurisdictions = sorted({c["jurisdiction"] for c in case_rows if c.get("jurisdiction")})
    score, parts = profile.score(len(jurisdictions), len(group), found_indicators,
                                 len(unlicensed), sum(m["transactions"] for m in money))
    return Network(
        id=network_id(group), score=score, score_parts=parts, jurisdictions=jurisdictions,
        authorities=_authorities(case_rows),
        cases=[{"uid": c["uid"], "jurisdiction": c["jurisdiction"], "authority": c["authority"],
                "title": c.get("title"), "element_id": c["element_id"]} for c in case_rows],
        links=links,
        key_actors=profile.key_actors(group, evidence.involvements, evidence.associates, links,
                                      entity_of),
        indicators=found_indicators, money=money, unlicensed_agencies=unlicensed,
        accounts=accounts,
    )


def detect_networks(graph: Graph, min_jurisdictions: int = 2,
                    hub_cap: int = DEFAULT_HUB_CAP, timeout: float | None = None
                    ) -> list[Network]:
    """Networks of two or more linked cases spanning at least ``min_jurisdictions``
    jurisdictions, highest score first. ``hub_cap``: an identifier (or associate) touched by
    more cases than this links nothing. Uses confirmed and automatic SAME_AS only."""
    if hub_cap < 2:
        raise ValueError("hub_cap must be at least 2: a link needs two cases")
    evidence = read_evidence(graph, timeout=timeout)
    linking = link_cases(evidence, hub_cap)
    cases_by_uid = {c["uid"]: c for c in evidence.cases}
    groups = [g for g in linking.groups
              if len({cases_by_uid[u]["jurisdiction"] for u in g}) >= min_jurisdictions]
    index = _Index(evidence, linking.links)
    slices = [(g, *index.slice(g)) for g in groups]
    all_accounts = {number for _, ev, links in slices for number in _accounts(links, ev)}
    money_by_account: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for tx in account_money(graph, sorted(all_accounts), timeout=timeout):
        money_by_account[tx["number"]].append(tx)
    networks = [_build(g, ev, links, cases_by_uid, money_by_account, linking.actor_entity)
                for g, ev, links in slices]
    return sorted(networks, key=lambda n: (-n.score, n.id))


def network_by_id(graph: Graph, network: str, hub_cap: int = DEFAULT_HUB_CAP,
                  timeout: float | None = None) -> Network | None:
    """The network with this id (whatever its jurisdictions), or None when no group of
    cases has it any more (the data or the judgements changed)."""
    for found in detect_networks(graph, min_jurisdictions=1, hub_cap=hub_cap, timeout=timeout):
        if found.id == network:
            return found
    return None
