"""Countries (ISO 3166-1 alpha-2 as the stored form) and currencies (ISO 4217), with pycountry.

A country is accepted as its alpha-2 or alpha-3 code, or its name in English, Spanish,
Portuguese, French, Thai or Bahasa Indonesia (pycountry's translations of ISO 3166-1), or one of
the everyday names in ``country_names.yaml`` ("USA", "Laos", "Burma")."""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

import pycountry
import yaml

from values import InvalidValueError
from values.vocabulary import vocabulary_key

# The region's languages whose country names are read (pycountry's locale names).
LANGUAGES = ("es", "pt", "pt_BR", "fr", "th", "id")
EXTRA_NAMES_FILE = Path(__file__).with_name("country_names.yaml")


def country_name(code: str) -> str:
    """The English name of an alpha-2 code (the code itself when it is none)."""
    found = pycountry.countries.get(alpha_2=code)
    return found.name if found else code


@cache
def display_names() -> dict[str, str]:
    """alpha-2 -> English name, of every country (what a chart's lanes are headed with)."""
    return {c.alpha_2: c.name for c in pycountry.countries}


@cache
def country_names() -> dict[str, str]:
    """Every name a country is written by, as ``vocabulary_key`` -> alpha-2. A name that two
    countries share in some language is left out, unless the extra names give it."""
    found: dict[str, set[str]] = {}
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
                    for lang in LANGUAGES]
    for country in pycountry.countries:
        names = {str(name) for attr in ("name", "official_name", "common_name")
                 if (name := getattr(country, attr, None))}
        for name in list(names):
            names.update(t.gettext(name) for t in translations)
        for name in names:
            found.setdefault(vocabulary_key(str(name)), set()).add(country.alpha_2)
    names_by_key = {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}
    extra = yaml.safe_load(EXTRA_NAMES_FILE.read_text(encoding="utf-8"))
    for code, names in extra.items():
        if pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"{EXTRA_NAMES_FILE.name}: {code} is not an ISO 3166-1 alpha-2 code")
        for name in names:
            names_by_key[vocabulary_key(str(name))] = code
    return names_by_key


@cache
def clean_country(value: str) -> str:
    """``"gt"``, ``"GTM"``, ``"Guatemala"``, ``"Tailandia"``, ``"ไทย"`` -> the alpha-2 code."""
    text = value.strip()
    code = text.upper()
    if len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None:
        return code
    if len(code) == 3 and (found := pycountry.countries.get(alpha_3=code)) is not None:
        return str(found.alpha_2)
    named = country_names().get(vocabulary_key(text))
    if named:
        return named
    raise InvalidValueError("not a country: write its ISO 3166-1 code (GT, GTM) or its name "
                            "(Guatemala, Tailandia, ประเทศไทย)")


@cache
def clean_currency(value: str) -> str:
    code = value.strip().upper()
    if len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None:
        return code
    raise InvalidValueError("not an ISO 4217 currency code; write e.g. USD, MXN, THB")
