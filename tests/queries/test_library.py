"""The query files and the header format, checked without a database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.model import MODEL
from graph.query_library import (
    QUERIES_DIR,
    HeaderError,
    ParamError,
    bind_params,
    load_library,
    own_query,
)
from graph.query_library.header import parse_saved_query
from graph.query_library.params import PARAM_TYPES

QUERIES_PAGE = Path(__file__).resolve().parents[2] / "docs" / "queries.md"

# The names the demo data set plants a pattern for, with the column each pattern is checked by.
REQUIRED = {
    "agencies_victims_many_countries": "agency_uid",
    "agency_recruiting_unlicensed_country": "agency_uid",
    "account_fees_many_victims": "account",
    "document_retention": "holder_uid",
    "travel_arranger_cross_jurisdiction": "arranger_uid",
    "shared_contacts_across_authorities": "identifier",
    "crossing_same_arranger_window": "crossing",
    "cases_core_indicators": "case_uid",
    "wage_below_promise_after_fee": "person_uid",
    "ad_contact_reaches_suspect": "ad_uid",
    "owner_agency_and_employer": "owner_uid",
    "money_chains": "second_tx",
    "victim_turned_recruiter": "person_uid",
    "shortest_connection_between_cases": "length",
    "shared_accommodation_addresses": "address_key",
}

GOOD = """// title: T
// description: D
//   continued
// targets: indicator debt_bondage; paper trail: money
// param: n int 3 "how many"
// param: who string "required one"
// returns: a, b
MATCH (x) WHERE x.n >= $n AND x.uid = $who RETURN x.a AS a, x.b AS b
"""


def test_library_holds_every_required_query_with_its_columns() -> None:
    library = load_library()
    assert set(REQUIRED) <= set(library)
    for name, column in REQUIRED.items():
        assert column in library[name].returns, name


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES_DIR.glob("*.cypher")))
def test_every_query_file_has_a_complete_header(name: str) -> None:
    query = load_library()[name]
    assert query.title and query.description and query.targets and query.returns
    for param in query.params:
        assert param.type in PARAM_TYPES and param.help, f"{name}: {param.name}"
        assert f"${param.name}" in query.cypher, f"{name}: {param.name} unused"


def test_every_query_is_documented_on_the_queries_page() -> None:
    section = QUERIES_PAGE.read_text(encoding="utf-8")
    for name, query in load_library().items():
        assert f"`{name}`" in section, f"{name} missing from docs/queries.md"
        for param in query.params:
            assert f"`{param.name}`" in section, f"{name}: parameter {param.name} undocumented"


def test_header_fields_are_parsed() -> None:
    query = parse_saved_query(GOOD, "good")
    assert query.title == "T" and query.description == "D continued"
    assert query.targets == ("indicator debt_bondage", "paper trail: money")
    assert [(p.name, p.type, p.default, p.required) for p in query.params] == [
        ("n", "int", 3, False), ("who", "string", None, True)]
    assert query.returns == ("a", "b")
    assert query.cypher.startswith("MATCH")


def test_model_default_reads_core_indicators_from_the_model() -> None:
    core = load_library()["cases_core_indicators"].param("core")
    assert core is not None and core.default == MODEL.core_indicators


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("// title: T\n", ""), "header lacks title"),
    (GOOD.replace("// returns: a, b\n", ""), "header lacks returns"),
    (GOOD.replace('int 3 "how many"', 'integer 3 "how many"'), "unknown type 'integer'"),
    (GOOD.replace('int 3 "how many"', 'int three "how many"'), "bad default 'three'"),
    (GOOD.replace('int 3 "how many"', "int 3"), 'expected NAME TYPE [DEFAULT] "help"'),
    (GOOD.replace("// title: T", "// titel: T"), "line 1: unknown field 'titel'"),
    (GOOD.replace("debt_bondage", "slavery"), "unknown indicator slavery"),
    (GOOD.replace("x.n >= $n", "x.n >= $min"), "uses $min but the header declares no such"),
])
def test_broken_headers_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(HeaderError, match="bad.cypher.*" + message.replace("$", r"\$")
                       .replace("[", r"\[").replace("]", r"\]")):
        parse_saved_query(text, "bad", "bad.cypher")


def test_a_query_file_that_writes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sneaky.cypher").write_text(GOOD.replace("RETURN", "SET x.seen = true RETURN"),
                                            encoding="utf-8")
    with pytest.raises(HeaderError, match="sneaky.cypher: refused.*SET writes"):
        load_library(tmp_path)


def test_parameters_are_converted_to_their_declared_types() -> None:
    declared = own_query("RETURN 1", [
        {"name": "n", "type": "int", "default": 3}, {"name": "x", "type": "float", "default": 0},
        {"name": "on", "type": "date", "default": "2024-01-31"},
        {"name": "flag", "type": "bool", "default": "false"},
        {"name": "roles", "type": "list<string>", "default": "victim,suspect"},
        {"name": "who", "type": "string"}]).params
    assert bind_params(declared, {"n": "7", "x": "2.5", "flag": "yes", "who": "007"}) == {
        "n": 7, "x": 2.5, "on": dt.date(2024, 1, 31), "flag": True,
        "roles": ["victim", "suspect"], "who": "007"}
    assert bind_params(declared, {"roles": '["a", "b"]', "who": "w", "n": 4})["roles"] == ["a", "b"]


@pytest.mark.parametrize(("values", "message"), [
    ({"min_countries": "three"}, "parameter min_countries must be int .*got 'three'"),
    ({"min_countries": 2.5}, "parameter min_countries must be int"),
    ({"min_countries": True}, "parameter min_countries must be int"),
    ({"min_countries": "99999999999999999999"},
     "parameter min_countries must be int \\(expected a whole number \\(64-bit"),
    ({"min_country": 2}, "unknown parameter min_country; its parameters: min_countries"),
])
def test_bad_parameters_are_refused_naming_parameter_and_type(values: dict[str, object],
                                                             message: str) -> None:
    query = load_library()["agencies_victims_many_countries"]
    with pytest.raises(ParamError, match="agencies_victims_many_countries: " + message):
        bind_params(query.params, values, query.name)


def test_missing_required_parameter_is_named() -> None:
    query = load_library()["shortest_connection_between_cases"]
    with pytest.raises(ParamError, match="parameter case_a \\(string\\) is required"):
        bind_params(query.params, {"case_b": "gt:C-1"}, query.name)


def test_wrong_date_and_list_values_are_refused() -> None:
    declared = own_query("RETURN 1", [{"name": "on", "type": "date"},
                                      {"name": "roles", "type": "list<string>"}]).params
    with pytest.raises(ParamError, match="parameter on must be date .*ISO date.*2024-03-31"):
        bind_params(declared, {"on": "31/01/2024", "roles": "a"})
    with pytest.raises(ParamError, match="parameter roles must be list<string>"):
        bind_params(declared, {"on": "2024-01-31", "roles": [1, 2]})


def test_own_query_that_writes_or_declares_bad_types_is_refused() -> None:
    with pytest.raises(ValueError, match="refused: MERGE writes"):
        own_query("MERGE (n:Person {uid: $u}) RETURN n", [{"name": "u", "type": "string"}])
    with pytest.raises(ParamError, match="parameter u: unknown type 'text'"):
        own_query("MATCH (n {uid: $u}) RETURN n", [{"name": "u", "type": "text"}])
