"""What the Explore page's actions fetch, through the services as the logged-in user, and
how they change the chart state (``ui.chart.elements``). No Dash here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import (
    cases,
    entities,
    expand,
    networks,
    paths,
    subgraphs,
)
from backend.sharing import subgraph_versions
from graph.connection import Graph
from ui.chart.cache import ChartCache, ChartExpiredError
from ui.chart.elements import (
    common_neighbours,
    merge,
    node_ids,
    set_highlight,
    set_path,
    state_from_saved,
)

EXPAND_LIMIT = 100
NETWORK_EXPAND_LIMIT = 40
COMPARE_NAMED = 5  # shared neighbours named in the message


def add_node(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
             node_id: str) -> tuple[dict[str, Any], str]:
    node = entities.entity(graph, s, viewer, node_id)
    new, added = merge(state, [node], [])
    return new, f"added {node['caption']}" if added else f"{node['caption']} is already shown"


def expand_node(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
                node_id: str, rel_types: list[str] | None) -> tuple[dict[str, Any], str]:
    found = expand.expand(graph, s, viewer, node_id, rel_types=rel_types or None,
                          limit=EXPAND_LIMIT)
    new, added = merge(state, found["nodes"], found["relationships"])
    more = f"; more than {EXPAND_LIMIT} neighbours, narrow by relationship type" \
        if found["has_more"] else ""
    return new, f"expanded {node_id}: {added} new elements{more}"


def shortest_path(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
                  source: str, target: str) -> tuple[dict[str, Any], str]:
    """The chart with every shortest path added and drawn as the path."""
    found = paths.paths(graph, s, viewer, source, target, all_shortest=True)
    if not found["paths"]:
        return state, f"no path of at most 4 hops between {source} and {target} " \
            "through what you may see"
    new, _ = merge(state, found["nodes"], found["relationships"])
    on_path = [x for p in found["paths"] for x in p["nodes"] + p["relationships"]]
    hops = len(found["paths"][0]["relationships"])
    return set_path(new, on_path), f"{len(found['paths'])} shortest path(s) of {hops} hop(s)"


def open_case(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
              uid: str) -> tuple[dict[str, Any], str]:
    case = cases.case(graph, s, viewer, uid)
    new, _ = merge(state, [case], [])
    new, _ = expand_node(graph, s, viewer, new, case["id"], None)
    return new, f"opened case {case['caption']}"


def open_network(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
                 network_id: str) -> tuple[dict[str, Any], str]:
    """The network's cases and linking entities with their neighbours; the linking evidence
    (cases, linking entities, key actors, the facts' relationships) highlighted."""
    net = networks.network(graph, s, viewer, network_id)
    new = state
    centres = [f"Case:{c['uid']}" for c in net["cases"]]
    centres += [f"{link['label']}:{link['key']}" for link in net["links"]]
    for node_id in centres:
        try:
            new, _ = add_node(graph, s, viewer, new, node_id)
            found = expand.expand(graph, s, viewer, node_id, limit=NETWORK_EXPAND_LIMIT)
        except CrosslinkError:
            continue  # a linking entity the viewer may not see stays out of the chart
        new, _ = merge(new, found["nodes"], found["relationships"])
    marked = set(net["highlight"]["element_ids"]) | set(centres)
    actors = set(net["highlight"]["actor_uids"])
    ids = [e["data"]["id"] for e in new["elements"]
           if e["data"]["id"] in marked or e["data"].get("properties", {}).get("uid") in actors]
    return set_highlight(new, ids), (f"opened network {network_id}: {len(net['cases'])} cases "
                                     f"in {', '.join(net['jurisdictions'])}; linking evidence "
                                     "highlighted")


def open_pair(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
              a: str, b: str) -> tuple[dict[str, Any], str]:
    """Two records a reviewer is to judge (the same actor or not?): each with its neighbours;
    both and the neighbours they share highlighted."""
    new = state
    for node_id in (a, b):
        new, _ = add_node(graph, s, viewer, new, node_id)
        new, _ = expand_node(graph, s, viewer, new, node_id, None)
    shared = common_neighbours(new, a, b)
    new = set_highlight(new, [a, b, *(d["id"] for d in shared)])
    both = "; ".join(f"{d['type']} {d['caption']}" for d in shared[:COMPARE_NAMED])
    more = f"; ... {len(shared) - COMPARE_NAMED} more" if len(shared) > COMPARE_NAMED else ""
    return new, (f"comparing {a} and {b}: " + (f"both linked to {both}{more}" if shared else
                                               "no neighbour in common"))


def open_subgraph(s: Session, viewer: Viewer, subgraph_id: int, version: str | None = None
                  ) -> tuple[dict[str, Any], str]:
    """The saved chart, or one of its versions as it was (``?version=V``)."""
    if version and version.isdigit():
        saved = subgraph_versions.get_version(s, viewer, subgraph_id, int(version))
        return (state_from_saved(saved["elements"]),
                f"opened saved chart {saved['name']!r} as it was in version {version}")
    saved = subgraphs.get(s, viewer, subgraph_id)
    return state_from_saved(saved["elements"]), f"opened saved chart {saved['name']!r}"


def open_subgraph_news(graph: Graph, s: Session, viewer: Viewer, subgraph_id: int,
                       version: int) -> tuple[dict[str, Any], str]:
    """A version of a saved chart with what the live graph now links to its nodes (new
    neighbours, new cases, the links that reach them), the new elements highlighted."""
    state, _ = open_subgraph(s, viewer, subgraph_id, str(version))
    news = subgraph_versions.added_since(graph, s, viewer, subgraph_id, version)
    new, _ = merge(state, news["nodes"], news["relationships"])
    fresh = [n["id"] for n in news["nodes"]] + [r["id"] for r in news["relationships"]]
    return set_highlight(new, fresh), (
        f"saved chart #{subgraph_id} (version {version}) with what is new around it: "
        f"{len(news['relationships'])} new links to {len(news['nodes'])} nodes, "
        f"{len(news['cases'])} new cases, highlighted")


def open_query_results(charts: ChartCache, owner: str, key: str) -> tuple[dict[str, Any], str]:
    """A query's results (Queries page, *Open in Explore*), kept for the login session."""
    try:
        state = charts.get(owner, key).state
    except ChartExpiredError:
        raise ChartExpiredError("these query results are no longer on the server: run the "
                                "query again") from None
    return state, f"opened the query's results: {len(node_ids(state))} nodes"


def initial_state(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
                  query: dict[str, str], *, charts: ChartCache, owner: str
                  ) -> tuple[dict[str, Any], str]:
    """What the page URL asks to open: ?subgraph=ID (with &version=V or &new_since=V),
    ?network=ID, ?case=UID, ?compare=ID&to=ID (two records side by side), ?node=ID,
    ?chart=KEY (a query's results)."""
    if "chart" in query:
        return open_query_results(charts, owner, query["chart"])
    if "subgraph" in query:
        try:
            number = int(query["subgraph"])
        except ValueError:
            return state, f"subgraph {query['subgraph']!r} is not a number"
        since = query.get("new_since", "")
        if since.isdigit():
            return open_subgraph_news(graph, s, viewer, number, int(since))
        return open_subgraph(s, viewer, number, query.get("version"))
    if "network" in query:
        return open_network(graph, s, viewer, state, query["network"])
    if "case" in query:
        return open_case(graph, s, viewer, state, query["case"])
    if "compare" in query and "to" in query:
        return open_pair(graph, s, viewer, state, query["compare"], query["to"])
    if "node" in query:
        return add_node(graph, s, viewer, state, query["node"])
    return state, ("search for a person, company, phone, account, case... and add it; or open a "
                   "network from Networks, a case from Cases, a chart from Saved")
