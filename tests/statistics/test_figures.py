"""Statistics on the demo (small, seed 7), checked against plain Cypher counts of the same
figures; the access rule and the filters; ``crosslink stats`` and the situation report as a
user runs them."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pypdf
import pytest

from graph.access import AccessScope
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.networks import detect_networks
from graph.resolution import run_resolution
from graph.statistics import StatsFilter, statistics
from ingest.demo.generator import generate
from ingest.demo.load import load_demo
from tests.helpers import run_cli

ANALYST = AccessScope(see_all=True, authority="")  # every case but TLP:RED ones
NOT_RED = "coalesce({v}.tlp, '') <> 'RED'"


def _ok(*names: str) -> str:
    return " AND ".join(NOT_RED.format(v=n) for n in names)


@pytest.fixture(scope="module")
def demo(session_graph: Graph) -> Iterator[Graph]:
    reset_graph(session_graph)
    load_demo(session_graph, generate(scale="small", seed=7))
    run_resolution(session_graph)
    yield session_graph


def _counts(rows: list[dict[str, object]]) -> dict[str, object]:
    return {str(r["key"]): r["count"] for r in rows}


def test_victim_figures_match_plain_counts(demo: Graph) -> None:
    figures = statistics(demo, ANALYST, StatsFilter())
    plain = demo.read(f"""
        MATCH (p:Person)-[r:INVOLVED_IN {{role: 'victim'}}]->(c:Case) WHERE {_ok('p', 'r', 'c')}
        RETURN p.gender AS g, p.nationality AS n, count(DISTINCT p) AS k""")
    by_gender: dict[str, int] = {}
    by_nationality: dict[str, int] = {}
    for row in plain:
        by_gender[row["g"]] = by_gender.get(row["g"], 0) + row["k"]
        by_nationality[row["n"]] = by_nationality.get(row["n"], 0) + row["k"]
    assert _counts(figures.victims_by["gender"]) == by_gender
    assert _counts(figures.victims_by["citizenship"]) == by_nationality
    total = demo.read(f"""MATCH (p:Person)-[r:INVOLVED_IN {{role: 'victim'}}]->(c:Case)
                          RETURN count(DISTINCT p) AS all,
                                 count(DISTINCT CASE WHEN {_ok('p', 'r', 'c')} THEN p END) AS ok
                       """)[0]
    assert figures.victims.shown == total["ok"] > 100
    assert figures.victims.total - figures.victims.shown == total["all"] - total["ok"]
    assert sum(_counts(figures.victims_by["age_band"]).values()) >= figures.victims.shown
    exploited = demo.read(f"""
        MATCH (p:Person)-[r:INVOLVED_IN {{role: 'victim'}}]->(c:Case) WHERE {_ok('p', 'r', 'c')}
        OPTIONAL MATCH (p)-[:EMPLOYED_BY]->(e:Employer)
        WITH p, coalesce(e.country, c.jurisdiction) AS country
        RETURN country AS key, count(DISTINCT p) AS count""")
    assert _counts(figures.victims_by["exploitation_country"]) == _counts(exploited)


def test_case_figures_match_plain_counts(demo: Graph) -> None:
    figures = statistics(demo, ANALYST, StatsFilter())
    years = demo.read(f"""MATCH (c:Case) WHERE {_ok('c')}
                          RETURN toString(c.opened_on.year) AS key, count(c) AS count""")
    sectors = demo.read(f"MATCH (c:Case) WHERE {_ok('c')} RETURN c.sector AS key, "
                        "count(c) AS count")
    indicators = demo.read(f"""MATCH (c:Case) WHERE {_ok('c')} UNWIND c.indicators AS key
                               RETURN key, count(c) AS count""")
    assert _counts(figures.cases_by["year"]) == _counts(years)
    assert [r["key"] for r in figures.cases_by["year"]] == sorted(_counts(years))
    assert _counts(figures.cases_by["sector"]) == _counts(sectors)
    assert _counts(figures.cases_by["indicator"]) == _counts(indicators)
    assert figures.cases.shown == sum(_counts(years).values())  # type: ignore[arg-type]


def test_corridors_match_plain_counts_of_placements_and_travel(demo: Graph) -> None:
    figures = statistics(demo, ANALYST, StatsFilter())
    # each demo victim travels one leg: origin where recruited, else where it left; destination
    # where employed, else where it arrived
    plain = demo.read(f"""
        MATCH (p:Person)-[r:INVOLVED_IN {{role: 'victim'}}]->(c:Case) WHERE {_ok('p', 'r', 'c')}
        WITH DISTINCT p
        OPTIONAL MATCH (p)-[rec:RECRUITED_BY]->(:RecruitmentAgency)
        OPTIONAL MATCH (p)-[:EMPLOYED_BY]->(e:Employer)
        OPTIONAL MATCH (p)-[:TRAVELLED]->(t:TravelLeg)-[:FROM]->(a:Location)
        OPTIONAL MATCH (t)-[:TO]->(b:Location)
        WITH p, coalesce(rec.country, a.country) AS o, coalesce(e.country, b.country) AS d
        WHERE o IS NOT NULL AND d IS NOT NULL
        RETURN o, d, count(DISTINCT p) AS victims""")
    found: dict[tuple[str, str], int] = {}
    for c in figures.corridors:
        found[(c["origin"], c["destination"])] = found.get(
            (c["origin"], c["destination"]), 0) + c["victims"]
    assert found == {(r["o"], r["d"]): r["victims"] for r in plain}
    via_thailand = [c for c in figures.corridors if (c["origin"], c["destination"]) ==
                    ("KH", "MY")]
    assert via_thailand and via_thailand[0]["transit"] == ["TH"]


def test_agencies_without_a_valid_licence_by_country(demo: Graph) -> None:
    figures = statistics(demo, ANALYST, StatsFilter())
    plain = demo.read(f"""
        MATCH (p:Person)-[v:INVOLVED_IN {{role: 'victim'}}]->(c:Case) WHERE {_ok('p', 'v', 'c')}
        WITH DISTINCT p
        MATCH (p)-[r:RECRUITED_BY]->(a:RecruitmentAgency) WHERE {_ok('r', 'a')}
          AND (a.license_status IN ['unlicensed', 'suspended', 'revoked']
               OR a.license_country IS NULL OR r.country <> a.license_country)
        RETURN r.country AS country, count(DISTINCT a) AS agencies""")
    assert plain, "the demo has agencies recruiting outside their licence country"
    assert {r["country"]: r["agencies"] for r in figures.unlicensed_agencies} == {
        r["country"]: r["agencies"] for r in plain}


def test_an_investigator_counts_the_cases_of_their_authority_and_is_told_the_rest(
        demo: Graph) -> None:
    scope = AccessScope(see_all=False, authority="GT-PNC", sources=("gt-pnc",))
    figures = statistics(demo, scope, StatsFilter())
    plain = demo.read("""MATCH (c:Case) RETURN count(c) AS all,
        count(CASE WHEN c.authority = 'GT-PNC'
                    AND (coalesce(c.tlp, '') <> 'RED' OR c.source = 'gt-pnc') THEN c END) AS own
        """)[0]
    assert 0 < figures.cases.shown == plain["own"] < plain["all"]
    assert figures.cases.total - figures.cases.shown == plain["all"] - plain["own"]
    assert set(_counts(figures.victims_by["exploitation_country"])) <= {"GT", "MX", "US"}


def test_filters_narrow_every_figure(demo: Graph) -> None:
    flt = StatsFilter(countries=("MX", "US"), since=dt.date(2022, 1, 1), sector="fishing")
    figures = statistics(demo, ANALYST, flt)
    plain = demo.read(f"""MATCH (c:Case) WHERE {_ok('c')} AND c.jurisdiction IN ['MX', 'US']
        AND c.opened_on >= date('2022-01-01') AND c.sector = 'fishing'
        OPTIONAL MATCH (p:Person)-[r:INVOLVED_IN {{role: 'victim'}}]->(c) WHERE {_ok('p', 'r')}
        RETURN count(DISTINCT c) AS cases, count(DISTINCT p) AS victims""")[0]
    assert figures.cases.shown == plain["cases"] > 0
    assert figures.victims.shown == plain["victims"]
    assert _counts(figures.cases_by["sector"]) == {"fishing": plain["cases"]}
    assert sum(c["victims"] for c in figures.corridors) <= plain["victims"]
    kinds = statistics(demo, ANALYST, StatsFilter(source_kind="ngo"))
    ngo = demo.read(f"""MATCH (s:Source {{kind: 'ngo'}}) MATCH (c:Case {{source: s.id}})
                        WHERE {_ok('c')} RETURN count(c) AS n""")[0]["n"]
    assert kinds.cases.shown == ngo > 0


def test_crosslink_stats_counts_networks_by_country_pair(
        demo: Graph, crosslink_env: dict[str, str]) -> None:
    result = run_cli(["stats", "--format", "json"], env=crosslink_env)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    expected: dict[str, int] = {}
    for network in detect_networks(demo):
        for a, b in combinations(sorted(network.jurisdictions), 2):
            expected[f"{a}-{b}"] = expected.get(f"{a}-{b}", 0) + 1
    assert {r["countries"]: r["networks"] for r in figures["networks_by_country_pair"]} == \
        expected
    # the command line sees what an administrator sees: every case but TLP:RED ones, counted
    red = demo.read("MATCH (c:Case {tlp: 'RED'}) RETURN count(c) AS n")[0]["n"]
    assert red > 0
    assert figures["cases"] == {
        "shown": demo.read(f"MATCH (c:Case) WHERE {_ok('c')} RETURN count(c) AS n")[0]["n"],
        "left_out": red}
    csv_out = run_cli(["stats", "--country", "GT", "--format", "csv"], env=crosslink_env)
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.startswith("figure,key,count")
    assert "corridor,GT -> US," in csv_out.stdout
    bad = run_cli(["stats", "--since", "2024-02-30"], env=crosslink_env)
    assert bad.returncode == 2 and "--since" in bad.stderr and "no such day" in bad.stderr


def test_the_situation_report_pdf_names_the_country_corridors(
        demo: Graph, crosslink_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "gt.pdf"
    result = run_cli(["report", "situation", "--country", "gt", "--format", "pdf", "--out",
                      str(out)], env=crosslink_env)
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(
        out.read_bytes())).pages)
    assert "Situation report: Guatemala (GT)" in text
    # the corridors through Guatemala, as a plain count finds them (one leg per victim)
    through = demo.read("""
        MATCH (p:Person)-[:TRAVELLED]->(t:TravelLeg)-[:FROM]->(a:Location),
              (t)-[:TO]->(b:Location)
        OPTIONAL MATCH (t)-[:VIA]->(x:Location)
        WITH a.country AS o, x.country AS via, b.country AS d
        WHERE 'GT' IN [o, via, d]
        RETURN DISTINCT o, via, d""")
    assert through
    for row in through:
        hops = [row["o"], *([row["via"]] if row["via"] not in (row["o"], row["d"]) else []),
                row["d"]]
        assert " -> ".join(hops) in text
    assert "Authorities to involve" in text and "Agencies to watch" in text
    as_json = run_cli(["report", "situation", "--country", "GT"], env=crosslink_env)
    report = json.loads(as_json.stdout)
    red = demo.read("MATCH (c:Case {tlp: 'RED', jurisdiction: 'GT'}) RETURN count(c) AS n")[0]["n"]
    assert report["left_out"]["cases"] == red and report["as_transit"]["corridors"]
