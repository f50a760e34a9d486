"""The chart's pure functions (no database, no browser): styles from the model, merging with
masking, undo, filters, collapsed money, timeline and map data."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import MODEL
from ui.chart.cache import VIEWS_KEPT, ChartCache, ChartExpiredError
from ui.chart.delta import diff, for_browser
from ui.chart.elements import (
    empty_state,
    has_positions,
    merge,
    remove_nodes,
    saved_elements,
    state_from_saved,
    toggle,
    undo,
)
from ui.chart.filters import ChartFilter, view
from ui.chart.fold import fold_identifiers, fold_travel
from ui.chart.geo import countries, legs, map_figure
from ui.chart.money import collapse_transactions
from ui.chart.timeline import dated
from ui.styles.cytoscape import (
    MONEY_EDGE,
    SHARED_EDGE,
    TRAVEL_EDGE,
    label_styles,
    legend,
    stylesheet,
)


def node(label: str, key: str, **props: Any) -> dict[str, Any]:
    return {"id": f"{label}:{key}", "label": label, "caption": props.pop("caption", key),
            "masked": props.pop("masked", False), "properties": props,
            "provenance": {"source": "s1", "reliability": props.pop("reliability", "B")}}


def rel(rel_id: str, rel_type: str, source: str, target: str, **props: Any) -> dict[str, Any]:
    return {"id": rel_id, "type": rel_type, "source": source, "target": target,
            "properties": props, "provenance": {}}


def test_every_label_has_its_own_colour_and_shape_and_is_in_the_legend() -> None:
    styles = label_styles()
    assert set(styles) == set(MODEL.nodes)
    assert len({(s.colour, s.shape) for s in styles.values()}) == len(styles)
    assert len({s.colour for s in styles.values()}) == len(styles)
    assert [row["label"] for row in legend()] == list(MODEL.nodes)
    selectors = {rule["selector"] for rule in stylesheet()}
    assert all(f'node[type = "{label}"]' in selectors for label in MODEL.nodes)


def test_merge_numbers_masked_persons_and_skips_duplicates_and_dangling_edges() -> None:
    state, added = merge(empty_state(), [
        node("Person", "a", caption="protected person", masked=True),
        node("Person", "b", caption="Ana"),
        node("Person", "c", caption="protected person", masked=True),
    ], [rel("r1", "USES", "Person:a", "Person:b"), rel("r2", "USES", "Person:a", "Phone:x")])
    assert added == 4  # three nodes and r1; r2's end is not in the chart
    captions = [e["data"]["caption"] for e in state["elements"] if "source" not in e["data"]]
    assert captions == ["Protected person #1", "Ana", "Protected person #2"]
    again, added = merge(state, [node("Person", "b")], [])
    assert added == 0
    assert len(again["elements"]) == 4


def test_remove_hide_pin_and_undo() -> None:
    state, _ = merge(empty_state(), [node("Person", "a"), node("Phone", "p")],
                     [rel("r1", "USES", "Person:a", "Phone:p")])
    removed = remove_nodes(state, ["Phone:p"])
    assert [e["data"]["id"] for e in removed["elements"]] == ["Person:a"]  # edge went too
    assert len(undo(removed)["elements"]) == 3
    hidden = toggle(state, "hidden", ["Person:a"])
    assert hidden["hidden"] == ["Person:a"]
    assert toggle(hidden, "hidden", ["Person:a"])["hidden"] == []
    shown = {e["data"]["id"]: e["classes"] for e in view(hidden, ChartFilter(), folded=False)}
    assert shown == {"Person:a": "hidden", "Phone:p": "", "r1": "hidden"}  # with its edge
    pinned = view(toggle(state, "pinned", ["Person:a"]), ChartFilter(), folded=False)
    assert pinned[0]["locked"] is True
    assert "pinned" in pinned[0]["classes"]
    assert undo(empty_state()) == empty_state()


def test_saved_chart_round_trips() -> None:
    state, _ = merge(empty_state(), [node("Person", "a"), node("Phone", "p")],
                     [rel("r1", "USES", "Person:a", "Phone:p")])
    state = toggle(state, "pinned", ["Phone:p"])
    back = state_from_saved(saved_elements(state))
    assert back["elements"] == state["elements"]
    assert back["pinned"] == ["Phone:p"]
    assert not has_positions(back)
    placed = state_from_saved(saved_elements(state, {"Person:a": [1, 2], "Phone:p": [3, 4]}))
    assert has_positions(placed)
    shown = {e["data"]["id"]: e.get("position") for e in view(placed, ChartFilter(), folded=False)}
    assert shown == {"Person:a": {"x": 1, "y": 2}, "Phone:p": {"x": 3, "y": 4}, "r1": None}


def test_filters_dim_or_hide_by_date_label_and_reliability() -> None:
    state, _ = merge(empty_state(), [
        node("Transaction", "t1", date="2021-03-01", amount=100, currency="USD"),
        node("Transaction", "t2", date="2023-05-01", amount=50, currency="USD",
             reliability="E"),
        node("Person", "a"),
    ], [])
    dims = {e["data"]["id"]: e["classes"]
            for e in view(state, ChartFilter(date_from="2022-01-01"))}
    assert dims == {"Transaction:t1": "dimmed", "Transaction:t2": "", "Person:a": ""}
    hides = {e["data"]["id"]: e["classes"]
             for e in view(state, ChartFilter(labels=("Person",), mode="hide"))}
    assert hides["Transaction:t1"] == "hidden" and hides["Person:a"] == ""
    graded = {e["data"]["id"]: e["classes"]
              for e in view(state, ChartFilter(min_reliability="C"))}
    assert graded["Transaction:t2"] == "dimmed" and graded["Transaction:t1"] == ""


def test_the_jurisdiction_filter_places_every_kind_of_node_as_the_map_does() -> None:
    state, _ = merge(empty_state(), [
        node("Case", "c1", jurisdiction="GT"),
        node("RecruitmentAgency", "ag", license_country="MX"),
        node("Person", "p", nationality="GT"),
        node("Account", "acc", country="MX"),
        node("Phone", "+502"),
    ], [])
    dims = {e["data"]["id"]: e["classes"]
            for e in view(state, ChartFilter(jurisdictions=("GT",)))}
    assert dims == {"Case:c1": "", "RecruitmentAgency:ag": "dimmed", "Person:p": "",
                    "Account:acc": "dimmed", "Phone:+502": ""}  # no country: not filtered
    assert countries(state["elements"]) == {
        "GTM": ["Case:c1", "Person:p"], "MEX": ["Account:acc", "RecruitmentAgency:ag"]}


def test_transactions_collapse_into_account_edges_with_totals() -> None:
    nodes = [node("Account", "A"), node("Account", "B"),
             node("Transaction", "t1", date="2021-01-02", amount=100, currency="USD"),
             node("Transaction", "t2", date="2021-01-05", amount=250.5, currency="USD"),
             node("Transaction", "t3", amount=10, currency="GTQ")]
    rels = [rel("s1", "SENT", "Account:A", "Transaction:t1"),
            rel("p1", "PAID_TO", "Transaction:t1", "Account:B"),
            rel("s2", "SENT", "Account:A", "Transaction:t2"),
            rel("p2", "PAID_TO", "Transaction:t2", "Account:B"),
            rel("s3", "SENT", "Account:A", "Transaction:t3")]  # no receiver in the chart
    state, _ = merge(empty_state(), nodes, rels)
    collapsed = collapse_transactions(state["elements"])
    ids = {e["data"]["id"] for e in collapsed}
    assert "Transaction:t1" not in ids and "Transaction:t3" in ids and "s3" in ids
    money = [e["data"] for e in collapsed if e["data"].get("type") == MONEY_EDGE]
    assert len(money) == 1
    assert money[0]["source"] == "Account:A" and money[0]["target"] == "Account:B"
    assert money[0]["caption"] == "350 USD (2)"
    assert money[0]["date"] == "2021-01-02"


def test_timeline_and_map_data() -> None:
    state, _ = merge(empty_state(), [
        node("TravelLeg", "l1", departed_on="2021-04-01", mode="bus"),
        node("Location", "x", caption="Tecun Uman", lat=14.68, lon=-92.14, country="GT",
             kind="border_crossing"),
        node("Location", "y", caption="Tapachula", lat=14.9, lon=-92.26, country="MX"),
        node("Case", "c", opened_on="2021-03-05",
             indicators=["debt_bondage", "violence", "deception"]),
        node("Person", "p"), node("RecruitmentAgency", "a"),
    ], [rel("f", "FROM", "TravelLeg:l1", "Location:x"), rel("t", "TO", "TravelLeg:l1",
                                                           "Location:y"),
        rel("r", "RECRUITED_BY", "Person:p", "RecruitmentAgency:a", on="2021-02-01")])
    assert [r["id"] for r in dated(state["elements"])] == ["r", "Case:c", "TravelLeg:l1"]
    found = legs(state["elements"])
    assert len(found) == 1 and found[0]["crosses"] is True
    case = next(e for e in state["elements"] if e["data"]["id"] == "Case:c")
    assert case["data"]["core"] == 2  # debt_bondage and violence are core indicators


def test_the_map_shades_the_countries_the_chart_names() -> None:
    state, _ = merge(empty_state(), [
        node("Case", "c1", jurisdiction="GT"),
        node("Person", "p1", nationality="HN"),
        node("RecruitmentAgency", "a1", license_country="GT"),
        node("Employer", "e1", country="US"),
        node("Source", "gt-pnc", country="GT"),  # who reported it: not shaded
        node("Phone", "ph", country="not a country"),
    ], [rel("r1", "RECRUITED_BY", "Person:p1", "RecruitmentAgency:a1", country="MX")])
    found = countries(state["elements"])
    assert found == {"GTM": ["Case:c1", "RecruitmentAgency:a1"], "HND": ["Person:p1"],
                     "MEX": ["r1"], "USA": ["Employer:e1"]}
    (shade,) = [t for t in map_figure(state["elements"], []).data if t.type == "choropleth"]
    assert list(shade.locations) == ["GTM", "HND", "MEX", "USA"]
    assert list(shade.z) == [2, 1, 1, 1]
    assert shade.text[0] == "Guatemala (GT): 2 in the chart"
    empty = map_figure([], [])
    assert empty.layout.annotations[0].text == "No places or countries in the chart"


def test_undo_shares_elements_with_the_present_instead_of_copying() -> None:
    state, _ = merge(empty_state(), [node("Person", "a")], [])
    grown, _ = merge(state, [node("Phone", "p")], [])
    assert grown["elements"][0] is state["elements"][0]
    assert undo(grown)["elements"] == state["elements"]
    assert undo(undo(grown)) == {**empty_state(), "history": []}


def test_the_browser_gets_slim_elements_and_only_what_changed() -> None:
    state, _ = merge(empty_state(), [node("Person", "a", caption="Ana", passport="X1"),
                                     node("Phone", "p")],
                     [rel("r1", "USES", "Person:a", "Phone:p", since="2020")])
    before = for_browser(view(state, ChartFilter(), folded=False))
    assert before["Person:a"]["data"] == {"id": "Person:a", "type": "Person", "caption": "Ana",
                                          "masked": False}  # no properties, no provenance
    assert "since" not in str(before["r1"])
    assert diff(before, before) == {"remove": [], "upsert": []}
    pinned = for_browser(view(toggle(state, "pinned", ["Person:a"]), ChartFilter(), folded=False))
    change = diff(before, pinned)
    assert change["remove"] == [] and [e["data"]["id"] for e in change["upsert"]] == ["Person:a"]
    assert change["upsert"][0]["locked"] is True
    unpinned = diff(pinned, before)["upsert"]
    assert unpinned[0]["locked"] is False  # switched off explicitly: cytoscape keeps it else
    gone = diff(before, for_browser(view(remove_nodes(state, ["Phone:p"]), ChartFilter(),
                                         folded=False)))
    assert sorted(gone["remove"]) == ["Phone:p", "r1"] and gone["upsert"] == []


def test_an_element_already_shown_keeps_the_place_the_user_gave_it() -> None:
    state, _ = merge(empty_state(), [node("Person", "a")], [])
    placed = state_from_saved(saved_elements(state, {"Person:a": [5, 6]}))
    shown = for_browser(view(placed, ChartFilter(), folded=False))
    assert shown["Person:a"]["position"] == {"x": 5, "y": 6}  # new to the browser: placed
    hidden = for_browser(view(toggle(placed, "hidden", ["Person:a"]), ChartFilter(), folded=False))
    assert "position" not in diff(shown, hidden)["upsert"][0]


def test_chart_cache_belongs_to_a_session_is_bounded_and_forgets_idle_charts() -> None:
    clock = [0.0]
    cache = ChartCache(size=2, idle_seconds=60, timer=lambda: clock[0])
    key, _ = cache.open("session-1", empty_state())
    assert cache.get("session-1", key).state == empty_state()
    with pytest.raises(ChartExpiredError):
        cache.get("session-2", key)  # another login cannot read it
    other, _ = cache.open("session-1", empty_state())
    clock[0] = 50
    cache.get("session-1", key)  # used: idle time starts again
    clock[0] = 100
    assert cache.get("session-1", key)
    with pytest.raises(ChartExpiredError, match="reload the page"):
        cache.get("session-1", other)  # idle for 100 s
    cache.open("session-2", empty_state())
    cache.open("session-2", empty_state())
    assert len(cache) == 2  # bounded: the least recently used went first
    with pytest.raises(ChartExpiredError):
        cache.get("session-1", key)
    assert cache.drop_owner("session-2") == 2 and len(cache) == 0


def test_chart_keeps_the_last_views_it_sent() -> None:
    cache = ChartCache(size=4, idle_seconds=60)
    _, chart = cache.open("s", empty_state())
    revs = [chart.remember({"x": {"n": i}}) for i in range(VIEWS_KEPT + 2)]
    assert list(chart.views) == revs[-VIEWS_KEPT:]


def test_explore_links_keep_any_record_id() -> None:
    from urllib.parse import parse_qsl, urlsplit

    from ui.components.links import explore_href

    uid = "gt-pnc:PNC 7&8+9#1"  # ids are the sources' own: any character may come
    href = explore_href(compare=f"Person:{uid}", to="Person:x")
    assert urlsplit(href).path == "/explore"
    assert dict(parse_qsl(urlsplit(href).query)) == {"compare": f"Person:{uid}", "to": "Person:x"}


def test_travel_legs_fold_into_traveller_to_destination_links() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "p", caption="Ana"), node("Person", "r", caption="Recruiter"),
        node("TravelLeg", "l1", departed_on="2024-03-01", mode="bus"),
        node("Location", "gt", caption="Guatemala City"),
        node("Location", "mx", caption="Tapachula"),
        node("Vehicle", "v", caption="P-123"),
    ], [rel("t", "TRAVELLED", "Person:p", "TravelLeg:l1"),
        rel("a", "ARRANGED", "Person:r", "TravelLeg:l1"),
        rel("f", "FROM", "TravelLeg:l1", "Location:gt"),
        rel("to", "TO", "TravelLeg:l1", "Location:mx"),
        rel("u", "USED", "TravelLeg:l1", "Vehicle:v")])
    shown = {e["data"]["id"]: e["data"] for e in fold_travel(state["elements"])}
    assert "TravelLeg:l1" not in shown and "Location:gt" not in shown  # only the leg named it
    trip = shown["travel:TravelLeg:l1"]
    assert (trip["source"], trip["target"], trip["type"]) == ("Person:p", "Location:mx",
                                                              TRAVEL_EDGE)
    assert trip["caption"] == "2024-03-01 · bus · from Guatemala City"
    assert set(trip["folded"]) == {"TravelLeg:l1", "t", "a", "f", "to", "u", "Location:gt"}
    assert (shown["arranged:a"]["source"], shown["arranged:a"]["target"]) == ("Person:r",
                                                                             "Person:p")
    assert shown["used:u"]["target"] == "Vehicle:v"


def test_an_identifier_joining_two_nodes_folds_into_the_link_between_them() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "a"), node("Person", "b"), node("Person", "c"),
        node("Phone", "+50255501234", caption="+50255501234"), node("Email", "x@y.org"),
    ], [rel("u1", "USES", "Person:a", "Phone:+50255501234"),
        rel("u2", "USES", "Person:b", "Phone:+50255501234"),
        rel("e1", "USES", "Person:a", "Email:x@y.org"),
        rel("e2", "USES", "Person:b", "Email:x@y.org"),
        rel("e3", "USES", "Person:c", "Email:x@y.org")])  # three users: a hub, kept
    shown = {e["data"]["id"]: e["data"] for e in fold_identifiers(state["elements"])}
    link = shown["shared:Phone:+50255501234"]
    assert (link["source"], link["target"], link["type"]) == ("Person:a", "Person:b",
                                                              SHARED_EDGE)
    assert link["caption"] == "phone +50255501234"
    assert set(link["folded"]) == {"Phone:+50255501234", "u1", "u2"}
    assert "Email:x@y.org" in shown and "e3" in shown


def test_the_view_folds_by_default_keeps_highlights_and_the_shown_path() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "a"), node("Person", "b"), node("Phone", "1"), node("Phone", "2"),
        node("Person", "c")],
        [rel("u1", "USES", "Person:a", "Phone:1"), rel("u2", "USES", "Person:b", "Phone:1"),
         rel("v1", "USES", "Person:b", "Phone:2"), rel("v2", "USES", "Person:c", "Phone:2")])
    state = {**state, "highlight": ["Phone:1"], "path": ["Phone:2", "v1", "v2"]}
    shown = {e["data"]["id"]: e for e in view(state, ChartFilter())}
    assert "Phone:1" not in shown and "highlight" in shown["shared:Phone:1"]["classes"]
    assert "Phone:2" in shown and "path" in shown["Phone:2"]["classes"]  # the path as found
    unfolded = {e["data"]["id"] for e in view(state, ChartFilter(), folded=False)}
    assert {"Phone:1", "u1", "u2"} <= unfolded


def test_details_that_lead_nowhere_else_fold_into_their_node() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "a", caption="Ana"), node("Phone", "1"), node("Account", "X"),
        node("Transaction", "t1", amount=5, currency="USD"), node("Case", "c"),
        node("Phone", "9")],
        [rel("u1", "USES", "Person:a", "Phone:1"), rel("h", "HOLDS", "Person:a", "Account:X"),
         rel("s", "SENT", "Account:X", "Transaction:t1"),  # the receiver is not on the chart
         rel("i", "INVOLVED_IN", "Person:a", "Case:c"), rel("u9", "USES", "Person:a", "Phone:9")])
    shown = {e["data"]["id"]: e
             for e in view({**state, "highlight": ["Phone:9"]}, ChartFilter())}
    assert set(shown) == {"Person:a", "Case:c", "i", "Phone:9", "u9"}  # evidence stays drawn
    ana = shown["Person:a"]["data"]
    assert ana["caption"] == "Ana (+3)"
    assert set(ana["folded"]) == {"Phone:1", "u1", "Account:X", "h", "Transaction:t1", "s"}


def test_records_of_one_actor_are_drawn_as_one_node() -> None:
    state, _ = merge(empty_state(), [
        node("Person", "gt:1", caption="Ana"), node("Person", "mx:7", caption="Ana M."),
        node("Case", "gt"), node("Case", "mx"), node("Person", "x", caption="Other")],
        [rel("s", "SAME_AS", "Person:gt:1", "Person:mx:7", status="confirmed"),
         rel("c1", "INVOLVED_IN", "Person:gt:1", "Case:gt"),
         rel("c2", "INVOLVED_IN", "Person:mx:7", "Case:mx"),
         rel("c3", "INVOLVED_IN", "Person:mx:7", "Case:gt"),  # the same link twice
         rel("q", "SAME_AS", "Person:x", "Person:gt:1", status="candidate")])
    shown = {e["data"]["id"]: e["data"] for e in view(state, ChartFilter())}
    assert "Person:mx:7" not in shown and "s" not in shown
    ana = shown["Person:gt:1"]
    assert ana["caption"] == "Ana (2 records)"
    assert set(ana["folded"]) >= {"Person:mx:7", "s", "c3"}
    assert (shown["c2"]["source"], shown["c2"]["target"]) == ("Person:gt:1", "Case:mx")
    assert "q" in shown  # a candidate is a question for a reviewer, not a merge
