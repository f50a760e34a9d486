"""Chart filters that dim or hide elements, and the view the cytoscape component shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import MODEL
from ui.chart.fold import fold

RELIABILITY = MODEL.enums["reliability"]  # A (best) .. F (cannot be judged)


@dataclass(frozen=True)
class ChartFilter:
    date_from: str | None = None
    date_to: str | None = None
    jurisdictions: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # empty: all
    rel_types: tuple[str, ...] = ()  # empty: all
    min_reliability: str | None = None
    mode: str = "dim"  # dim | hide
    extra: dict[str, Any] = field(default_factory=dict)

    def excludes(self, data: dict[str, Any]) -> bool:
        """Whether an element falls outside the filter (undated elements pass date filters)."""
        date = data.get("date")
        if date and self.date_from and date < self.date_from:
            return True
        if date and self.date_to and date > self.date_to:
            return True
        is_edge = "source" in data
        if not is_edge and self.labels and data.get("type") not in self.labels:
            return True
        if is_edge and self.rel_types and data.get("type") not in self.rel_types:
            return True
        where = data.get("jurisdiction")
        if not is_edge and self.jurisdictions and where and where not in self.jurisdictions:
            return True
        grade = data.get("reliability")
        return bool(self.min_reliability and grade in RELIABILITY
                    and RELIABILITY.index(grade) > RELIABILITY.index(self.min_reliability))


def view(state: dict[str, Any], flt: ChartFilter, *, folded: bool = True,
         path: list[str] | None = None) -> list[dict[str, Any]]:
    """The elements to show: folded into links (``ui.chart.fold``) unless ``folded`` is off,
    user-hidden and pinned nodes, filter classes, highlighted evidence and the shortest paths'
    elements (``path``, else the state's). A folded link is highlighted when any element it
    stands for is, and hidden when the user hid one of them."""
    hidden = set(state.get("hidden") or [])
    pinned = set(state.get("pinned") or [])
    highlight = set(state.get("highlight") or [])
    on_path = set(path if path is not None else state.get("path") or [])
    elements = (fold(state["elements"], frozenset(on_path), frozenset(highlight)) if folded
                else state["elements"])
    out = []
    excluded_nodes = {e["data"]["id"] for e in elements
                      if "source" not in e["data"] and flt.excludes(e["data"])}
    for element in elements:
        data = element["data"]
        classes = []
        ends = {data.get("source"), data.get("target")}
        stands_for = set(data.get("folded") or ())
        if data["id"] in hidden or ends & hidden or stands_for & hidden:
            classes.append("hidden")
        elif flt.excludes(data) or ends & excluded_nodes:
            classes.append("hidden" if flt.mode == "hide" else "dimmed")
        if data["id"] in pinned:
            classes.append("pinned")
        if data["id"] in highlight or stands_for & highlight:
            classes.append("highlight")
        if data["id"] in on_path:
            classes.append("path")
        shown = {"group": element.get("group", "edges" if "source" in data else "nodes"),
                 "data": data, "classes": " ".join(classes)}
        if data["id"] in pinned:
            shown["locked"] = True
        if "position" in element:
            shown["position"] = element["position"]
        out.append(shown)
    return out
