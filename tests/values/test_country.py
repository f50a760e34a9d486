"""Countries by code and by name in the region's languages (values/country.py)."""

from __future__ import annotations

import pytest

from values import InvalidValueError
from values.country import clean_country


@pytest.mark.parametrize("written,code", [
    ("SG", "SG"), ("sgp", "SG"), ("Singapore", "SG"), ("THA", "TH"), ("Thailand", "TH"),
    ("Tailandia", "TH"), ("Tailândia", "TH"), ("Thaïlande", "TH"), ("ไทย", "TH"),
    ("ประเทศไทย", "TH"), ("USA", "US"), ("EE.UU.", "US"), ("Estados Unidos", "US"),
    ("Amerika Serikat", "US"), ("Laos", "LA"), ("ลาว", "LA"), ("Burma", "MM"),
    ("Birmania", "MM"), ("พม่า", "MM"), ("Camboya", "KH"), ("กัมพูชา", "KH"),
    ("Viet Nam", "VN"), ("México", "MX"), ("mexico", "MX"), ("MEX", "MX"),
    ("Guatemala", "GT"), ("El Salvador", "SV"), ("Brasil", "BR"), ("Filipinas", "PH"),
    ("Malasia", "MY"), ("Indonésie", "ID"), ("Reino Unido", "GB"),
])
def test_codes_and_names(written: str, code: str) -> None:
    assert clean_country(written) == code


def test_an_unknown_country_says_what_to_write() -> None:
    with pytest.raises(InvalidValueError, match="ISO 3166-1 code .GT, GTM. or its name"):
        clean_country("Gondor")
