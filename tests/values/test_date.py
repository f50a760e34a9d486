"""Dates as people write them, read without a mapping (values/date.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from values import InvalidValueError
from values.date import clean_date

MARCH_25_2015 = dt.date(2015, 3, 25)
MARCH_25_2024 = dt.date(2024, 3, 25)


@pytest.mark.parametrize("written", [
    "2015-03-25", "2015-03-25T10:00", "2015-03-25 10:00:00", "2015-03-25T10:00:00Z",
    "20150325", "Mar 25, 2015", "March 25, 2015", "Wednesday, March 25, 2015", "25 March 2015",
    "25th of March, 2015", "25-Mar-2015", "2015 Mar 25", "2015/03/25", "25/03/2015",
    "25.03.2015", "03/25/2015", "25/03/2015 10:30", "42088",
])
def test_unambiguous_dates_in_english_and_numbers(written: str) -> None:
    assert clean_date(written) == MARCH_25_2015


@pytest.mark.parametrize("written", [
    "25 de marzo de 2024", "martes, 25 de marzo de 2024", "25-mar-2024", "25 marzo 2024",
    "25 de março de 2024", "25 mars 2024", "25 Maret 2024", "25 Mar 2024",
    "25 มี.ค. 2567", "25 มีนาคม 2567", "25 มีนาคม พ.ศ. 2567", "25/03/2567", "45376",
    "45376.5", "2024-03-25T10:00", "๒๕ มี.ค. ๒๕๖๗", "๒๕/๐๓/๒๕๖๗",
])
def test_dates_in_the_regions_languages_buddhist_era_and_excel(written: str) -> None:
    assert clean_date(written) == MARCH_25_2024


def test_the_other_months_of_each_language() -> None:
    assert clean_date("1er août 2023") == dt.date(2023, 8, 1)
    assert clean_date("7 set. 2023") == dt.date(2023, 9, 7)
    assert clean_date("7 Sept 2023") == dt.date(2023, 9, 7)
    assert clean_date("31 dic 2023") == dt.date(2023, 12, 31)
    assert clean_date("17 Agustus 2023") == dt.date(2023, 8, 17)
    assert clean_date("1 ต.ค. 2566") == dt.date(2023, 10, 1)


def test_an_ambiguous_numeric_date_follows_the_date_order() -> None:
    assert clean_date("02/04/1990") == dt.date(1990, 4, 2)  # day first by default
    assert clean_date("02/04/1990", "day_first") == dt.date(1990, 4, 2)
    assert clean_date("02/04/1990", "month_first") == dt.date(1990, 2, 4)
    # a day over 12 says which number is the day, whatever the order
    assert clean_date("31/03/2024", "month_first") == dt.date(2024, 3, 31)
    assert clean_date("03/31/2024", "day_first") == dt.date(2024, 3, 31)


@pytest.mark.parametrize("bad,says", [
    ("yesterday", "not a date"),
    ("2015", "a date needs a day, a month and a year"),
    ("March 2015", "a date needs a day, a month and a year"),
    ("2023-02-29", "no such day"),
    ("31/02/2024", "no such day: 2024-02-31"),
    ("25/03/1066", "out of range"),
    ("1/2/3/4", "a date needs a day, a month and a year"),
])
def test_what_is_not_a_date_is_refused_with_a_reason(bad: str, says: str) -> None:
    with pytest.raises(InvalidValueError, match=says):
        clean_date(bad)
