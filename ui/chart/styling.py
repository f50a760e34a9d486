"""Styling rules of a chart (conditional formatting, as i2 and Linkurious users shape one):
nodes sized by a measure, coloured by a property, and badges on what needs attention.

The rules live in the chart state (``state["style"]``): they are saved with the chart and
reopen with it, for its owner and whoever it is shared with. The marks of the viewer's own
watch list and open alerts (``state["marks"]``, node ids) are the viewer's, never saved.
``styled`` turns the rules into data the stylesheet reads (``size``, ``colour``) and a badge
line under the caption; ``colour_legend`` says which colour is which value.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from graph.model import MODEL
from ui.styles.cytoscape import MONEY_EDGE, PALETTE

SIZE_BY = {"": "Same size", "degree": "Links on the chart",
           "amount": "Money moved (the chart's main currency)"}
COLOUR_BY = {"": "Label", "jurisdiction": "Country", "source": "Source",
             "reliability": "Source grade (A-F)", "tlp": "Handling (TLP)"}
BADGES = {"protected": "Protected victim", "unlicensed": "Unlicensed agency",
          "watched": "Watched by me", "alert": "Open alert"}
MIN_SIZE, MAX_SIZE = 22, 72
# fixed colours where the values have a meaning of their own
FIXED = {"reliability": {"A": "#1a7f37", "B": "#4caf50", "C": "#c0ca33", "D": "#f9a825",
                         "E": "#ef6c00", "F": "#b71c1c"},
         "tlp": {"RED": "#c1121f", "AMBER+STRICT": "#e76f51", "AMBER": "#f4a261",
                 "GREEN": "#2a9d4a", "CLEAR": "#d0d0d0"}}
NONE = "(none)"
NONE_COLOUR = "#ffffff"


def style_of(state: dict[str, Any]) -> dict[str, Any]:
    style = state.get("style") or {}
    return {"size": style.get("size") or "", "colour": style.get("colour") or "",
            "badges": [b for b in style.get("badges") or [] if b in BADGES]}


def with_style(state: dict[str, Any], size: str | None, colour: str | None,
               badges: list[str] | None, marks: dict[str, list[str]] | None = None
               ) -> dict[str, Any]:
    """The state with these rules (unknown ones dropped) and the viewer's marks."""
    style = {"size": size if size in SIZE_BY else "",
             "colour": colour if colour in COLOUR_BY else "",
             "badges": [b for b in badges or [] if b in BADGES]}
    return {**state, "style": style, "marks": marks or {}}


def _is_node(e: dict[str, Any]) -> bool:
    return e["group"] == "nodes"


def _value(data: dict[str, Any], rule: str) -> str:
    props, prov = data.get("properties") or {}, data.get("provenance") or {}
    if rule == "jurisdiction":
        found = data.get("jurisdiction")
    elif rule == "source":
        found = prov.get("source") or props.get("source")
    elif rule == "reliability":
        found = data.get("reliability") or prov.get("reliability")
    else:  # tlp
        found = props.get("tlp") or prov.get("tlp")
    return str(found) if found else NONE


def colour_legend(elements: list[dict[str, Any]], rule: str) -> list[tuple[str, str]]:
    """(value, colour) of each value the rule finds among the nodes, in order."""
    if rule not in COLOUR_BY or not rule:
        return []
    values = sorted({_value(e["data"], rule) for e in elements if _is_node(e)} - {NONE})
    fixed = FIXED.get(rule, {})
    rows = [(v, fixed.get(v) or PALETTE[i % len(PALETTE)]) for i, v in enumerate(values)]
    if any(_value(e["data"], rule) == NONE for e in elements if _is_node(e)):
        rows.append((NONE, NONE_COLOUR))
    return rows


def _money(elements: list[dict[str, Any]]) -> tuple[dict[str, float], str | None]:
    """Money moved per node in the chart's main currency (the one most amounts are in)."""
    per: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    ends: dict[str, list[str]] = defaultdict(list)
    for e in elements:
        data = e["data"]
        if _is_node(e) and data.get("type") == "Transaction":
            props = data.get("properties") or {}
            if props.get("amount") is not None:
                per[data["id"]][props.get("currency") or "?"] += float(props["amount"])
        elif not _is_node(e):
            ends[data["source"]].append(data["target"])
            ends[data["target"]].append(data["source"])
            if data.get("type") == MONEY_EDGE:
                for cur, amount in (data.get("totals") or {}).items():
                    per[data["source"]][cur] += amount
                    per[data["target"]][cur] += amount
    for tx in [i for i in per if i.startswith("Transaction:")]:  # unfolded: to its accounts
        for other in ends.get(tx, []):
            for cur, amount in per[tx].items():
                per[other][cur] += amount
    counts = Counter(cur for totals in per.values() for cur in totals)
    if not counts:
        return {}, None
    main = counts.most_common(1)[0][0]
    return {i: totals[main] for i, totals in per.items() if main in totals}, main


def _sizes(elements: list[dict[str, Any]], rule: str) -> dict[str, float]:
    measure: dict[str, float]
    if rule == "degree":
        links = Counter(e["data"][end] for e in elements if not _is_node(e)
                        for end in ("source", "target"))
        measure = {i: float(n) for i, n in links.items()}
    elif rule == "amount":
        measure, _ = _money(elements)
    else:
        return {}
    top = max(measure.values(), default=0)
    if top <= 0:
        return {}
    return {i: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(v / top), 1)
            for i, v in measure.items()}


def _badges(data: dict[str, Any], wanted: list[str], marks: dict[str, list[str]]) -> list[str]:
    props = data.get("properties") or {}
    found = []
    if "protected" in wanted and data.get("type") == "Person" and (
            props.get("protected") or data.get("masked")):
        found.append("PROTECTED")
    if "unlicensed" in wanted and data.get("type") == "RecruitmentAgency" and \
            props.get("license_status") in MODEL.bad_licences:
        found.append(str(props["license_status"]).upper())
    if "watched" in wanted and data["id"] in set(marks.get("watched") or ()):
        found.append("WATCHED")
    if "alert" in wanted and data["id"] in set(marks.get("alert") or ()):
        found.append("ALERT")
    return found


def styled(elements: list[dict[str, Any]], state: dict[str, Any]) -> list[dict[str, Any]]:
    """The view's elements with the chart's rules applied: ``size`` and ``colour`` in the
    nodes' data, badges as a line under the caption (class ``badged``)."""
    style = style_of(state)
    if not (style["size"] or style["colour"] or style["badges"]):
        return elements
    sizes = _sizes(elements, style["size"])
    colours = dict(colour_legend(state.get("elements") or elements, style["colour"]))
    marks = state.get("marks") or {}
    out = []
    for e in elements:
        if not _is_node(e):
            out.append(e)
            continue
        data = dict(e["data"])
        classes = e.get("classes", "")
        if sizes:
            data["size"] = sizes.get(data["id"], MIN_SIZE)
        if colours:
            data["colour"] = colours.get(_value(data, style["colour"]), NONE_COLOUR)
        badges = _badges(data, style["badges"], marks)
        if badges:
            data["caption"] = f"{data['caption']}\n{' · '.join(badges)}"
            classes = f"{classes} badged".strip()
        out.append({**e, "data": data, "classes": classes})
    return out
