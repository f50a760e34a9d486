"""Account numbers: IBANs checked by checksum, other numbers compacted."""

from __future__ import annotations

import re
from functools import cache

from stdnum import iban, numdb
from stdnum.exceptions import ValidationError

from values import InvalidValueError
from values.text import compact

_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$")


@cache
def uses_iban(country: str) -> bool:
    """Whether ``country`` is in the IBAN registry (python-stdnum's copy of it)."""
    return bool(numdb.get("iban").info(country.upper() + "00")[0][1])


def clean_account(value: str) -> str:
    """The key of an Account: ``"gt82 traj 0102 ..."`` -> ``"GT82TRAJ0102..."``.

    A number shaped like an IBAN of a country that uses IBANs must pass the checksum; any
    other number is only compacted (no spaces, dashes, dots, slashes; upper-case)."""
    number = compact(value)
    if not number:
        raise InvalidValueError("empty account number")
    if _IBAN_SHAPE.match(number) and uses_iban(number[:2]):
        try:
            iban.validate(number)
        except ValidationError as exc:
            # stdnum's subclasses (InvalidChecksum, InvalidFormat, ...) carry a class-level
            # ``message``; the base class declares none
            reason = str(getattr(exc, "message", None) or exc)
            raise InvalidValueError(f"invalid IBAN ({reason.rstrip('.')}): check the number") \
                from None
    return number
