"""Normalisation rules, one value type at a time (pure functions, no database)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graph.model import MODEL
from values import InvalidValueError
from values.account import clean_account
from values.amount import clean_boolean, clean_decimal
from values.country import clean_country, clean_currency
from values.date import clean_date, is_minor
from values.document import clean_document_number, document_key
from values.email import clean_email
from values.phone import clean_phone
from values.place import location_kind, place_key, vehicle_key
from values.text import compact, fold_name, fold_text, split_list


@pytest.mark.parametrize("raw,region", [
    ("5555 1234", "GT"), ("+502 5555-1234", None), ("(+502) 5555.1234", "MX"),
    ("00502 55551234", "GT"),
])
def test_phone_written_many_ways_is_one_e164(raw: str, region: str | None) -> None:
    assert clean_phone(raw, region) == ("+50255551234", "GT")


def test_phone_default_region_decides_local_numbers() -> None:
    assert clean_phone("55 1234 5678", "MX")[0] == "+525512345678"
    assert clean_phone("081 234 5678", "TH")[0] == "+66812345678"


def test_phone_without_country_or_impossible_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="without country code"):
        clean_phone("5555 1234", None)
    with pytest.raises(InvalidValueError, match="possible"):
        clean_phone("+502 12", None)
    with pytest.raises(InvalidValueError, match="not a phone number"):
        clean_phone("call me", "GT")


def test_email_lower_cased_and_checked() -> None:
    assert clean_email("  Chepe@Example.COM ") == "chepe@example.com"
    with pytest.raises(InvalidValueError):
        clean_email("chepe at example.com")


def test_iban_checked_by_checksum_other_numbers_compacted() -> None:
    assert clean_account("gb82 west 1234 5698 7654 32") == "GB82WEST12345698765432"
    with pytest.raises(InvalidValueError, match="invalid IBAN"):
        clean_account("GB82 WEST 1234 5698 7654 33")
    assert clean_account("0123-4567.89 / 01") == "0123456789" + "01"
    assert clean_account("mx-12 345") == "MX12345"  # Mexico has no IBAN: only compacted


def test_countries_and_currencies() -> None:
    assert clean_country(" gt ") == "GT"
    assert clean_country("Guatemala") == "GT"
    with pytest.raises(InvalidValueError, match="ISO 3166-1 code"):
        clean_country("XX")
    assert clean_currency("usd") == "USD"
    with pytest.raises(InvalidValueError, match="ISO 4217"):
        clean_currency("dollars")


def test_dates_iso_8601_and_refusals() -> None:
    assert clean_date("2024-03-31") == dt.date(2024, 3, 31)
    assert clean_date("2024-03-31T10:00:00") == dt.date(2024, 3, 31)
    for bad in ("2024-13-01", "yesterday", "2024", "March 2024"):
        with pytest.raises(InvalidValueError, match="2024-03-31|YYYY-MM-DD|day, a month"):
            clean_date(bad)


@pytest.mark.parametrize("bad,says", [
    ("2023-02-29", "no such day"),
    ("31/02/2024", "no such day: 2024-02-31"),
    ("2024-13-01", "no such day"),
])
def test_a_bad_date_says_what_was_probably_meant(bad: str, says: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(says)):
        clean_date(bad)


def test_who_is_a_minor() -> None:
    assert is_minor(dt.date(2010, 6, 1), dt.date(2028, 5, 31))
    assert not is_minor(dt.date(2010, 6, 1), dt.date(2028, 6, 1))


def test_decimals_and_flags() -> None:
    assert clean_decimal("1500.50") == 1500.5
    assert clean_decimal("1.500,50") == 1500.5
    for bad in ("NaN", "1,50,0", "USD 5"):
        with pytest.raises(InvalidValueError):
            clean_decimal(bad)
    flags = MODEL.vocabulary("boolean")
    assert clean_boolean("Yes", flags) is True and clean_boolean("0", flags) is False
    with pytest.raises(InvalidValueError, match="yes/no"):
        clean_boolean("maybe", flags)


def test_fold_text_and_fold_name() -> None:
    assert fold_text("  Ciudad   de  GUATEMALA ") == "ciudad de guatemala"
    assert fold_text("Tapachula, Chiapas") == fold_text("TAPACHULA, chiapas")
    assert fold_text("Jalapa") != fold_text("Xalapa")
    assert fold_text("Pérez Ñandú") == "perez nandu"
    assert fold_name("O'Brien-Pérez, J.") == "o brien perez j"
    assert fold_name("JOSÉ  PÉREZ") == fold_name("jose perez")


@pytest.mark.parametrize("text", ["สมชาย ใจดี", "សុខ ចាន់", "محمد علي"])
def test_fold_keeps_non_latin_scripts_intact(text: str) -> None:
    # Thai vowel marks, Khmer subscripts and Arabic letters are part of the word
    assert fold_text(text) == text.casefold()


def test_documents_addresses_places_vehicles_keys() -> None:
    assert clean_document_number(" a 123-456 ") == "A123456"
    assert document_key("passport", "GT", "A123456") == "passport|GT|A123456"
    assert place_key(" 4a Calle  5-10, ZONA 1", "GT") == place_key("4a calle 5-10, zona 1", "GT")
    assert vehicle_key("p-123 abc", "GT") == "P123ABC|GT"
    assert compact("ab-12 34.5/6") == "AB123456"
    assert split_list(" a ; ;b;") == ["a", "b"]


def test_location_kind_rule() -> None:
    assert location_kind("Frontera El Carmen") == "border_crossing"
    assert location_kind("Paso Fronterizo La Mesilla") == "border_crossing"
    assert location_kind("La Mesilla", via=True, countries_differ=True) == "border_crossing"
    assert location_kind("La Mesilla", via=True, countries_differ=False) == "city"
    assert location_kind("Tapachula") == "city"
