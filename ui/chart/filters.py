"""Chart filters that dim or hide elements, and the view the cytoscape component shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import MODEL
from ui.chart.fold import fold
from ui.chart.window import element_dates, outside_window

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
    window: tuple[str, str] | None = None  # the time slider's dates (ui.chart.window): hides
    extra: dict[str, Any] = field(default_factory=dict)

    def excludes(self, data: dict[str, Any], dates: list[str] | None = None) -> bool:
        """Whether an element falls outside the filter (undated elements pass date filters).
        ``dates``: the dates it is judged by (a folded link's: those of what it stands for,
        ``ui.chart.window.element_dates``), else its own date; it passes the date range
        when one of them lies in it."""
        dates = dates if dates is not None else ([data["date"]] if data.get("date") else [])
        if dates and (self.date_from or self.date_to) and not any(
                (not self.date_from or d >= self.date_from)
                and (not self.date_to or d <= self.date_to) for d in dates):
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
    stands for is, and hidden when the user hid one of them. The time window
    (``flt.window``) hides what lies outside it (classes ``hidden outside``), a folded link
    judged by the dates of what it stands for (``ui.chart.window``)."""
    hidden = set(state.get("hidden") or [])
    pinned = set(state.get("pinned") or [])
    highlight = set(state.get("highlight") or [])
    on_path = set(path if path is not None else state.get("path") or [])
    elements = (fold(state["elements"], frozenset(on_path), frozenset(highlight)) if folded
                else state["elements"])
    by_id = {e["data"]["id"]: e for e in state["elements"]}
    dates = {e["data"]["id"]: element_dates(e["data"], by_id) for e in elements}
    outside = outside_window(elements, flt.window, by_id) if flt.window else set()
    out = []
    excluded_nodes = {e["data"]["id"] for e in elements
                      if "source" not in e["data"] and flt.excludes(e["data"],
                                                                    dates[e["data"]["id"]])}
    for element in elements:
        data = element["data"]
        classes = []
        ends = {data.get("source"), data.get("target")}
        stands_for = set(data.get("folded") or ())
        if data["id"] in hidden or ends & hidden or stands_for & hidden:
            classes.append("hidden")
        elif data["id"] in outside:
            classes += ["hidden", "outside"]
        elif flt.excludes(data, dates[data["id"]]) or ends & excluded_nodes:
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
