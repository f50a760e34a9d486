"""Dates: ISO 8601 calendar dates, stored as Neo4j dates."""

from __future__ import annotations

import datetime as dt

from ingest.values import InvalidValueError


def clean_date(value: str) -> dt.date:
    """``2024-03-31`` (a date-time keeps its date); anything else is refused."""
    text = value.strip()
    try:
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text).date()
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValueError("not an ISO 8601 date; write YYYY-MM-DD, e.g. 2024-03-31") from None


def is_minor(date_of_birth: dt.date, on: dt.date) -> bool:
    """Under 18 on ``on``."""
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month,
                                                                  date_of_birth.day))
    return years < 18
