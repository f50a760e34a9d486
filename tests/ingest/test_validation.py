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
    assert checker.check_header(1, columns or header(template)) == []
    return checker


def _check(template: str, row: dict[str, str], line: int = 2,
           columns: list[str] | None = None) -> tuple[CheckedRow | None, list[IngestError]]:
    columns = columns or header(template)
    return _checker(template, columns).check(line, [row.get(c, "") for c in columns])


def _broken(template: str, **changes: str) -> list[tuple[str, str]]:
    """The errors of a row that is rejected."""
    base = dict(SAMPLE[template][0], **changes)
    row, errors = _check(template, base)
    assert row is None
    assert all(e.severity == "error" for e in errors)
    return [(e.column, e.reason) for e in errors]


def _dropped(template: str, **changes: str) -> tuple[CheckedRow, list[IngestError]]:
    """The row that loads anyway, and the warnings for the values it lost."""
    row, warnings = _check(template, dict(SAMPLE[template][0], **changes))
    assert row is not None, warnings
    assert warnings and all(w.severity == "warning" for w in warnings)
    return row, warnings


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
    ("cases", "case_id", "C" * 5000, "5,000 bytes is too long for an id"),
    ("cases", "jurisdiction", "Gondor", "not a country: write its ISO 3166-1 code"),
    ("accounts", "account_number", "GT82 TRAJ 0102 0000 0012 1002 9691", "invalid IBAN"),
    ("transactions", "amount", "ten", "not an amount"),
])
def test_a_bad_key_or_required_value_rejects_the_row(template: str, column: str, value: str,
                                                     reason: str) -> None:
    errors = _broken(template, **{column: value})
    assert len(errors) == 1
    assert errors[0][0] == column and reason in errors[0][1]


@pytest.mark.parametrize("template,column,value,reason", [
    ("cases", "opened_on", "the 15th", "a date needs a day, a month and a year"),
    ("cases", "status", "dormant", "expected one of open, referred, prosecuted, closed"),
    ("cases", "status", "opne", "not a case_status value; did you mean open? expected one of"),
    ("cases", "authority", "P" * 5000, "too long for authority, which the graph indexes"),
    ("persons", "gender", "robot", "expected one of female, male, other, unknown"),
    ("persons", "gender", "mal", "not a gender value; did you mean male? expected one of"),
    ("persons", "emails", "chepe.example.com", "not an e-mail address"),
    ("placements", "fee", "1.500,50 or so", "not an amount"),
    ("placements", "currency", "dollars", "ISO 4217"),
    ("placements", "deceptive", "perhaps", "not a yes/no value"),
    ("transactions", "channel", "hawala", "expected one of bank_transfer"),
])
def test_a_bad_optional_value_is_dropped_with_a_warning(template: str, column: str,
                                                        value: str, reason: str) -> None:
    row, warnings = _dropped(template, **{column: value})
    assert [(w.column, w.value) for w in warnings] == [(column, value)]
    assert reason in warnings[0].reason and "the value was dropped" in warnings[0].reason
    assert warnings[0].kept == f"the row, without {column}"
    assert row.values[column] is None
    others = {k: v for k, v in SAMPLE[template][0].items() if k != column}
    assert all(row.values[k] is not None for k, v in others.items() if v)


def test_a_list_cell_keeps_its_good_items() -> None:
    row, warnings = _dropped("persons", phones="5555 1234;12")
    assert [(w.column, w.value) for w in warnings] == [("phones", "5555 1234;12")]
    assert "'12': not a possible phone number" in warnings[0].reason
    assert warnings[0].kept == "the row, with phones +50255551234"
    assert row.values["phones"] == [("+50255551234", "GT")]


def test_indicators_keep_the_known_codes() -> None:
    row, warnings = _dropped("cases", indicators="deception;debt_bondge")
    assert "did you mean debt_bondage for debt_bondge?" in warnings[0].reason
    assert row.values["indicators"] == ["deception"]
    assert warnings[0].kept == "the row, with indicators deception"


