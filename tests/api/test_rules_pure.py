"""Pure rules of the API, without any database: search text, node ids, roles, the login
limiter, console parameters."""

from __future__ import annotations

import pytest

from backend.auth.ratelimit import LoginLimiter
from backend.auth.roles import Permission, Role, may, require
from backend.errors import ForbiddenError
from graph.console import check_params
from graph.elements import BadNodeIdError, parse_node_id
from graph.search import identifier_form, lucene_query, national_phone_digits


def test_search_text_is_escaped_and_each_word_is_also_a_prefix() -> None:
    assert lucene_query("Juan") == "(Juan OR juan*)"
    assert lucene_query("Finca 12") == "(Finca OR finca*) AND (12 OR 12*)"
    # an identifier as people write it is also searched as stored, and outranks its parts
    assert lucene_query("+502 5550") == (r"((\+502 OR \+502*) AND (5550 OR 5550*)) OR "
                                         r"\+5025550^10 OR \+5025550*^5")


def test_identifiers_as_written_and_as_stored() -> None:
    assert identifier_form("+502 5550-1234") == "+50255501234"
    assert identifier_form("gt82 traj 0102") == "GT82TRAJ0102"
    assert identifier_form("G-0700001") == "G0700001"
    assert identifier_form("(239) 200.0902") == "2392000902"
    assert identifier_form("G0700001") is None  # already as stored: nothing to add
    assert identifier_form("Juan Perez") is None and identifier_form("Finca 12") is None
    assert national_phone_digits("(239) 200-0902") == "2392000902"
    assert national_phone_digits("0812 345 678") == "812345678"  # the trunk 0 goes
    assert national_phone_digits("+502 5550 1234") is None  # has its country code
    assert national_phone_digits("Finca 1234567") is None and national_phone_digits("12 34") is None
    assert lucene_query('name:"x" OR (a)') == (r'(name\:\"x\" OR name\:\"x\"*) AND '
                                              r"(OR OR or*) AND (\(a\) OR \(a\)*)")
    with pytest.raises(ValueError):
        lucene_query("   ")
    with pytest.raises(ValueError, match="no letters or digits"):
        lucene_query("* ?")


def test_node_ids_name_a_known_label() -> None:
    assert parse_node_id("Person:gt-pnc:P-1") == ("Person", "uid", "gt-pnc:P-1")
    assert parse_node_id("Phone:+50255501234") == ("Phone", "e164", "+50255501234")
    with pytest.raises(BadNodeIdError, match="unknown label 'Persn'"):
        parse_node_id("Persn:x")
    with pytest.raises(BadNodeIdError, match="expected <Label>:<key>"):
        parse_node_id("Person")


def test_roles_are_ordered_and_refusals_name_the_role() -> None:
    assert may(Role.viewer, Permission.read_graph)
    assert not may(Role.investigator, Permission.console)
    assert may(Role.admin, Permission.console)
    with pytest.raises(ForbiddenError, match=r"role viewer may not upload files \(allowed: "
                                             r"investigator, analyst, admin\)"):
        require("viewer", Permission.upload)


def test_the_limiter_counts_failures_per_user_and_address() -> None:
    limiter = LoginLimiter(attempts=2, window=60)
    for _ in range(2):
        assert limiter.retry_after("ana", "1.2.3.4") == 0
        limiter.failed("ana", "1.2.3.4")
    assert 0 < limiter.retry_after("ANA", "1.2.3.4") <= 60
    assert limiter.retry_after("ana", "5.6.7.8") == 0
    limiter.succeeded("ana", "1.2.3.4")
    assert limiter.retry_after("ana", "1.2.3.4") == 0


def test_console_parameters_must_fit_neo4j() -> None:
    check_params({"a": [1, "x", None, 2.5, {"b": True}]})
    with pytest.raises(ValueError, match=r"params.a\[1\]: integer out of"):
        check_params({"a": [1, 2**70]})
