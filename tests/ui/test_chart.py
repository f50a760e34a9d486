"""The chart's pure functions (no database, no browser): styles from the model, merging with
masking, undo, filters, collapsed money, timeline and map data."""

from __future__ import annotations

from typing import Any

from graph.model import MODEL
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
from ui.chart.geo import legs
from ui.chart.money import collapse_transactions
from ui.chart.timeline import dated
from ui.styles.cytoscape import MONEY_EDGE, label_styles, legend, stylesheet


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
    shown = {e["data"]["id"]: e["classes"] for e in view(hidden, ChartFilter())}
    assert shown == {"Person:a": "hidden", "Phone:p": "", "r1": "hidden"}  # with its edge
    pinned = view(toggle(state, "pinned", ["Person:a"]), ChartFilter())
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
    shown = {e["data"]["id"]: e.get("position") for e in view(placed, ChartFilter())}
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
    ], [rel("f", "FROM", "TravelLeg:l1", "Location:x"), rel("t", "TO", "TravelLeg:l1",
                                                           "Location:y")])
    assert [r["id"] for r in dated(state["elements"])] == ["Case:c", "TravelLeg:l1"]
    found = legs(state["elements"])
    assert len(found) == 1 and found[0]["crosses"] is True
    case = next(e for e in state["elements"] if e["data"]["id"] == "Case:c")
    assert case["data"]["core"] == 2  # debt_bondage and violence are core indicators
