"""What the browser is sent of an open chart: the filtered view as a delta from what it shows,
the counts line, and the jurisdiction and node options of the side panels."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import dash

from ui.chart.cache import OpenChart
from ui.chart.delta import diff, for_browser
from ui.chart.filters import ChartFilter, view
from ui.chart.styling import styled
from ui.chart.window import window_dates


def chart_filter(date_from: str | None, date_to: str | None, labels: list[str] | None,
                 rels: list[str] | None, places: list[str] | None, reliability: str | None,
                 mode: str | None, window: list[float] | None = None,
                 window_min: float | None = None, window_max: float | None = None
                 ) -> ChartFilter:
    """The filters' fields as a ``ChartFilter``; the time slider's value (``window``) with
    its bounds: no window while it covers the chart's whole span."""
    return ChartFilter(date_from=date_from or None, date_to=date_to or None,
                       labels=tuple(labels or ()), rel_types=tuple(rels or ()),
                       jurisdictions=tuple(places or ()), min_reliability=reliability,
                       mode=mode or "dim", window=window_dates(window, window_min, window_max))


def _words(text: str | None) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", text or "") if w]


def search_filter(labels: list[str] | None, places: str | None, sources: str | None,
                  date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """The search box's filters as the search service's arguments; ValueError naming the
    field for a date that is not one."""
    dates = {}
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        try:
            dates[name] = dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise ValueError(f"search filter {name}: {value!r} is not a date "
                             "(YYYY-MM-DD)") from None
    return {"labels": labels or None, "jurisdictions": [p.upper() for p in _words(places)],
            "sources": _words(sources), **dates}


FILTER_STATES = ("explore-date-from", "explore-date-to", "explore-labels", "explore-filter-rels",
                 "explore-jurisdictions", "explore-reliability", "explore-filter-mode")
# the time slider: its value, then its bounds (``chart_filter``'s last three arguments)
WINDOW_PROPS = ("value", "min", "max")


def counts(shown: dict[str, dict[str, Any]]) -> str:
    nodes = sum(1 for e in shown.values() if e["group"] == "nodes")
    dimmed = sum(1 for e in shown.values() if "dimmed" in e["classes"])
    hidden = sum(1 for e in shown.values() if "hidden" in e["classes"])
    outside = sum(1 for e in shown.values() if "outside" in e["classes"].split())
    window = f" ({outside} outside the time window)" if outside else ""
    return (f"{nodes} nodes, {len(shown) - nodes} edges in the chart; "
            f"{dimmed} dimmed, {hidden} hidden{window}")


def node_options(shown: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    return [{"label": e["data"]["caption"], "value": i} for i, e in shown.items()
            if e["group"] == "nodes"]


def places(state: dict[str, Any]) -> list[str]:
    return sorted({e["data"]["jurisdiction"] for e in state["elements"]
                   if "source" not in e["data"] and e["data"].get("jurisdiction")})


def drawn(state: dict[str, Any], flt: ChartFilter, folded: bool) -> list[dict[str, Any]]:
    """The elements as the chart draws them (folded, filtered), without the hidden ones
    (hidden by the user or by a filter in hide mode); dimmed ones are drawn."""
    return [e for e in view(state, flt, folded=folded) if "hidden" not in e["classes"].split()]


def present(open_chart: OpenChart, flt: ChartFilter, folded: bool, base: int | None
            ) -> tuple[dict[str, Any], str, Any, Any, Any, Any]:
    """What the browser needs after a change: the delta from the view it shows (``base``;
    everything when the server no longer has that view), the counts line, and the
    jurisdiction and node options (From, To, nodes to avoid) when they changed. Call with
    the chart's lock held."""
    state = open_chart.state
    shown = for_browser(styled(view(state, flt, folded=folded), state))
    old = open_chart.views.get(base) if base is not None else None
    delta: dict[str, Any] = diff(old, shown) if old is not None else \
        {"remove": [], "upsert": list(shown.values()), "full": True}
    same_nodes = old is not None and [i for i, e in old.items() if e["group"] == "nodes"] == \
        [i for i, e in shown.items() if e["group"] == "nodes"]
    delta["base"] = base
    delta["rev"] = open_chart.remember(shown)
    options = dash.no_update if same_nodes else node_options(shown)
    place_options = dash.no_update if same_nodes else places(state)
    return delta, counts(shown), place_options, options, options, options
