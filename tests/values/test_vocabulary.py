"""Matching the written forms of a list of values (values/vocabulary.py)."""

from __future__ import annotations

import pytest

from values import InvalidValueError
from values.vocabulary import SynonymConflictError, Vocabulary, vocabulary_key


def test_matching_folds_case_accents_spacing_and_punctuation() -> None:
    assert vocabulary_key(" Forced-Labour ") == vocabulary_key("forced_labour") == \
        vocabulary_key("ForcedLabour") == "forcedlabour"
    assert vocabulary_key("Sí") == vocabulary_key("SI")
    assert vocabulary_key("มี.ค.") == "มีค"  # Thai vowel marks stay


def test_a_vocabulary_finds_values_by_their_forms() -> None:
    sexes = Vocabulary.build("gender", ["female", "male"], {"female": ["F", "Mujer"]})
    assert sexes.clean("mujer") == "female"
    assert sexes.clean(" MALE ") == "male"
    assert sexes.find("robot") is None
    with pytest.raises(InvalidValueError, match="not a gender value; expected one of female"):
        sexes.clean("robot")


def test_a_form_of_two_values_or_of_an_unknown_value_is_refused() -> None:
    with pytest.raises(SynonymConflictError, match="'male' is given to both female and male"):
        Vocabulary.build("gender", ["female", "male"], {"female": ["Male"]})
    with pytest.raises(SynonymConflictError, match="unknown values"):
        Vocabulary.build("gender", ["female"], {"femme": ["F"]})
