"""Statistics as the viewer may see them: the figures of ``graph.statistics`` with the access
rule of the viewer, networks by country pair (network detection, only networks whose every
case the viewer may see), how much was left out, audited.

``viewer`` None is the server's own command line (``crosslink stats`` without ``--as``): it
sees everything, TLP:RED of every source too, and is audited as ``cli``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from backend.services.neo4j_errors import neo4j_errors
from backend.services.networks import visible_networks
from graph.access import AccessScope
from graph.connection import Graph
from graph.networks import Network, detect_networks
from graph.statistics import StatsFilter
from graph.statistics import statistics as figures_of
from graph.statistics.figures import country_points, matching_case_uids, params
from values import InvalidValueError
from values.country import clean_country
from values.date import clean_date


def make_filter(*, countries: list[str] | None = None, since: str | dt.date | None = None,
                until: str | dt.date | None = None, sector: str | None = None,
                source_kind: str | None = None) -> StatsFilter:
    """The filter as people type it (``GT, mx``; ISO dates), checked: a bad value is a
    ``BadInputError`` naming its field."""
    wanted: list[str] = []
    for text in countries or []:
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                wanted.append(clean_country(part))
            except InvalidValueError as exc:
                raise BadInputError(f"{part.strip()!r}: {exc}", field="countries") from None
    dates: dict[str, dt.date | None] = {}
    for name, value in (("since", since), ("until", until)):
        try:
            dates[name] = (value if isinstance(value, dt.date)
                           else clean_date(value) if value else None)
        except InvalidValueError as exc:
            raise BadInputError(f"{value!r}: {exc}", field=name) from None
    if dates["since"] and dates["until"] and dates["since"] > dates["until"]:
        raise BadInputError(f"since ({dates['since']}) is after until ({dates['until']})",
                            field="until")
    return StatsFilter(countries=tuple(dict.fromkeys(wanted)), since=dates["since"],
                       until=dates["until"], sector=(sector or "").strip() or None,
                       source_kind=(source_kind or "").strip() or None)


def scope_of(graph: Graph, viewer: Viewer) -> AccessScope:
    viewer.require(Permission.read_graph)
    return viewer.scope(graph)


def networks_seen(graph: Graph, viewer: Viewer, *, timeout: float | None = None
                  ) -> tuple[list[Network], int]:
    """Cross-border networks the viewer may see, and how many it may not."""
    found = detect_networks(graph, timeout=timeout)
    shown = visible_networks(graph, viewer, found, timeout)
    return shown, len(found) - len(shown)


def by_country_pair(networks: list[Network], case_uids: set[str] | None
                    ) -> list[dict[str, Any]]:
    """Networks per pair of their jurisdictions (a network of GT, MX and US counts for GT-MX,
    GT-US and MX-US); with ``case_uids``, only networks with one of those cases."""
    count: Counter[tuple[str, str]] = Counter()
    cases: Counter[tuple[str, str]] = Counter()
    for network in networks:
        if case_uids is not None and not any(c["uid"] in case_uids for c in network.cases):
            continue
        for pair in combinations(sorted(network.jurisdictions), 2):
            count[pair] += 1
            cases[pair] += len(network.cases)
    return [{"countries": f"{a}-{b}", "a": a, "b": b, "networks": n, "cases": cases[(a, b)]}
            for (a, b), n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]


def _filtered(flt: StatsFilter) -> bool:
    return any((flt.countries, flt.since, flt.until, flt.sector, flt.source_kind))


def statistics(graph: Graph, db: Session, viewer: Viewer, flt: StatsFilter, *,
               timeout: float | None = None) -> dict[str, Any]:
    scope = scope_of(graph, viewer)
    with neo4j_errors(timeout):
        figures = figures_of(graph, scope, flt, timeout=timeout).to_dict()
        shown, hidden = networks_seen(graph, viewer, timeout=timeout)
        ends = {c[e] for c in figures["corridors"] for e in ("origin", "destination")}
        figures["country_points"] = country_points(graph, sorted(ends), timeout=timeout)
        uids = (matching_case_uids(graph, params(graph, scope, flt, timeout=timeout),
                                   timeout=timeout) if _filtered(flt) else None)
    figures["networks_by_country_pair"] = by_country_pair(shown, uids)
    figures["networks"] = {"shown": sum(1 for n in shown if uids is None
                                        or any(c["uid"] in uids for c in n.cases)),
                           "left_out": hidden}
    audit.record(db, viewer, audit.Action.view, {"statistics": True, **flt.to_dict()},
                 result_size=figures["cases"]["shown"])
    return figures
