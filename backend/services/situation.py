"""The situation report of one country (DOMAIN.md, "Situation report"): its figures as
origin, transit and destination, its corridors, its networks and the authorities to involve,
the agencies to watch; what the reader may see, with how much was left out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from backend.services.neo4j_errors import neo4j_errors
from backend.services.networks import visible_networks
from backend.services.statistics import make_filter, scope_of
from graph.connection import Graph
from graph.networks import detect_networks
from graph.statistics import statistics as figures_of
from graph.statistics.figures import (
    agencies_to_watch,
    authorities_of,
    corridors,
    left_out,
    params,
    victim_figures,
)
from values.country import country_name


def _victims(rows: list[dict[str, Any]]) -> int:
    return sum(r["victims"] for r in rows)


def situation_report(graph: Graph, db: Session, viewer: Viewer, country: str, *,
                     since: str | dt.date | None = None, timeout: float | None = None
                     ) -> dict[str, Any]:
    if not country:
        raise BadInputError("name the country (ISO 3166-1 alpha-2, e.g. GT)", field="country")
    in_country = make_filter(countries=[country], since=since)
    code = in_country.countries[0]
    everywhere = make_filter(since=since)
    scope = scope_of(graph, viewer)
    with neo4j_errors(timeout):
        cases = figures_of(graph, scope, in_country, timeout=timeout)
        p = params(graph, scope, everywhere, timeout=timeout)
        routes = [c for c in corridors(graph, p, timeout=timeout)
                  if code in (c["origin"], c["destination"], *c["transit"])]
        citizens = params(graph, scope, everywhere, citizenship=code, timeout=timeout)
        exploited = params(graph, scope, everywhere, exploited_in=code, timeout=timeout)
        _, citizens_counted = left_out(graph, citizens, timeout=timeout)
        _, exploited_counted = left_out(graph, exploited, timeout=timeout)
        as_origin = victim_figures(graph, citizens, timeout=timeout)["exploitation_country"]
        as_destination = victim_figures(graph, exploited, timeout=timeout)["citizenship"]
        watch = agencies_to_watch(graph, p, code, timeout=timeout)
        local = authorities_of(graph, code, timeout=timeout)
        found = [n for n in detect_networks(graph, timeout=timeout) if code in n.jurisdictions]
        shown = visible_networks(graph, viewer, found, timeout)
    since_date = everywhere.since
    partners: dict[str, dict[str, Any]] = {}
    for network in shown:
        for authority in network.authorities:
            partners.setdefault(authority["id"], authority)
    involve = {a["id"]: a for a in local} | partners
    report = {
        "country": code, "country_name": country_name(code),
        "since": since_date.isoformat() if since_date else None,
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "as_origin": {
            "victims": citizens_counted.shown,
            "corridors": [c for c in routes if c["origin"] == code],
            "corridor_victims": _victims([c for c in routes if c["origin"] == code]),
            "victims_by_exploitation_country": as_origin,
        },
        "as_transit": {
            "corridors": [c for c in routes if code in c["transit"]],
            "corridor_victims": _victims([c for c in routes if code in c["transit"]]),
        },
        "as_destination": {
            "victims": exploited_counted.shown,
            "corridors": [c for c in routes if c["destination"] == code],
            "corridor_victims": _victims([c for c in routes if c["destination"] == code]),
            "victims_by_citizenship": as_destination,
        },
        "cases": {**cases.cases.to_dict(), "by": cases.cases_by},
        "corridors": routes,
        "networks": [{"id": n.id, "score": n.score, "jurisdictions": n.jurisdictions,
                      "cases": len(n.cases), "authorities": [a["id"] for a in n.authorities]}
                     for n in shown],
        "authorities": sorted(involve.values(), key=lambda a: (a.get("country") != code,
                                                               a.get("country") or "",
                                                               a["id"])),
        "agencies_to_watch": watch,
        "left_out": {"cases": cases.cases.total - cases.cases.shown,
                     "victims_citizens": citizens_counted.total - citizens_counted.shown,
                     "victims_exploited_in": exploited_counted.total - exploited_counted.shown,
                     "networks": len(found) - len(shown)},
    }
    audit.record(db, viewer, audit.Action.view,
                 {"situation_report": code, "since": report["since"]},
                 result_size=len(routes))
    return report