def test_one_problem_per_broken_cell_on_the_physical_line() -> None:
    bad = dict(SAMPLE["cases"][0], opened_on="2024-02-30", status="?")
    row, warnings = _check("cases", bad, line=7)
    assert row is not None
    assert sorted(e.column for e in warnings) == ["opened_on", "status"]
    assert {e.line for e in warnings} == {7} and {e.file for e in warnings} == {"cases.csv"}
    assert next(e for e in warnings if e.column == "opened_on").value == "2024-02-30"
    row, errors = _check("cases", dict(bad, jurisdiction="XX"), line=7)
    assert row is None  # a bad required value: the errors only, the row is not loaded
    assert [(e.column, e.severity) for e in errors] == [("jurisdiction", "error")]


def test_enum_case_is_forgiven() -> None:
    row, _ = _check("cases", dict(SAMPLE["cases"][0], status="Open", indicators="Deception"))
    assert row is not None
    assert row.values["status"] == "open" and row.values["indicators"] == ["deception"]


def test_passport_needs_a_country() -> None:
    row, warnings = _dropped("persons", passport_number="A1", passport_country="",
                             nationality="")
    assert [(w.column, w.reason) for w in warnings] == [(
        "passport_number", "a document number needs its issuing country: fill "
        "passport_country or nationality; the value was dropped")]
    assert row.values["passport_number"] is None


def test_duplicate_ids_within_a_file() -> None:
    checker = _checker("accounts")
    cols = header("accounts")
    first, _ = checker.check(2, [SAMPLE["accounts"][0].get(c, "") for c in cols])
    same = dict(SAMPLE["accounts"][0], account_number="gt82traj01020000001210029690")
    row, errors = checker.check(3, [same.get(c, "") for c in cols])
    assert first is not None and row is None
    assert errors[0].column == "account_number" and "line 2" in errors[0].reason


@pytest.mark.parametrize("columns,expected", [
    ([c for c in header("cases") if c != "jurisdiction"],
     "missing required columns jurisdiction"),
    (header("cases") + ["title"], "repeated columns title"),
])
def test_a_required_column_missing_or_a_repeated_one_refuses_the_file(
        columns: list[str], expected: str) -> None:
    checker = RowChecker(TEMPLATES.templates["cases"], GRADING, "cases.csv")
    (error,) = checker.check_header(1, columns)
    assert error.line == 1 and error.severity == "error"
    assert expected in error.reason
    assert "cases needs the columns case_id, jurisdiction; it may also have authority" \
        in error.reason


def test_optional_columns_may_be_missing_and_unknown_ones_are_ignored() -> None:
    checker = RowChecker(TEMPLATES.templates["persons"], GRADING, "persons.csv")
    columns = ["person_id", "full_name", "fulname_alias", "nationalty"]
    warnings = checker.check_header(1, columns)
    assert [(w.column, w.severity) for w in warnings] == [("fulname_alias", "warning"),
                                                          ("nationalty", "warning")]
    assert "unknown column nationalty (did you mean nationality?)" in warnings[1].reason
    row, problems = checker.check(2, ["P-1", "Ana", "x", "GT"])
    assert row is not None and not problems
    assert row.values["full_name"] == "Ana" and row.values["nationality"] is None


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
    assert checker.check_header(1, header("persons")) == []
    row = dict(SAMPLE["persons"][0], phones="5555 1234", nationality="", address_country="")
    checked, warnings = checker.check(2, [row.get(c, "") for c in header("persons")])
    assert checked is not None and checked.values["phones"] is None
    assert [(e.column, e.reason) for e in warnings] == [(
        "phones", "'5555 1234': phone number without country code and no country to assume: "
        "write it with +, fill address_country or nationality or give the source's country "
        "(--source-country; Country on the Ingest page); the value was dropped")]
