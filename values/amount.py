"""Amounts as people write them (``1,234.56``, ``1.234,56``, ``USD 1,200``, ``€ 950``,
``5.689852347E7``), and yes/no flags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from values import InvalidValueError
from values.country import clean_currency
from values.vocabulary import Vocabulary

# Signs written before or after an amount. "$" alone is read as US dollars: a source that
# writes pesos as "$" gives its currency in the currency column, which wins over the sign.
CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "U$S": "USD", "USD$": "USD", "€": "EUR", "£": "GBP", "฿": "THB",
    "R$": "BRL", "MX$": "MXN", "Q": "GTQ", "₡": "CRC", "C$": "NIO", "B/.": "PAB", "S/": "PEN",
    "S/.": "PEN", "₱": "PHP", "₫": "VND", "₭": "LAK", "៛": "KHR", "Rp": "IDR", "RM": "MYR",
    "¥": "JPY", "₹": "INR", "₩": "KRW", "Ks": "MMK", "S$": "SGD",
}
_SIGNS = {sign.casefold(): code for sign, code in CURRENCY_SIGNS.items()}
_AMOUNT = re.compile(
    r"(?P<minus>-)?\s*(?P<before>[^\d\s+\-.,][^\d\s]*)?\s*"
    r"(?P<number>[+\-]?[.,]?\d[\d.,'\s\u00a0\u202f]*?(?:[eE][+\-]?\d+)?)"
    r"\s*(?P<after>[^\d\s][^\d]*)?")
_PLAIN = re.compile(r"[+\-]?\d+(?:\.\d+)?")  # 1500.50: most cells, read at once
_SPACES = re.compile(r"[\s'\u00a0\u202f]")


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str | None  # the currency its sign or code names, if written with one


def _currency(text: str) -> str:
    sign = _SIGNS.get(text.strip().casefold())
    if sign:
        return sign
    try:
        return clean_currency(text)
    except InvalidValueError:
        raise InvalidValueError(f"not an amount: {text!r} is not a currency sign or ISO 4217 "
                                "code; write e.g. 1200.50, USD 1,200 or $1,200") from None


def _decimal_text(number: str, decimal_comma: bool) -> str:
    """``1.234,56`` and ``1,234.56`` -> ``1234.56``. With both marks the last one is the
    decimal mark; one mark followed by exactly three digits is a thousands separator unless
    the source writes decimal commas (``1,234`` is 1234, ``1.234`` is 1.234 or 1234)."""
    text = _SPACES.sub("", number)
    mantissa, exponent = re.match(r"(.*?)([eE][+\-]?\d+)?$", text).groups()  # type: ignore[union-attr]
    commas, dots = mantissa.count(","), mantissa.count(".")
    if commas and dots:
        decimal = "," if mantissa.rfind(",") > mantissa.rfind(".") else "."
        group = "." if decimal == "," else ","
        if mantissa.count(decimal) > 1:
            raise InvalidValueError(f"{decimal} is written twice")
        mantissa = mantissa.replace(group, "").replace(decimal, ".")
    elif commas or dots:
        mark = "," if commas else "."
        tail = mantissa.rsplit(mark, 1)[1]
        decimal_mark = "," if decimal_comma else "."
        if (commas + dots) > 1 or (len(tail) == 3 and mark != decimal_mark):
            groups = mantissa.split(mark)
            if any(len(g) != 3 for g in groups[1:]) or not groups[0].lstrip("+-"):
                raise InvalidValueError(f"{number!r}: thousands are grouped by three digits")
            mantissa = mantissa.replace(mark, "")
        else:
            mantissa = mantissa.replace(mark, ".")
    return mantissa + (exponent or "")


def clean_amount(value: str, *, decimal_comma: bool = False) -> Amount:
    """The number an amount cell says, and the currency its sign or code names.

    ``decimal_comma``: the source writes ``1.234`` for one thousand two hundred and thirty-four
    (and ``1,5`` for one and a half, which is read so whatever the setting)."""
    text = value.strip()
    if _PLAIN.fullmatch(text) and not (decimal_comma and "." in text):
        return Amount(float(text), None)
    found = _AMOUNT.fullmatch(text)
    if not found or (found["before"] and found["after"]):
        raise InvalidValueError("not an amount; write e.g. 1200.50, 1,200.50, 1.200,50 or "
                                "USD 1,200")
    written = found["before"] or found["after"]
    currency = _currency(written) if written else None
    try:
        number = Decimal(_decimal_text(found["number"], decimal_comma))
    except InvalidOperation:
        raise InvalidValueError("not an amount; write e.g. 1200.50, 1,200.50 or 1.200,50"
                                ) from None
    if not number.is_finite():
        raise InvalidValueError("not a finite number")
    return Amount(float(-number if found["minus"] else number), currency)


def clean_decimal(value: str, *, decimal_comma: bool = False) -> float:
    """A number without currency (``1,234.5``, ``1.234,5``, ``5.6E7``)."""
    amount = clean_amount(value, decimal_comma=decimal_comma)
    if amount.currency:
        raise InvalidValueError("a number is expected here, without currency")
    return amount.value


def clean_boolean(value: str, forms: Vocabulary) -> bool:
    """``Sí``, ``Não``, ``ใช่``, ``X``, ``0`` ...: the ``boolean`` forms of graph/model.yaml."""
    found = forms.find(value)
    if found is None:
        raise InvalidValueError("not a yes/no value; write e.g. true/false, yes/no, sí/no, "
                                "sim/não, oui/non, ya/tidak, ใช่/ไม่ใช่, 1/0")
    return found == "true"
