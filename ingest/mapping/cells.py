"""A source's way of writing a value, turned into the template's: its date order and formats,
decimal commas, phone numbers of its country. What cannot be turned is passed on as written,
so that the template checker reports it with file, line and column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ingest.mapping.model import DateRule, Mapping
from values import InvalidValueError
from values.phone import clean_phone

_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 24 -> 2024, 85 -> 1985
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    return year


def iso_date(text: str, rule: DateRule) -> str:
    """``31/03/2024`` (day first) -> ``2024-03-31``; unknown forms are returned unchanged."""
    value = _TIME_TAIL.sub("", text.strip())
    for fmt in rule.formats:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    if rule.order == "year_first":
        return text
    found = _NUMERIC_DATE.fullmatch(value)
    if not found:
        return text
    first, second, year = found.groups()
    day, month = (first, second) if rule.order == "day_first" else (second, first)
    try:
        return dt.date(_year(year), int(month), int(day)).isoformat()
    except ValueError:
        return text


def decimal_point(text: str) -> str:
    """``1.500,50`` -> ``1500.50`` (a source that writes decimal commas)."""
    return text.strip().replace(" ", "").replace("\u00a0", "").replace(".", "").replace(",", ".")


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
