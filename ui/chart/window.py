"""Time on the chart: the window of dates the chart shows, and its play-through.

The slider under the chart (Explore) picks a window of days between the chart's earliest and
latest date; the chart then hides what lies outside it (``outside_window``) and the timeline
and map show only what lies inside (``inside``). *Play* moves the window step by step from the
earliest date to the latest (``play_step``), from recruitment to exploitation.

What the window hides:

- an element with dates (its own, or for a folded link the dates of everything it stands
  for: the transfers of a money link, the leg of a travel link) is inside when one of its
  dates lies in the window, else hidden;
- an undated node that its links place in time (dated links, or links to dated nodes: a
  person by her recruitment, her travel and her case, an account by its money links) is
  shown while one of those is inside, else hidden;
- an undated relationship is shown while both its ends are;
- an undated node that nothing places in time (a phone, linked only to undated people) is
  shown while one of its relationships is, so a hidden node takes the details that hung off
  it only along; one with no relationship on the chart at all stays.

Days are counted from 1970-01-01 (the slider's numbers; the browser turns them into dates
without asking the server).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict, deque
from typing import Any

EPOCH = dt.date(1970, 1, 1)
MAX_STEPS = 40  # a play-through takes at most about this many steps
FIRST_WINDOW = 4  # a play-through over the whole span starts with a quarter of it


def day(date: str) -> int:
    """``YYYY-MM-DD...`` as the slider's number (days since 1970-01-01)."""
    return (dt.date.fromisoformat(date[:10]) - EPOCH).days


def date_of(number: float) -> str:
    """The slider's number as ``YYYY-MM-DD``."""
    return (EPOCH + dt.timedelta(days=int(number))).isoformat()


