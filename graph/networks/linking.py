"""Which cases are linked, and by what: pure functions over the facts of
``graph.networks.evidence`` (no database).

A case touches an *entity* when
- an actor involved in it is, or is the same as (confirmed or automatic ``SAME_AS``), an
  actor record: the entity is the actor (all its SAME_AS records together);
- an actor involved in it works with another actor (RECRUITED_BY, EMPLOYED_BY, OWNS,
  DIRECTS): the entity is that associate;
- an actor involved in it uses, holds, keeps or lives at an identifier (Phone, Email,
  Account, Document, Address), or travelled in / arranged a trip in a Vehicle;
- an actor involved in it paid into an Account (from an account it holds).
Two cases touching the same entity are linked; networks are the connected groups of cases.
An identifier touched by more than ``hub_cap`` cases is a hub (a bank's clearing account, a
shelter's address) and links nothing; so is an associate reached from more than ``hub_cap``
cases (a large employer). An actor involved in cases always links them. Locations never link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.networks.evidence import Evidence

ACTOR = "actor"
IDENTIFIER = "identifier"
MONEY = "money"


class DisjointSet:
    """Union-find with path halving: groups that merge as links are found."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent.setdefault(parent, parent)
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> list[list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for item in list(self.parent):
            members[self.find(item)].append(item)
        return [sorted(m) for m in members.values()]


@dataclass(frozen=True)
class Fact:
    """One stated fact that ties a case to the linking entity, with its provenance."""

    case: str
    actor: str
    statement: str
    source: str | None
    reliability: str | None
    credibility: str | None
    tlp: str | None
    element_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["element_ids"] = list(self.element_ids)
        return data


@dataclass
class Link:
    """An entity that joins two or more cases, and the facts that say so."""

    kind: str  # actor | identifier | money
    label: str
    key: str
    caption: str
    cases: list[str]
    facts: list[Fact] = field(default_factory=list)
    same_as: list[dict[str, Any]] = field(default_factory=list)  # a, b, method, element_id
    element_ids: list[str] = field(default_factory=list)  # the entity's node(s), SAME_AS

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "key": self.key,
                "caption": self.caption, "cases": self.cases,
                "facts": [f.to_dict() for f in self.facts], "same_as": self.same_as,
                "element_ids": self.element_ids}


@dataclass
class Linking:
    """The result: groups of linked cases, the links, and the hubs that were ignored."""

    groups: list[list[str]]
    links: list[Link]
    hubs: list[dict[str, Any]]
    actor_entity: dict[str, str]  # actor or associate uid -> its entity key (SAME_AS group)


@dataclass
class _Entity:
    kind: str
    label: str
    key: str
    caption: str
    direct_cases: set[str] = field(default_factory=set)
    facts: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    element_ids: set[str] = field(default_factory=set)


def _fact(case: str, actor: str, statement: str, row: dict[str, Any],
          element_ids: Iterable[str | None]) -> Fact:
    return Fact(case=case, actor=actor, statement=statement, source=row.get("source"),
                reliability=row.get("reliability"), credibility=row.get("credibility"),
                tlp=row.get("tlp"), element_ids=tuple(sorted({e for e in element_ids if e})))


def actor_groups(same_as: Iterable[dict[str, Any]]) -> DisjointSet:
    """Actors joined by confirmed SAME_AS (transitively)."""
    groups = DisjointSet()
    for pair in same_as:
        groups.union(pair["a"], pair["b"])
    return groups


def link_cases(evidence: Evidence, hub_cap: int) -> Linking:
    """Group cases through shared entities; ``hub_cap`` bounds how many cases one identifier
    (or one associate) may touch and still link them."""
    same = actor_groups(evidence.same_as)
    entities: dict[tuple[str, str], _Entity] = {}
    cases_of: dict[str, set[str]] = defaultdict(set)

    def entity(kind: str, label: str, key: str, caption: str) -> _Entity:
        found = entities.get((label if kind != ACTOR else ACTOR, key))
        if found is None:
            found = _Entity(kind, label, key, caption)
            entities[(label if kind != ACTOR else ACTOR, key)] = found
        return found

    for row in evidence.involvements:
        cases_of[row["actor"]].add(row["case"])
    for row in evidence.involvements:
        ent = entity(ACTOR, row["label"], same.find(row["actor"]), row["name"] or row["actor"])
        ent.direct_cases.add(row["case"])
        ent.element_ids.add(row["element_id"])
        ent.facts[row["case"]].append(_fact(
            row["case"], row["actor"],
            f"{row['actor']} involved in {row['case']} as {row['role']}", row,
            [row["rel_element_id"], row["element_id"]]))
    for row in evidence.associates:
        other = row["other"]
        ent = entity(ACTOR, row["other_label"], same.find(other), row["other_name"] or other)
        ent.element_ids.add(row["other_element_id"])
        for case in cases_of[row["actor"]]:
            ent.facts[case].append(_fact(
                case, row["actor"], f"{row['actor']} {row['rel']} {other}", row,
                [row["rel_element_id"], row["other_element_id"]]))
    for row in evidence.identifiers:
        kind = MONEY if row["rel"] == "PAID_TO" else IDENTIFIER
        ent = entity(kind, row["label"], str(row["key"]), str(row["caption"] or row["key"]))
        if kind == MONEY and ent.kind == IDENTIFIER:
            ent.kind = MONEY
        ent.element_ids.add(row["element_id"])
        verb = (f"paid into ({row.get('payments', 1)} payments)" if kind == MONEY
                else row["rel"])
        for case in cases_of[row["actor"]]:
            ent.facts[case].append(_fact(
                case, row["actor"], f"{row['actor']} {verb} {row['label']} {row['key']}", row,
                [row["rel_element_id"], row["element_id"], *(row.get("via_element_ids") or ())]))

    pairs_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pair in evidence.same_as:
        pairs_of[same.find(pair["a"])].append(
            {"a": pair["a"], "b": pair["b"], "method": pair.get("method"),
             "element_id": pair.get("element_id")})
    groups = DisjointSet()
    for case_row in evidence.cases:
        groups.find(case_row["uid"])
    links: list[Link] = []
    hubs: list[dict[str, Any]] = []
    for ent in entities.values():
        cases = set(ent.facts)
        if len(cases) > hub_cap:
            if ent.kind != ACTOR or len(ent.direct_cases) < 2:
                hubs.append({"label": ent.label, "key": ent.key, "caption": ent.caption,
                             "cases": len(cases)})
                continue
            cases = set(ent.direct_cases)  # the actor links its own cases, not its contacts'
        if len(cases) < 2:
            continue
        ordered_cases = sorted(cases)
        for other in ordered_cases[1:]:
            groups.union(ordered_cases[0], other)
        facts = [f for case in ordered_cases for f in ent.facts[case]]
        same_as = pairs_of.get(ent.key, []) if ent.kind == ACTOR else []
        element_ids = set(ent.element_ids) | {p["element_id"] for p in same_as}
        links.append(Link(kind=ent.kind, label=ent.label, key=ent.key, caption=ent.caption,
                          cases=ordered_cases, facts=facts, same_as=same_as,
                          element_ids=sorted(element_ids)))
    case_groups = [g for g in groups.groups() if len(g) >= 2]
    actors = set(cases_of) | {row["other"] for row in evidence.associates}
    actor_entity = {uid: same.find(uid) for uid in actors}
    return Linking(groups=case_groups, links=sorted(links, key=lambda x: (x.kind, x.key)),
                   hubs=sorted(hubs, key=lambda h: -h["cases"]), actor_entity=actor_entity)
