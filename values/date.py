"""Dates: ISO 8601 calendar dates, stored as Neo4j dates."""

from __future__ import annotations

import datetime as dt
import re

from values import InvalidValueError

ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


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
        raise InvalidValueError(_why(text)) from None


def _why(text: str) -> str:
    if ISO_SHAPE.fullmatch(text):
        return "no such day (the month is 01-12 and the day must exist in it); write YYYY-MM-DD"
    slashed = SLASHED.fullmatch(text)
    if slashed:
        first, second, year = (int(g) for g in slashed.groups())
        meant = [d.isoformat() for month, day in ((second, first), (first, second))
                 if (d := _date_or_none(year, month, day)) is not None]
        if len(meant) == 2 and meant[0] != meant[1]:
            return (f"not an ISO 8601 date: write YYYY-MM-DD, {meant[0]} if {first} is the "
                    f"day, {meant[1]} if it is the month")
        if meant:
            return f"not an ISO 8601 date: write YYYY-MM-DD ({meant[0]})"
    return "not an ISO 8601 date; write YYYY-MM-DD, e.g. 2024-03-31"


def is_minor(date_of_birth: dt.date, on: dt.date) -> bool:
    """Under 18 on ``on``."""
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month,
                                                                  date_of_birth.day))
    return years < 18


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
