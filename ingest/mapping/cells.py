"""A source's way of writing a value, turned into the template's: its date order and formats,
decimal commas, phone numbers of its country. What cannot be turned is passed on as written,
so that the template checker reports it with file, line and column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from ingest.mapping.model import DateRule, Mapping
from values import InvalidValueError
from values.amount import clean_amount
from values.date import DateOrder, clean_date
from values.phone import clean_phone


def iso_date(text: str, rule: DateRule) -> str:
    """``31/03/2024`` (day first) -> ``2024-03-31``, by the mapping's formats, then by the
    template's own date reading with the mapping's date order; a value neither reads is
    returned unchanged."""
    value = text.strip()
    for fmt in rule.formats:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    order: DateOrder = "month_first" if rule.order == "month_first" else "day_first"
    try:
        return clean_date(value, order).isoformat()
    except InvalidValueError:
        return text


def decimal_point(text: str) -> str:
    """``1.500,50`` -> ``1500.5`` (a source that writes decimal commas: ``1.500`` is 1500);
    the currency it is written in is kept in front (``USD 1500.5``)."""
    try:
        amount = clean_amount(text, decimal_comma=True)
    except InvalidValueError:
        return text
    number = f"{Decimal(repr(amount.value)):f}"
    return f"{amount.currency} {number}" if amount.currency else number


def _phone(region: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        try:
            return clean_phone(text, region)[0]
        except InvalidValueError:
            return text
    return convert


def converter(column_type: str, mapping: Mapping) -> Callable[[str], str] | None:
    """The conversion of one value of a template column of ``column_type``; ``None`` when
    the value goes through as written."""
    if column_type == "date" and (mapping.dates.formats or mapping.dates.order != "year_first"):
        rule = mapping.dates
        return lambda text: iso_date(text, rule)
    if column_type == "decimal" and mapping.decimal_comma:
        return decimal_point
    if column_type == "phones" and mapping.phone_country:
        return _phone(mapping.phone_country)
    return None
