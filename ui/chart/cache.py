"""The charts of open Explore pages, kept on the server.

The browser holds only a chart's key. The chart state (elements, hidden, pinned, the undo
history) and the views last sent to the browser stay here, so an action sends the server a few
ids and gets back only what changed. Each chart belongs to one login session (the SHA-256 of
its cookie): another session cannot read it and logging out drops it. The cache is bounded in
number (the least recently used chart goes first) and in idle time (``cachetools.TTLCache``;
every use starts the idle time again).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cachetools import TTLCache

from backend.errors import NotFoundError

VIEWS_KEPT = 4  # views a browser may still be showing while newer ones are on their way


class ChartExpiredError(NotFoundError):
    """The page's chart is no longer on the server (idle too long, pushed out, logged out)."""

    code = "chart_expired"


@dataclass
class OpenChart:
    owner: str
    state: dict[str, Any]
    views: OrderedDict[int, dict[str, dict[str, Any]]] = field(default_factory=OrderedDict)
    last_rev: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remember(self, shown: dict[str, dict[str, Any]]) -> int:
        """Keep a view sent to the browser under a new revision; forget the oldest ones."""
        self.last_rev += 1
        self.views[self.last_rev] = shown
        while len(self.views) > VIEWS_KEPT:
            self.views.popitem(last=False)
        return self.last_rev


class ChartCache:
    def __init__(self, size: int, idle_seconds: float,
                 timer: Callable[[], float] | None = None) -> None:
        kwargs: dict[str, Any] = {"timer": timer} if timer else {}
        self._charts: TTLCache[str, OpenChart] = TTLCache(maxsize=size, ttl=idle_seconds,
                                                           **kwargs)
        self._lock = threading.Lock()

    def open(self, owner: str, state: dict[str, Any]) -> tuple[str, OpenChart]:
        """A new chart for a page just opened; returns the key the browser keeps."""
        key = secrets.token_urlsafe(16)
        chart = OpenChart(owner, state)
        with self._lock:
            self._charts[key] = chart
        return key, chart

    def get(self, owner: str, key: str | None) -> OpenChart:
        with self._lock:
            chart = self._charts.get(key) if key else None
            if not key or chart is None or not secrets.compare_digest(chart.owner, owner):
                raise ChartExpiredError(
                    "This chart is no longer on the server (the page was left idle too long, "
                    "or you logged out): reload the page to start again; a chart you saved "
                    "opens from the Saved page.")
            self._charts[key] = chart  # used again: its idle time starts again
            return chart

    def drop_owner(self, owner: str) -> int:
        """Forget every chart of a login session (at logout); returns how many."""
        with self._lock:
            self._charts.expire()
            gone = [k for k, c in self._charts.items() if c.owner == owner]
            for key in gone:
                del self._charts[key]
        return len(gone)

    def __len__(self) -> int:
        with self._lock:
            self._charts.expire()
            return len(self._charts)