def element_dates(data: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[str]:
    """The dates an element is judged by: its own date and, for a folded link, the dates of
    the elements it stands for (``folded``), oldest first."""
    found = {str(data["date"])[:10]} if data.get("date") else set()
    if "source" in data:
        for element_id in data.get("folded") or ():
            other = by_id.get(element_id)
            if other is not None and other["data"].get("date"):
                found.add(str(other["data"]["date"])[:10])
    return sorted(found)


def chart_days(elements: list[dict[str, Any]]) -> list[int]:
    """The distinct days of the chart's elements (the slider's range and the play's stops)."""
    return sorted({day(str(e["data"]["date"])) for e in elements if e["data"].get("date")})


def outside_window(elements: list[dict[str, Any]], window: tuple[str, str],
                   by_id: dict[str, dict[str, Any]] | None = None) -> set[str]:
    """The ids of the elements the window ``(first, last)`` (dates, both included) hides, by
    the rules of this module. ``by_id``: the chart's unfolded elements, for the dates of what
    folded links stand for (default: ``elements`` themselves)."""
    first, last = window
    lookup = by_id if by_id is not None else {e["data"]["id"]: e for e in elements}
    out: set[str] = set()
    edges_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    dated: set[str] = set()
    for element in elements:
        data = element["data"]
        dates = element_dates(data, lookup)
        if dates:
            dated.add(data["id"])
            if not any(first <= d[:10] <= last for d in dates):
                out.add(data["id"])
        if "source" in data:
            edges_of[data["source"]].append(data)
            edges_of[data["target"]].append(data)
    # an undated node placed in time (by dated links, or links to dated nodes) is shown only
    # while one of those is in the window
    for element in elements:
        data = element["data"]
        if "source" in data or data["id"] in dated:
            continue
        anchors: set[str] = set()
        for edge in edges_of.get(data["id"], []):
            other = edge["target"] if edge["source"] == data["id"] else edge["source"]
            anchors.update(x for x in (edge["id"], other) if x in dated)
        if anchors and anchors <= out:
            out.add(data["id"])
    # what the hidden nodes leave hanging: their edges, then undated nodes left alone
    todo = deque(e["data"]["id"] for e in elements if "source" not in e["data"]
                 and e["data"]["id"] in out)
    for data in (e["data"] for e in elements if "source" in e["data"] and e["data"]["id"] in out):
        todo.extend((data["source"], data["target"]))
    while todo:
        node_id = todo.popleft()
        edges = edges_of.get(node_id, [])
        if node_id in out:  # a hidden node takes its edges with it
            for edge in edges:
                if edge["id"] not in out:
                    out.add(edge["id"])
                    todo.extend((edge["source"], edge["target"]))
        elif node_id not in dated and edges and all(e["id"] in out for e in edges):
            out.add(node_id)
            todo.append(node_id)
    return out


def inside(elements: list[dict[str, Any]], window: tuple[str, str] | None
           ) -> list[dict[str, Any]]:
    """The elements the window leaves shown (all of them without a window)."""
    if window is None:
        return elements
    out = outside_window(elements, window)
    return [e for e in elements if e["data"]["id"] not in out]


def window_dates(value: list[float] | None, low: float | None, high: float | None
                 ) -> tuple[str, str] | None:
    """The slider's value as a window of dates; None (no window) when the slider covers the
    chart's whole span or has nothing to cover."""
    if not value or len(value) != 2 or low is None or high is None:
        return None
    start, end = sorted(value)
    if start <= low and end >= high:
        return None
    return date_of(start), date_of(end)


def fit_window(value: list[float] | None, old: tuple[float, float] | None,
               days: list[int]) -> list[int] | None:
    """The slider's value when the chart's span changes (elements added or removed): a
    window that covered the whole old span covers the whole new one; a narrower one is kept,
    moved inside the new span."""
    if not days:
        return None
    low, high = days[0], days[-1]
    if not value or old is None or (min(value) <= old[0] and max(value) >= old[1]):
        return [low, high]
    start, end = sorted(int(v) for v in value)
    width = min(end - start, high - low)
    start = min(max(start, low), high - width)
    return [start, start + width]


def play_start(value: list[float] | None, days: list[int]) -> list[int] | None:
    """The first window of a play-through: at the earliest date, as wide as the window the
    user chose (a quarter of the span when the window covers it all)."""
    if not days:
        return None
    low, high = days[0], days[-1]
    width = (int(max(value) - min(value)) if value else high - low)
    if width >= high - low:
        width = math.ceil((high - low) / FIRST_WINDOW)
    return [low, low + width]


def play_step(value: list[float], days: list[int]) -> list[int] | None:
    """The next window of a play-through: as wide, its end on the next date of the chart (so
    each step shows something new; at least a fortieth of the span on, so a chart with a fact
    a day does not crawl), the last one ending on the latest date; None when the window
    already ends there."""
    if not days:
        return None
    start, end = sorted(int(v) for v in value)
    width, high = end - start, days[-1]
    if end >= high:
        return None
    least = end + max(1, math.ceil((high - days[0]) / MAX_STEPS))
    following = next((d for d in days if d > end), high)
    new_end = min(high, max(least, following))
    return [new_end - width, new_end]


def marks(days: list[int]) -> dict[str, str]:
    """The slider's marks: the first day of each year in the span (of each quarter when the
    span is within two years), and both ends."""
    if not days:
        return {}
    low, high = days[0], days[-1]
    first, last = EPOCH + dt.timedelta(days=low), EPOCH + dt.timedelta(days=high)
    short = (last - first).days <= 2 * 366
    out = {str(low): first.isoformat(), str(high): last.isoformat()}
    year, month = first.year, first.month
    while True:
        month = month + (3 - (month - 1) % 3) if short else 13
        if month > 12:
            year, month = year + 1, 1
        at = dt.date(year, month, 1)
        if at >= last:
            break
        number = (at - EPOCH).days
        if min(number - low, high - number) > (high - low) / 12:  # not on top of an end
            out[str(number)] = at.strftime("%Y-%m") if short else str(year)
    return dict(sorted(out.items(), key=lambda kv: int(kv[0])))
