"""How different sources write the same person, company, phone or account: the spelling and
format variants that entity resolution and normalisation must see through."""

from __future__ import annotations

import unicodedata

import phonenumbers
from stdnum import iban

from ingest.demo.world import COMPANY_SUFFIX, IBAN_BANK_CODES


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def person_variant(given: str, surnames: str, variant: int) -> str:
    """0 as written; 1 ``SURNAMES, GIVEN`` upper case without accents; 2 initial of the
    second given name, no accents; 3 ``Surnames, Given``; 4 no accents."""
    forms = (
        f"{given} {surnames}",
        strip_accents(f"{surnames}, {given}").upper(),
        strip_accents(" ".join(given.split()[:1] + [g[0] + "." for g in given.split()[1:]]
                               + [surnames])),
        f"{surnames}, {given}",
        strip_accents(f"{given} {surnames}"),
    )
    return forms[variant % len(forms)]


def company_variant(stem: str, country: str, variant: int) -> str:
    """Legal suffixes written in full, abbreviated, without dots or in upper case."""
    suffix = COMPANY_SUFFIX[country]
    if "Ltd" in suffix:
        forms = (f"{stem} {suffix}", f"{stem} Company Limited", f"{stem.upper()} CO LTD",
                 f"{stem} Co Ltd")
    elif suffix.startswith("S."):
        bare = suffix.replace(".", "")
        forms = (f"{stem}, {suffix}", f"{stem.upper()} {bare}", f"{strip_accents(stem)} {suffix}",
                 f"{stem} {bare}")
    else:
        forms = (f"{stem} {suffix}", f"{stem.upper()} {suffix.replace('.', '').upper()}",
                 f"{stem}, {suffix}", stem)
    return forms[variant % len(forms)]


def phone_variant(e164: str, region: str, variant: int) -> str:
    """The number as someone in ``region`` writes it: international, dialled from
    ``region`` (00 / 001 / 011 prefixes), or national when the number is local."""
    number = phonenumbers.parse(e164)
    local = phonenumbers.region_code_for_number(number) == region
    forms = [phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)]
    if local:
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        forms += [national, national.replace(" ", "-")]
    else:
        dialled = phonenumbers.format_out_of_country_calling_number(number, region)
        forms += [dialled.replace(" ", ""), dialled]
    return forms[variant % len(forms)]


def make_iban(country: str, serial: int, bank: int = 0) -> str:
    """A valid IBAN of an IBAN country (GT, HN, SV): check digits computed, BBAN shaped."""
    code = IBAN_BANK_CODES[country][bank % len(IBAN_BANK_CODES[country])]
    bban = code + f"{serial:020d}"
    check = iban.calc_check_digits(country + "00" + bban)
    return country + check + bban


def spaced(number: str) -> str:
    """An IBAN as printed: groups of four."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def clabe(serial: int) -> str:
    """An 18-digit Mexican CLABE with its check digit (weights 3, 7, 1)."""
    body = f"012180{serial:011d}"
    total = sum((int(d) * (3, 7, 1)[i % 3]) % 10 for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


# The leading digit of the domestic bank codes of countries without IBAN (demo only).
DOMESTIC_BANK_PREFIX = {"MM": "1", "LA": "2", "MY": "5"}


def account_number(country: str, serial: int, bank: int = 0) -> str:
    """An account number as the bank prints it; IBAN where the country uses IBANs."""
    if country in IBAN_BANK_CODES:
        return make_iban(country, serial, bank)
    if country == "MX":
        return clabe(serial)
    digits = f"{serial:010d}"
    if country == "TH":
        return f"{digits[:3]}-{digits[3]}-{digits[4:9]}-{digits[9]}"
    if country == "KH":
        return f"0001-{digits[:2]}-{digits[2:8]}-{digits[8]}-{digits[9]}"
    if country == "US":
        return f"026009593-{serial:012d}"
    # Elsewhere a bank code of the country's own, so that no two countries print one number.
    return f"{DOMESTIC_BANK_PREFIX.get(country, '9')}{bank + 1:02d}{digits}"


# country -> (calling code, leading digits of a mobile number, digits after them)
MOBILE_PLAN = {"GT": ("502", "4", 7), "HN": ("504", "9", 7), "SV": ("503", "7", 7),
               "MX": ("52", "55", 8), "US": ("1", "2392", 6), "KH": ("855", "12", 6),
               "MM": ("95", "9", 9), "LA": ("856", "20", 8), "TH": ("66", "8", 8),
               "MY": ("60", "12", 7)}


def mobile_e164(country: str, serial: int) -> str:
    """A possible mobile number of ``country``, distinct for each ``serial``."""
    code, lead, digits = MOBILE_PLAN[country]
    return f"+{code}{lead}{serial % 10 ** digits:0{digits}d}"


def international(e164: str) -> str:
    """``+50240001234`` -> ``+502 40001234``: how most files write foreign numbers."""
    code = next(c for c, _, _ in MOBILE_PLAN.values() if e164[1:].startswith(c))
    return f"+{code} {e164[1 + len(code):]}"
