"""Checking headers and cells: one error per broken cell, with line, column and reason."""

from __future__ import annotations

import pytest

from ingest.grading import Grading, GradingError
from ingest.report import IngestError
from ingest.templates import TEMPLATES
from ingest.validation import CheckedRow, RowChecker

from .samples import SAMPLE, header

GRADING = Grading("gt-pnc", source_country="GT")


def _checker(template: str, columns: list[str] | None = None) -> RowChecker:
    checker = RowChecker(TEMPLATES.templates[template], GRADING, f"{template}.csv")
    assert checker.check_header(1, columns or header(template)) is None
    return checker


def _check(template: str, row: dict[str, str], line: int = 2,
           columns: list[str] | None = None) -> tuple[CheckedRow | None, list[IngestError]]:
    columns = columns or header(template)
    return _checker(template, columns).check(line, [row.get(c, "") for c in columns])


def _broken(template: str, **changes: str) -> list[tuple[str, str]]:
    base = dict(SAMPLE[template][0], **changes)
    row, errors = _check(template, base)
    assert row is None
    return [(e.column, e.reason) for e in errors]


def test_good_row_is_cleaned() -> None:
    row, errors = _check("persons", SAMPLE["persons"][0])
    assert not errors and row is not None
    assert row.record_id == "P-1" and row.source == "gt-pnc"
    assert row.values["phones"] == [("+50255551234", "GT")]
    assert row.values["emails"] == ["chepe@example.com"]
    assert row.values["aliases"] == ["Chepe", "El Flaco"]
    assert row.grading == {"reliability": "F", "credibility": "6", "tlp": "AMBER"}


@pytest.mark.parametrize("template,column,value,reason", [
    ("cases", "case_id", "", "case_id is required"),
    ("cases", "jurisdiction", "Gondor", "not a country: write its ISO 3166-1 code"),
    ("cases", "opened_on", "the 15th", "a date needs a day, a month and a year"),
    ("cases", "status", "dormant", "expected one of open, referred, prosecuted, closed"),
    ("cases", "status", "opne", "not a case_status value; did you mean open? expected one of"),
    ("cases", "indicators", "deception;debt_bondge",
     "unknown indicator value(s) debt_bondge; did you mean debt_bondage for debt_bondge?"),
    ("cases", "indicators", "deception;slavery", "unknown indicator value(s) slavery"),
    ("persons", "gender", "robot", "expected one of female, male, other, unknown"),
    ("persons", "gender", "mal", "not a gender value; did you mean male? expected one of"),
    ("persons", "phones", "5555 1234;12", "'12': not a possible phone number"),
    ("persons", "emails", "chepe.example.com", "not an e-mail address"),
    ("placements", "fee", "1.500,50 or so", "not an amount"),
    ("placements", "currency", "dollars", "ISO 4217"),
    ("placements", "deceptive", "perhaps", "not a yes/no value"),
    ("accounts", "account_number", "GT82 TRAJ 0102 0000 0012 1002 9691", "invalid IBAN"),
    ("transactions", "channel", "hawala", "expected one of bank_transfer"),
])
def test_each_rule_names_the_column_and_the_reason(template: str, column: str, value: str,
                                                   reason: str) -> None:
    errors = _broken(template, **{column: value})
    assert len(errors) == 1
    assert errors[0][0] == column and reason in errors[0][1]


def test_one_error_per_broken_cell_on_the_physical_line() -> None:
    bad = dict(SAMPLE["cases"][0], jurisdiction="XX", opened_on="2024-02-30", status="?")
    row, errors = _check("cases", bad, line=7)
    assert row is None
    assert sorted(e.column for e in errors) == ["jurisdiction", "opened_on", "status"]
    assert {e.line for e in errors} == {7} and {e.file for e in errors} == {"cases.csv"}
    assert next(e for e in errors if e.column == "opened_on").value == "2024-02-30"


def test_enum_case_is_forgiven() -> None:
    row, _ = _check("cases", dict(SAMPLE["cases"][0], status="Open", indicators="Deception"))
    assert row is not None
    assert row.values["status"] == "open" and row.values["indicators"] == ["deception"]


def test_passport_needs_a_country() -> None:
    errors = _broken("persons", passport_number="A1", passport_country="", nationality="")
    assert errors == [("passport_number", "a document number needs its issuing country: "
                                          "fill passport_country or nationality")]


def test_duplicate_ids_within_a_file() -> None:
    checker = _checker("accounts")
    cols = header("accounts")
    first, _ = checker.check(2, [SAMPLE["accounts"][0].get(c, "") for c in cols])
    same = dict(SAMPLE["accounts"][0], account_number="gt82traj01020000001210029690")
    row, errors = checker.check(3, [same.get(c, "") for c in cols])
    assert first is not None and row is None
    assert errors[0].column == "account_number" and "line 2" in errors[0].reason


@pytest.mark.parametrize("columns,expected", [
    (header("cases") + ["notes"], "unknown columns notes"),
    ([c for c in header("cases") if c != "title"], "missing columns title"),
    (header("cases") + ["title"], "repeated columns title"),
    ([c if c != "title" else "titel" for c in header("cases")],
     "unknown columns titel (did you mean title?); missing columns title"),
])
def test_header_problems_refuse_the_file_listing_expected_columns(
        columns: list[str], expected: str) -> None:
    checker = RowChecker(TEMPLATES.templates["cases"], GRADING, "cases.csv")
    error = checker.check_header(1, columns)
    assert error is not None and error.line == 1
    assert expected in error.reason
    assert "Expected the columns of cases: case_id, jurisdiction, authority" in error.reason


def test_grading_columns_win_per_row_and_are_checked() -> None:
    columns = header("cases", ["source", "reliability", "credibility", "tlp"])
    good = dict(SAMPLE["cases"][0], source="mx-fgr", reliability="b", credibility="2",
                tlp="red")
    row, errors = _check("cases", good, columns=columns)
    assert row is not None and not errors
    assert row.source == "mx-fgr"
    assert row.grading == {"reliability": "B", "credibility": "2", "tlp": "RED"}
    bad = dict(good, reliability="Z", tlp="PINK", source="bad source")
    row, errors = _check("cases", bad, columns=columns)
    assert row is None
    assert sorted(e.column for e in errors) == ["reliability", "source", "tlp"]


def test_bad_grading_options_are_refused() -> None:
    with pytest.raises(GradingError, match="--reliability 'G'"):
        Grading("gt-pnc", reliability="G")
    with pytest.raises(GradingError, match="--source-country"):
        Grading("gt-pnc", source_country="Gondor")
    with pytest.raises(GradingError, match="--source"):
        Grading("gt pnc")
    assert Grading("gt-pnc", tlp="amber+strict", credibility="2").tlp == "AMBER+STRICT"


def test_a_phone_without_country_code_says_which_cells_would_give_one() -> None:
    checker = RowChecker(TEMPLATES.templates["persons"], Grading("ngo"), "persons.csv")
    assert checker.check_header(1, header("persons")) is None
    row = dict(SAMPLE["persons"][0], phones="5555 1234", nationality="", address_country="")
    checked, errors = checker.check(2, [row.get(c, "") for c in header("persons")])
    assert checked is None
    assert [(e.column, e.reason) for e in errors] == [(
        "phones", "'5555 1234': phone number without country code and no country to assume: "
        "write it with +, fill address_country or nationality or give the source's country "
        "(--source-country; Country on the Ingest page)")]
