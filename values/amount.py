"""Decimal amounts written with ``.``, and yes/no flags."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from values import InvalidValueError

TRUE = frozenset({"true", "yes", "y", "1"})
FALSE = frozenset({"false", "no", "n", "0"})


def clean_decimal(value: str) -> float:
    text = value.strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        hint = "; use . for decimals and no thousands separator" if "," in text else ""
        raise InvalidValueError(f"not a decimal number{hint}") from None
    if not number.is_finite():
        raise InvalidValueError("not a finite number")
    return float(number)


def clean_boolean(value: str) -> bool:
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InvalidValueError("not a yes/no value; write true or false")
