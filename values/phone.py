"""Phone numbers to E.164 with phonenumbers."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from values import InvalidValueError


class NoCountryError(InvalidValueError):
    """A number written without its country code, and no country was given to assume."""


@lru_cache(maxsize=65536)  # the same numbers recur across rows and files
def clean_phone(value: str, region: str | None) -> tuple[str, str | None]:
    """(E.164, country of the number). A number without ``+`` needs ``region``.

    Numbers are checked for a possible length, not against allocated ranges, so that a
    real number from a newly opened range is never dropped."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            raise NoCountryError(
                "phone number without country code and no country to assume: write it with +"
            ) from None
        raise InvalidValueError(f"not a phone number ({exc._msg})") from None
    if not phonenumbers.is_possible_number(number):
        where = f" in {region}" if region else ""
        raise InvalidValueError(f"not a possible phone number{where}")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, phonenumbers.region_code_for_number(number)
