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


def fold(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset()
         ) -> list[dict[str, Any]]:
    """The elements with money, travel legs and pair-joining identifiers folded into links;
    the elements in ``keep`` (a shortest path being shown) are drawn as they are."""
    return fold_identifiers(fold_travel(collapse_transactions(elements, keep), keep), keep)


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
        if len(travellers) != 1 or len(to) != 1:
            continue  # drawn as it is: no single traveller or no destination in the chart
        person = travellers[0]["data"]["source"]
        destination = to[0]["data"]["target"]
        props = leg["data"].get("properties", {})
        starts = [by_id[e["data"]["target"]]["data"].get("caption", "")
                  for e in kinds.get("FROM", [])]
        date = next((str(props[d]) for d in LEG_DATES if props.get(d)), None)
        caption = " · ".join(p for p in (date, props.get("mode"),
                                         f"from {starts[0]}" if starts else None) if p)
        folded = [leg_id, *(e["data"]["id"] for e in edges)]
        added.append(_link(f"travel:{leg_id}", person, destination, TRAVEL_EDGE,
                           caption or "travelled", folded, leg["data"].get("date") or date))
        for edge in kinds.get("ARRANGED", []):
            added.append(_link(f"arranged:{edge['data']['id']}", edge["data"]["source"], person,
                               TRAVEL_EDGE, f"arranged travel{' ' + date if date else ''}",
                               [edge["data"]["id"], leg_id], date))
        for edge in kinds.get("USED", []):
            added.append(_link(f"used:{edge['data']['id']}", person, edge["data"]["target"],
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


def folded_link(state: dict[str, Any], link_id: str) -> dict[str, Any] | None:
    """A folded link of the chart by id (its data), as ``fold`` draws it."""
    keep = frozenset(state.get("path") or [])
    return next((e["data"] for e in fold(state["elements"], keep) if e["data"]["id"] == link_id
                 and e["data"].get("folded") is not None), None)
