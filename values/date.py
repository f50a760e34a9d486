"""Dates as people write them, stored as Neo4j dates.

Read without any setting: ISO 8601 (``2024-03-25``, ``2024-03-25T10:00``), ``20240325``,
month names in English, Spanish, Portuguese, French, Thai and Bahasa Indonesia (Babel's CLDR
names: ``Mar 25, 2015``, ``25 March 2015``, ``25 de marzo de 2024``, ``25 มี.ค. 2567``), numeric
dates whose day is over 12 (``31/03/2024``), Excel serial numbers (``45376``) and Thai
Buddhist-era years (2400 and later: ``25/03/2567`` is 2024-03-25). Only a numeric date whose
day and month could be swapped (``02/04/1990``) needs the source's date order; day first unless
the source says otherwise."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from typing import Literal

from babel.dates import get_day_names, get_month_names

from values import InvalidValueError
from values.text import fold_text

DateOrder = Literal["day_first", "month_first"]
DEFAULT_ORDER: DateOrder = "day_first"
# Languages whose month and weekday names are read (Babel locale names).
LOCALES = ("en", "es", "pt", "fr", "th", "id")
BUDDHIST_ERA_FROM = 2400  # a year from 2400 on is a Thai Buddhist-era year (CE + 543)
BUDDHIST_OFFSET = 543
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (it counts a 29 February 1900)
FIRST_YEAR, LAST_YEAR = 1800, 2200

ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")
COMPACT_ISO = re.compile(r"(\d{4})(\d{2})(\d{2})")
EXCEL_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")  # 10000 (1927-05-18) to 99999 (2173-10-14)
_TIME_TAIL = re.compile(r"[ T,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*"
                        r"(?:am|pm|a\.\s?m\.|p\.\s?m\.|hrs?|h)?\s*(?:z|[+-]\d{2}:?\d{2})?$"
                        r"|[ ,]+\d{1,2}[.:]\d{2}\s*น\.?$")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|er|ero|º|°|ª)$")
_SEPARATORS = re.compile(r"[\s/\-,]+")  # not ".": Thai month abbreviations hold dots
NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
DOTTED = re.compile(r"\d+(?:\.\d+)+\.?")
# Words that may stand between the parts of a date (``25 de marzo de 2024``, ``the 25th of``).
# "พ.ศ." marks a Buddhist-era year (read so from 2400 on), "ค.ศ." a year of the common era.
FILLERS = frozenset({"de", "del", "do", "da", "of", "the", "le", "el", "วันที่", "เดือน", "ปี",
                     "tanggal", "tgl", "bulan", "tahun", "ce", "ad", "พ.ศ", "พศ", "ค.ศ", "คศ"})


@cache
def _months() -> dict[str, int]:
    """Every written month name, folded, with its number; a name two months share (``jui``
    of juin and juillet) is left out."""
    found: dict[str, set[int]] = {}
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    folded = fold_text(name).rstrip(".")
                    forms = {folded, folded.replace(".", "")}
                    if width == "wide" and folded.isascii():
                        forms.update((folded[:3], folded[:4]))  # Sept, Set, Agu, Fév
                    for form in forms:
                        found.setdefault(form, set()).add(number)
    return {form: next(iter(n)) for form, n in found.items() if len(n) == 1 and form}


@cache
def _skipped() -> frozenset[str]:
    """Words that may stand in a date and say nothing of it: weekdays and fillers."""
    words = set(FILLERS)
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for name in get_day_names(width, "format", locale).values():
                folded = fold_text(name).rstrip(".")
                words.update((folded, *_SEPARATORS.split(folded)))
    return frozenset(words - set(_months()))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 24 -> 2024, 85 -> 1985
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    elif year >= BUDDHIST_ERA_FROM:
        year -= BUDDHIST_OFFSET
    return year


def _day(year: int, month: int, day: int) -> dt.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValueError(f"the year {year} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidValueError(f"no such day: {year}-{month:02d}-{day:02d} (the month is "
                                "01-12 and the day must exist in it)") from None


def _numeric(first: str, second: str, third: str, order: DateOrder) -> dt.date:
    """Three numbers: year first (``2024/03/25``) or last, day and month by their size, else
    by ``order``."""
    if len(first) == 4:
        return _day(_year(first), int(second), int(third))
    if len(third) not in (2, 4):
        raise InvalidValueError("the year is written with 4 digits (or 2)")
    a, b = int(first), int(second)
    day_first = a > 12 or (b <= 12 and order == "day_first")
    day, month = (a, b) if day_first else (b, a)
    return _day(_year(third), month, day)


def _named(tokens: list[str | int]) -> dt.date:
    """A month written as a word (an ``int`` token) and two numbers: day and year."""
    month = next(t for t in tokens if isinstance(t, int))
    numbers = [t for t in tokens if isinstance(t, str)]
    incomplete = InvalidValueError("a date needs a day, a month and a year; write e.g. "
                                   "25 March 2015")
    if len(numbers) != 2 or len(tokens) != 3:
        raise incomplete
    day_text, year_text = (numbers if len(numbers[0]) <= 2 else numbers[::-1])
    if len(day_text) > 2 or len(year_text) not in (2, 4):
        raise incomplete
    return _day(_year(year_text), month, int(day_text))


def _written(text: str, order: DateOrder) -> dt.date:
    if numeric := NUMERIC.fullmatch(text):
        first, second, third = numeric.groups()
        return _numeric(first, second, third, order)
    months, skipped = _months(), _skipped()
    tokens: list[str | int] = []
    folded = text.lower() if text.isascii() else fold_text(text)
    for word in _SEPARATORS.split(_TIME_TAIL.sub("", folded)):
        if not word:
            continue
        if DOTTED.fullmatch(word):  # 25.03.2024
            tokens.extend(part for part in word.split(".") if part)
            continue
        word = _ORDINAL.sub("", word.rstrip("."))
        if word.isdigit():
            tokens.append(word)
        elif word in months:
            tokens.append(months[word])
        elif word not in skipped:
            raise InvalidValueError("not a date; write e.g. 2024-03-31, 31/03/2024 or "
                                    "31 March 2024")
    if any(isinstance(t, int) for t in tokens):
        return _named(tokens)
    if len(tokens) != 3:
        raise InvalidValueError("a date needs a day, a month and a year; write e.g. 2024-03-31")
    first, second, third = (str(t) for t in tokens)
    return _numeric(first, second, third, order)


@lru_cache(maxsize=65536)  # the same dates recur across rows
def clean_date(value: str, order: DateOrder = DEFAULT_ORDER) -> dt.date:
    """The date a cell says; ``order`` decides only a numeric date whose day and month could
    be swapped (``02/04/1990``)."""
    text = value.strip()
    try:
        if ISO_SHAPE.fullmatch(text):
            return dt.date.fromisoformat(text)
        if ISO_DATE_TIME.fullmatch(text):
            return dt.datetime.fromisoformat(text).date()
    except ValueError:
        if ISO_SHAPE.fullmatch(text):
            raise InvalidValueError("no such day (the month is 01-12 and the day must exist "
                                    "in it); write YYYY-MM-DD") from None
    if compact := COMPACT_ISO.fullmatch(text):
        return _day(*(int(g) for g in compact.groups()))
    if EXCEL_SERIAL.fullmatch(text):
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    return _written(text, order)


def is_minor(date_of_birth: dt.date, on: dt.date) -> bool:
    """Under 18 on ``on``."""
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month,
                                                                  date_of_birth.day))
    return years < 18
