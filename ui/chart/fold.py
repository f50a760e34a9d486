"""The chart made readable: what is evidence *between* two parties drawn as a link between
them, not as a node of its own.

- Transactions between two accounts in the chart become one money link per account pair
  (``ui.chart.money``).
- A travel leg becomes a link from its traveller to where the leg went, captioned with the date,
  the mode and where it started; whoever arranged it is linked to the traveller and a vehicle it
  used to the traveller. Places that only the folded legs named go with them.
- An identifier (phone, e-mail, document, address) that joins exactly two nodes of the chart
  becomes one link between those two, captioned with the identifier.

Nothing is lost: every folded link carries the ids of what it stands for (``folded``), which
the details panel shows from the chart state, and the chart can be drawn unfolded at any time.
The state itself is never changed; folding happens on the way to the browser.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ui.chart.money import collapse_transactions
from ui.styles.cytoscape import SHARED_EDGE, TRAVEL_EDGE

LEG = "TravelLeg"
IDENTIFIERS = ("Phone", "Email", "Document", "Address")
LEG_DATES = ("departed_on", "arrived_on")
# Details of one record that lead nowhere else on the chart: folded into the node they hang off
LEAVES = ("Phone", "Email", "Document", "Address", "Account", "Transaction", "TravelLeg")


def fold(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset(),
         evidence: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The elements with money, travel legs and pair-joining identifiers folded into links,
    then the details that hang off one node only folded into it; the elements in ``keep`` (a
    shortest path being shown) are drawn as they are, and highlighted ``evidence`` is never
    folded into a node (it may become a highlighted link)."""
    merged = fold_same_as(elements, keep)
    linked = fold_identifiers(fold_travel(collapse_transactions(merged, keep), keep), keep)
    # twice: transactions into their account, then the account into its holder
    return _drawable(fold_leaves(fold_leaves(linked, keep, evidence), keep, evidence))


