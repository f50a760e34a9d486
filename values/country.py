"""Countries (ISO 3166-1 alpha-2) and currencies (ISO 4217), checked with pycountry."""

from __future__ import annotations

from functools import cache

import pycountry

from values import InvalidValueError


@cache
def clean_country(value: str) -> str:
    """``"gt"`` -> ``"GT"``; a name or alpha-3 code is refused with the code to use."""
    code = value.strip().upper()
    if len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None:
        return code
    hint = ""
    try:
        found = pycountry.countries.lookup(value.strip())
        hint = f" ({found.name} is {found.alpha_2})"
    except LookupError:
        pass
    raise InvalidValueError(f"not an ISO 3166-1 alpha-2 country code{hint}; write e.g. GT, MX, TH")


@cache
def clean_currency(value: str) -> str:
    code = value.strip().upper()
    if len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None:
        return code
    raise InvalidValueError("not an ISO 4217 currency code; write e.g. USD, MXN, THB")
