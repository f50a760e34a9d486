"""What the Explore page's actions fetch, through the services as the logged-in user, and
how they change the chart state (``ui.chart.elements``). No Dash here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import (
    cases,
    chart_links,
    entities,
    expand,
    networks,
    paths,
    search,
    subgraphs,
)
from backend.sharing import subgraph_versions
from graph.connection import Graph
from ui.chart.cache import ChartCache, ChartExpiredError
from ui.chart.elements import (
    common_neighbours,
    find,
    merge,
    merge_elements,
    node_ids,
    set_highlight,
    set_path,
    state_from_saved,
)

EXPAND_LIMIT = 100
NETWORK_EXPAND_LIMIT = 40
COMPARE_NAMED = 5  # shared neighbours named in the message
NAMED = 8  # lines not found, cross-references named in a message


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
                  source: str, target: str, *, k: int | None = None, max_hops: int = 4,
                  excluded_labels: list[str] | None = None,
                  excluded_rel_types: list[str] | None = None,
                  excluded_nodes: list[str] | None = None) -> tuple[dict[str, Any], str]:
    """The chart with the paths added and drawn as the path: every shortest path, or with
    ``k`` (or exclusions of types or nodes) the k shortest of increasing length."""
    found = paths.paths(graph, s, viewer, source, target, all_shortest=True, k=k,
                        max_hops=max_hops, excluded_labels=excluded_labels,
                        excluded_rel_types=excluded_rel_types, excluded_nodes=excluded_nodes)
    if not found["paths"]:
        return state, f"no path of at most {max_hops} hops between {source} and {target} " \
            "through what you may see" + (" and did not exclude" if excluded_labels or
                                          excluded_rel_types or excluded_nodes else "")
    new, _ = merge(state, found["nodes"], found["relationships"])
    on_path = [x for p in found["paths"] for x in p["nodes"] + p["relationships"]]
    hops = sorted({len(p["relationships"]) for p in found["paths"]})
    kind = "shortest path(s)" if k is None and not excluded_rel_types and not excluded_nodes \
        else "path(s), shortest first,"
    return set_path(new, on_path), (f"{len(found['paths'])} {kind} of "
                                    f"{', '.join(map(str, hops))} hop(s)")


def merge_choices(graph: Graph, s: Session, viewer: Viewer) -> list[dict[str, str]]:
    """What can be merged into a chart: the user's saved charts, then the networks."""
    saved = [{"label": f"Saved: {c['name']} (#{c['id']})", "value": f"subgraph:{c['id']}"}
             for c in subgraphs.list_own(s, viewer)]
    nets = [{"label": f"Network {n['id']}: {', '.join(n['jurisdictions'])}",
             "value": f"network:{n['id']}"}
            for n in networks.list_networks(graph, s, viewer)]
    return saved + nets


def merge_into(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
               what: str) -> tuple[dict[str, Any], str]:
    """A saved chart (``subgraph:ID``) or a network (``network:ID``) merged into the open
    chart: their union, without duplicates."""
    kind, _, ident = what.partition(":")
    if kind == "network":
        before = len(state["elements"])
        new, _ = open_network(graph, s, viewer, state, ident)
        return new, f"merged network {ident}: {len(new['elements']) - before} new elements"
    if kind != "subgraph" or not ident.isdigit():
        return state, f"{what!r} is neither a saved chart nor a network"
    saved = subgraphs.get(s, viewer, int(ident))
    elements = list(saved["elements"].get("nodes", [])) + \
        list(saved["elements"].get("relationships", []))
    new, added = merge_elements(state, elements)
    return new, (f"merged saved chart {saved['name']!r}: {added} new elements, "
                 f"{len(elements) - added} already shown")


def add_lines(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
              text: str) -> tuple[dict[str, Any], str, list[str]]:
    """A pasted list (names, phones, IBANs, case ids, one a line), each line looked up by the
    search service, its best hit added; the message names the lines not found. Also returns
    the ids of the nodes found (to focus and select)."""
    found = search.search_lines(graph, s, viewer, text)
    hits = [f["node"] for f in found["found"]]
    new, added = merge(state, hits, [])
    message = f"found {len(hits)} of {len(hits) + len(found['not_found'])} lines, " \
        f"{added} new on the chart"
    if missing := found["not_found"]:
        more = f" and {len(missing) - NAMED} more" if len(missing) > NAMED else ""
        message += "; not found: " + ", ".join(missing[:NAMED]) + more
    return new, message, [h["id"] for h in hits]


def reveal_links(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any]
                 ) -> tuple[dict[str, Any], str]:
    """The relationships among the nodes already drawn, added."""
    drawn = node_ids(state)
    if len(drawn) < 2:
        return state, "reveal links needs at least two nodes on the chart"
    found = chart_links.links_among(graph, s, viewer, drawn)
    new, added = merge(state, [], found["relationships"])
    more = "; more links than shown, remove some nodes" if found["has_more"] else ""
    return new, f"revealed {added} new link(s) among {len(drawn)} nodes{more}"


def cross_reference(graph: Graph, s: Session, viewer: Viewer, state: dict[str, Any],
                    chosen: list[str]) -> tuple[dict[str, Any], str]:
    """The records elsewhere that resolve to or share an identifier with the chosen nodes,
    added and highlighted with what they share."""
    found = chart_links.cross_reference(graph, s, viewer, chosen)
    new, added = merge(state, found["nodes"], found["relationships"])
    if not found["matches"]:
        return new, f"cross-reference of {len(chosen)} node(s): nothing elsewhere resolves " \
            "to or shares an identifier with them"
    marked = {x for m in found["matches"] for x in (m["record"], m["via"]) if x}
    marked |= {r["id"] for r in found["relationships"]}

    def caption(node_id: str | None) -> str:
        element = find(new, node_id) if node_id else None
        return str(element["data"]["caption"]) if element else str(node_id)

    named = [f"{caption(m['record'])} ({'same as' if m['via'] is None else 'shares'} "
             f"{caption(m['of']) if m['via'] is None else caption(m['via'])})"
             for m in found["matches"][:NAMED]]
    more = f" and {len(found['matches']) - NAMED} more" if len(found["matches"]) > NAMED else ""
    return set_highlight(new, sorted(marked | set(chosen))), (
        f"cross-reference of {len(chosen)} node(s): {len(found['matches'])} match(es), "
        f"{added} new elements, highlighted: " + "; ".join(named) + more)


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