def _drawable(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without an edge whose end is not drawn: cytoscape refuses the whole chart for one."""
    nodes = {e["data"]["id"] for e in elements if not _is_edge(e)}
    return [e for e in elements if not _is_edge(e)
            or (e["data"]["source"] in nodes and e["data"]["target"] in nodes)]


def _other(edge: dict[str, Any], node_id: str) -> str:
    """The end of ``edge`` that is not ``node_id`` (whichever way the edge points)."""
    data = edge["data"]
    return data["target"] if data["source"] == node_id else data["source"]


def _is_edge(element: dict[str, Any]) -> bool:
    return "source" in element["data"]


def _edges_by_node(elements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    by_node: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in elements:
        if _is_edge(e):
            by_node[e["data"]["source"]].append(e)
            by_node[e["data"]["target"]].append(e)
    return by_node


def _link(link_id: str, source: str, target: str, link_type: str, caption: str,
          folded: list[str], date: str | None = None) -> dict[str, Any]:
    return {"group": "edges", "data": {
        "id": link_id, "source": source, "target": target, "type": link_type,
        "caption": caption, "folded": folded, "date": date, "properties": {},
        "provenance": {}}}


def fold_travel(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset()
                ) -> list[dict[str, Any]]:
    """Each travel leg with one traveller and a destination in the chart as a traveller ->
    destination link; its arrangers and vehicles linked to the traveller."""
    by_id = {e["data"]["id"]: e for e in elements}
    by_node = _edges_by_node(elements)
    removed: set[str] = set()
    added: list[dict[str, Any]] = []
    for leg in (e for e in elements if not _is_edge(e) and e["data"].get("type") == LEG):
        leg_id = leg["data"]["id"]
        if leg_id in keep:
            continue
        edges = by_node.get(leg_id, [])
        kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in edges:
            kinds[edge["data"]["type"]].append(edge)
        travellers, to = kinds.get("TRAVELLED", []), kinds.get("TO", [])
        used = kinds.get("USED", [])
        if len(travellers) != 1 or (len(to) != 1 and len(used) != 1) or \
                any(_other(e, leg_id) == leg_id for e in edges):
            continue  # drawn as it is: no single traveller, nowhere it went in the chart
        person = _other(travellers[0], leg_id)
        if to:
            destination = _other(to[0], leg_id)
        else:  # only the vehicle is on the chart: the link goes to it
            destination, used = _other(used[0], leg_id), []
        props = leg["data"].get("properties", {})
        starts = [by_id[_other(e, leg_id)]["data"].get("caption", "")
                  for e in kinds.get("FROM", [])]
        date = next((str(props[d]) for d in LEG_DATES if props.get(d)), None)
        caption = " · ".join(p for p in (date, props.get("mode"),
                                         f"from {starts[0]}" if starts else None) if p)
        folded = [leg_id, *(e["data"]["id"] for e in edges)]
        added.append(_link(f"travel:{leg_id}", person, destination, TRAVEL_EDGE,
                           caption or "travelled", folded, leg["data"].get("date") or date))
        for edge in kinds.get("ARRANGED", []):
            added.append(_link(f"arranged:{edge['data']['id']}", _other(edge, leg_id), person,
                               TRAVEL_EDGE, f"arranged travel{' ' + date if date else ''}",
                               [edge["data"]["id"], leg_id], date))
        for edge in used:
            added.append(_link(f"used:{edge['data']['id']}", person, _other(edge, leg_id),
                               TRAVEL_EDGE, f"travelled in{' ' + date if date else ''}",
                               [edge["data"]["id"], leg_id], date))
        removed.add(leg_id)
        removed.update(e["data"]["id"] for e in edges)
    # places named only by folded legs (a start or a stop) go too; their link keeps them
    for e in elements:
        node_id = e["data"]["id"]
        if _is_edge(e) or node_id in removed or e["data"].get("type") != "Location":
            continue
        own = by_node.get(node_id, [])
        if own and all(x["data"]["id"] in removed for x in own) \
                and not any(a["data"]["target"] == node_id for a in added):
            removed.add(node_id)
            for link in added:
                if link["data"]["folded"][0] in {x["data"]["source"] for x in own}:
                    link["data"]["folded"].append(node_id)
    return [e for e in elements if e["data"]["id"] not in removed] + added


def fold_identifiers(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset()
                     ) -> list[dict[str, Any]]:
    """Each identifier node linked to exactly two other nodes of the chart as one link between
    them, captioned with the identifier."""
    by_node = _edges_by_node(elements)
    removed: set[str] = set()
    added: list[dict[str, Any]] = []
    for node in elements:
        data = node["data"]
        if _is_edge(node) or data.get("type") not in IDENTIFIERS or data["id"] in keep:
            continue
        edges = by_node.get(data["id"], [])
        ends = sorted({e["data"]["source"] if e["data"]["target"] == data["id"]
                       else e["data"]["target"] for e in edges} - {data["id"]})
        if len(edges) != 2 or len(ends) != 2 or any(end in removed for end in ends):
            continue
        caption = f"{data['type'].lower()} {data.get('caption', '')}".strip()
        added.append(_link(f"shared:{data['id']}", ends[0], ends[1], SHARED_EDGE, caption,
                           [data["id"], *(e["data"]["id"] for e in edges)], data.get("date")))
        removed.add(data["id"])
        removed.update(e["data"]["id"] for e in edges)
    return [e for e in elements if e["data"]["id"] not in removed] + added


def fold_same_as(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset()
                 ) -> list[dict[str, Any]]:
    """The records of one actor, joined by confirmed SAME_AS, drawn as one node (the record
    with the most links), captioned with how many records it stands for; the other records'
    links are drawn from it (a link it already has is not drawn twice)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    same = [e for e in elements if _is_edge(e) and e["data"].get("type") == "SAME_AS"
            and (e["data"].get("properties") or {}).get("status") == "confirmed"
            and not {e["data"]["id"], e["data"]["source"], e["data"]["target"]} & keep]
    if not same:
        return elements
    degree = {k: len(v) for k, v in _edges_by_node(elements).items()}
    for e in same:
        a, b = root(e["data"]["source"]), root(e["data"]["target"])
        if a != b:  # the better linked record represents the actor
            keep_a = (degree.get(a, 0), b) >= (degree.get(b, 0), a)
            parent[b if keep_a else a] = a if keep_a else b
    folded: dict[str, list[str]] = defaultdict(list)
    for e in same:
        folded[root(e["data"]["source"])].append(e["data"]["id"])
    for node_id in parent:
        folded[root(node_id)].append(node_id)
    same_ids = {e["data"]["id"] for e in same}
    out: list[dict[str, Any]] = []
    drawn: dict[tuple[str, str, str], str] = {}  # (type, source, target) -> the link drawn
    for e in elements:
        data = e["data"]
        if data["id"] in same_ids or (not _is_edge(e) and data["id"] in parent):
            continue
        if not _is_edge(e):
            if data["id"] in folded:
                records = 1 + sum(1 for i in folded[data["id"]] if i in parent)
                e = {**e, "data": {**data, "folded": folded[data["id"]],
                                   "caption": f"{data.get('caption', '')} ({records} records)"}}
            out.append(e)
            continue
        source, target = root(data["source"]), root(data["target"])
        ends = (data["type"], source, target)
        repointed = source != data["source"] or target != data["target"]
        if ends in drawn and repointed:  # the actor already has this link: drawn once
            folded[source if source != data["source"] else target].append(data["id"])
            continue
        drawn.setdefault(ends, data["id"])
        if (source, target) != (data["source"], data["target"]):
            e = {**e, "data": {**data, "source": source, "target": target}}
        out.append(e)
    return out


def fold_leaves(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset(),
                evidence: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Each detail node (phone, account, transaction...) with a single link on the chart folded
    into the node at its other end, which counts them in its caption (``Ana (+3)``) and lists
    them in ``folded``; highlighted ``evidence`` stays drawn."""
    by_node = _edges_by_node(elements)
    into: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    removed: set[str] = set()
    for node in elements:
        data = node["data"]
        if _is_edge(node) or data.get("type") not in LEAVES or data["id"] in keep | evidence:
            continue
        edges = by_node.get(data["id"], [])
        if len(edges) != 1 or edges[0]["data"]["id"] in keep:
            continue
        edge = edges[0]["data"]
        owner = edge["target"] if edge["source"] == data["id"] else edge["source"]
        if owner in removed or owner == data["id"]:
            continue
        into[owner] += [data["id"], edge["id"], *data.get("folded", [])]
        counts[owner] += 1 + data.get("folded_nodes", 0)
        removed.update((data["id"], edge["id"]))
    out = []
    for e in elements:
        node_id = e["data"]["id"]
        if node_id in removed:
            continue
        if node_id in into:
            data = e["data"]
            before = list(data.get("folded") or [])
            base = data.get("base_caption", data.get("caption", ""))
            count = data.get("folded_nodes", 0) + counts[node_id]
            e = {**e, "data": {**data, "folded": before + into[node_id], "base_caption": base,
                               "folded_nodes": count, "caption": f"{base} (+{count})"}}
        out.append(e)
    return out


def _folded(state: dict[str, Any]) -> list[dict[str, Any]]:
    """The chart state folded as ``ui.chart.filters.view`` draws it."""
    return fold(state["elements"], frozenset(state.get("path") or []),
                frozenset(state.get("highlight") or []))


def folded_into(state: dict[str, Any], node_id: str) -> list[str]:
    """The ids folded into a node of the chart, as ``fold`` draws it."""
    return next((list(e["data"].get("folded") or []) for e in _folded(state)
                 if e["data"]["id"] == node_id), [])


def folded_link(state: dict[str, Any], link_id: str) -> dict[str, Any] | None:
    """A folded link of the chart by id (its data), as ``fold`` draws it."""
    return next((e["data"] for e in _folded(state) if e["data"]["id"] == link_id
                 and e["data"].get("folded") is not None), None)
