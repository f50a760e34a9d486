"""Amounts as people write them (values/amount.py)."""

from __future__ import annotations

import pytest

from values import InvalidValueError
from values.amount import Amount, clean_amount


@pytest.mark.parametrize("written,value,currency", [
    ("5.689852347E7", 56898523.47, None),
    ("1.234,56", 1234.56, None),
    ("1,234.56", 1234.56, None),
    ("1 234,56", 1234.56, None),
    ("1,5", 1.5, None),
    ("1,234", 1234.0, None),  # one comma and three digits: a thousands separator
    ("USD 1,200", 1200.0, "USD"),
    ("1,200 usd", 1200.0, "USD"),
    ("$1,200", 1200.0, "USD"),
    ("€ 950", 950.0, "EUR"),
    ("฿12,500", 12500.0, "THB"),
    ("Q 1.500,50", 1500.5, "GTQ"),
    ("R$ 10,00", 10.0, "BRL"),
    ("-$5", -5.0, "USD"),
])
def test_amounts_as_written(written: str, value: float, currency: str | None) -> None:
    assert clean_amount(written) == Amount(value, currency)


def test_a_source_that_writes_decimal_commas() -> None:
    assert clean_amount("1.234", decimal_comma=True).value == 1234.0
    assert clean_amount("1,234", decimal_comma=True).value == 1.234
    assert clean_amount("1.234").value == 1.234


@pytest.mark.parametrize("bad,says", [
    ("about 1500", "not an amount"),
    ("1500 pesos", "'pesos' is not a currency sign"),
    ("1,23,4", "grouped by three"),
    ("1,2,3.4,5", "written twice"),
    ("NaN", "not an amount"),
])
def test_what_is_not_an_amount_is_refused(bad: str, says: str) -> None:
    with pytest.raises(InvalidValueError, match=says):
        clean_amount(bad)
