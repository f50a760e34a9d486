"""Identity documents: (type, issuing country, number compacted) is the key."""

from __future__ import annotations

from values import InvalidValueError
from values.text import compact


def document_key(doc_type: str, country: str, number: str) -> str:
    return f"{doc_type}|{country}|{number}"


def clean_document_number(value: str) -> str:
    number = compact(value)
    if not number:
        raise InvalidValueError("empty document number")
    return number
