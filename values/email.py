"""E-mail addresses, lower-cased."""

from __future__ import annotations

import re

from values import InvalidValueError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_email(value: str) -> str:
    address = value.strip().lower()
    if not _EMAIL.match(address):
        raise InvalidValueError("not an e-mail address (expected name@domain.tld)")
    return address
