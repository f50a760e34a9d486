"""What the browser's chart is sent: slim elements, and only what changed between two views.

The server keeps every element's properties and provenance (``ui.chart.cache``); cytoscape
gets what the stylesheet draws (id, ends, type, caption and the flags the rules select on),
so a chart of thousands of elements stays small on the wire and in the browser.
"""

from __future__ import annotations

from typing import Any

# The data keys the stylesheet (ui/styles/cytoscape.py), the page's gestures and the lane
# layout (chart.js) read.
DRAWN = ("id", "source", "target", "type", "caption", "masked", "core", "count", "jurisdiction",
         "size", "colour")
SWITCHES = ("selected", "locked")  # cytoscape keeps these when a key is left out


def for_browser(shown: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``filters.view`` elements as cytoscape gets them, by id, in chart order."""
    out: dict[str, dict[str, Any]] = {}
    for element in shown:
        data = element["data"]
        slim = {"group": element["group"],
                "data": {k: data[k] for k in DRAWN if data.get(k) is not None},
                "classes": element.get("classes", "")}
        for key in (*SWITCHES, "position"):
            if element.get(key):
                slim[key] = element[key]
        out[data["id"]] = slim
    return out


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
         ) -> dict[str, list[Any]]:
    """The ids to remove and the elements to add or update, turning ``old`` into ``new``.

    An element already shown is sent without its position (the user may have moved it) and
    with ``selected``/``locked`` switched off explicitly when they were on."""
    remove = [i for i in old if i not in new]
    upsert = []
    for element_id, element in new.items():
        before = old.get(element_id)
        if before is None:
            upsert.append(element)
            continue
        if {k: v for k, v in element.items() if k != "position"} == \
                {k: v for k, v in before.items() if k != "position"}:
            continue
        changed = {k: v for k, v in element.items() if k != "position"}
        for key in SWITCHES:
            if before.get(key) and not element.get(key):
                changed[key] = False
        upsert.append(changed)
    return {"remove": remove, "upsert": upsert}
