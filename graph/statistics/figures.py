"""The figures of the statistics, computed in Neo4j (``graph.statistics.cypher``) for one
filter and one access scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.access import AccessScope
from graph.connection import Graph
from graph.model import MODEL
from graph.statistics import cypher


@dataclass(frozen=True)
class StatsFilter:
    """Which cases (and their victims) the figures describe. Empty fields do not filter."""

    countries: tuple[str, ...] = ()  # jurisdictions, ISO 3166-1 alpha-2
    since: dt.date | None = None  # cases opened on or after
    until: dt.date | None = None  # cases opened on or before
    sector: str | None = None
    source_kind: str | None = None  # the kind of the Source that reported the case

    def to_dict(self) -> dict[str, Any]:
        found = asdict(self)
        found["countries"] = list(self.countries)
        for name in ("since", "until"):
            found[name] = found[name].isoformat() if found[name] else None
        return found


@dataclass
class Counted:
    """How many records the filter matched, and how many of them the viewer may see."""

    total: int
    shown: int

    def to_dict(self) -> dict[str, int]:
        return {"shown": self.shown, "left_out": self.total - self.shown}


@dataclass
class Figures:
    filter: StatsFilter
    cases: Counted
    victims: Counted
    victims_by: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cases_by: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    corridors: list[dict[str, Any]] = field(default_factory=list)
    unlicensed_agencies: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"filter": self.filter.to_dict(), "cases": self.cases.to_dict(),
                "victims": self.victims.to_dict(), "victims_by": self.victims_by,
                "cases_by": self.cases_by, "corridors": self.corridors,
                "unlicensed_agencies": self.unlicensed_agencies}


def params(graph: Graph, scope: AccessScope, flt: StatsFilter, *,
           citizenship: str | None = None, exploited_in: str | None = None,
           timeout: float | None = None) -> dict[str, Any]:
    """The query parameters of a filter (the sources of ``source_kind`` looked up)."""
    sources = None
    if flt.source_kind is not None:
        rows = graph.read(cypher.SOURCES_OF_KIND, {"kind": flt.source_kind}, timeout=timeout)
        sources = [r["id"] for r in rows]
    return {**scope.params(), "countries": [c.upper() for c in flt.countries],
            "since": flt.since, "until": flt.until, "sector": flt.sector, "sources": sources,
            "citizenship": citizenship, "exploited_in": exploited_in,
            "bad_licences": list(MODEL.bad_licences)}


def _keyed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"key": r["key"], "count": r["count"]} for r in rows]


def victim_figures(graph: Graph, p: dict[str, Any], *, timeout: float | None = None
                   ) -> dict[str, list[dict[str, Any]]]:
    return {name: _keyed(graph.read(cypher.victims_by(column), p, timeout=timeout))
            for name, column in cypher.VICTIM_FIGURES.items()}


def case_figures(graph: Graph, p: dict[str, Any], *, timeout: float | None = None
                 ) -> dict[str, list[dict[str, Any]]]:
    return {name: _keyed(graph.read(cypher.cases_by(name), p, timeout=timeout))
            for name in cypher.CASE_FIGURES}


def corridors(graph: Graph, p: dict[str, Any], *, timeout: float | None = None
              ) -> list[dict[str, Any]]:
    """Origin -> transit -> destination of the victims counted, with how many took it."""
    return graph.read(cypher.CORRIDORS, p, timeout=timeout)


def unlicensed_agencies(graph: Graph, p: dict[str, Any], *, timeout: float | None = None
                        ) -> list[dict[str, Any]]:
    rows = graph.read(cypher.UNLICENSED_AGENCIES, p, timeout=timeout)
    return [{**r, "reasons": sorted(r["reasons"])} for r in rows]


def agencies_to_watch(graph: Graph, p: dict[str, Any], country: str, *,
                      timeout: float | None = None) -> list[dict[str, Any]]:
    rows = graph.read(cypher.AGENCIES_TO_WATCH, {**p, "country": country}, timeout=timeout)
    return [{**r, "reasons": sorted(r["reasons"])} for r in rows]


def authorities_of(graph: Graph, country: str, *, timeout: float | None = None
                   ) -> list[dict[str, Any]]:
    return graph.read(cypher.AUTHORITIES_OF_COUNTRY, {"country": country}, timeout=timeout)


def country_points(graph: Graph, countries: list[str], *, timeout: float | None = None
                   ) -> dict[str, dict[str, float]]:
    """Country -> lat, lon to draw it on a map (countries without a located place left out)."""
    rows = graph.read(cypher.COUNTRY_POINTS, {"countries": sorted(set(countries))},
                      timeout=timeout)
    return {r["country"]: {"lat": r["lat"], "lon": r["lon"]} for r in rows}


def matching_case_uids(graph: Graph, p: dict[str, Any], *, timeout: float | None = None
                       ) -> set[str]:
    return {r["uid"] for r in graph.read(cypher.MATCHING_CASE_UIDS, p, timeout=timeout)}


def left_out(graph: Graph, p: dict[str, Any], *, timeout: float | None = None
             ) -> tuple[Counted, Counted]:
    """Cases and victims the filter matched, and how many of them the scope may see."""
    cases = graph.read(cypher.CASES_LEFT_OUT, p, timeout=timeout)[0]
    victims = graph.read(cypher.VICTIMS_LEFT_OUT, p, timeout=timeout)[0]
    return Counted(cases["total"], cases["shown"]), Counted(victims["total"], victims["shown"])


def statistics(graph: Graph, scope: AccessScope, flt: StatsFilter, *,
               timeout: float | None = None) -> Figures:
    """Every figure of the statistics for the cases matching ``flt`` that ``scope`` may see
    (networks aside: they come from network detection, ``backend.services.statistics``)."""
    p = params(graph, scope, flt, timeout=timeout)
    cases, victims = left_out(graph, p, timeout=timeout)
    return Figures(filter=flt, cases=cases, victims=victims,
                   victims_by=victim_figures(graph, p, timeout=timeout),
                   cases_by=case_figures(graph, p, timeout=timeout),
                   corridors=corridors(graph, p, timeout=timeout),
                   unlicensed_agencies=unlicensed_agencies(graph, p, timeout=timeout))
