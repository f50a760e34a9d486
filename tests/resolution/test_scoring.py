"""Scoring and blocking of actor records: pure functions, no database."""

from __future__ import annotations

import random

from graph.resolution.scoring import (
    ActorRecord,
    blocking_keys,
    candidate_pairs,
    name_similarity,
    score_pair,
)


def person(uid: str, name: str, source: str = "gt", **kw: object) -> ActorRecord:
    return ActorRecord(uid=uid, label="Person", source=source, name=name, **kw)  # type: ignore[arg-type]


def agency(uid: str, name: str, source: str = "gt", **kw: object) -> ActorRecord:
    return ActorRecord(uid=uid, label="RecruitmentAgency", source=source, name=name, **kw)  # type: ignore[arg-type]


def test_name_variants_across_sources_match() -> None:
    pairs = [
        ("José Luis García Pérez", "GARCIA PEREZ, JOSE LUIS"),  # accents, order, upper case
        ("María de la Cruz", "Maria Cruz"),  # particles left out
        ("Nguyễn Văn An", "NGUYEN VAN AN"),  # Vietnamese diacritics
        ("Somchai Srisuk", "SRISUK Somchai"),  # surname first
    ]
    for a, b in pairs:
        assert name_similarity(a, b)[0] == 1.0, (a, b)


def test_initials_match_but_weigh_less_than_full_names() -> None:
    sim, how = name_similarity("J. L. García", "José Luis Garcia")
    assert how == "initials"
    assert 0.85 <= sim < 1.0
    assert name_similarity("J. García", "Pedro Garcia")[0] < 0.85


def test_the_reason_says_whether_one_name_contains_the_other_or_they_share_a_word() -> None:
    assert name_similarity("Juan Carlos Pérez", "Juan Pérez")[1] == "one name contains the other"
    # sharing a given name is not containing: the reviewer is told which word is shared
    assert name_similarity("Sophea Seng", "Sophea Ouk")[1] == "shared words: sophea"


def test_company_suffixes_are_ignored() -> None:
    for a, b in [("Empleos del Norte S.A.", "EMPLEOS DEL NORTE SA DE CV"),
                 ("Golden Harvest Co., Ltd.", "Golden Harvest Company Limited"),
                 ("Agrícola Sur, S. de R.L.", "Agricola Sur")]:
        assert name_similarity(a, b, organisation=True)[0] == 1.0, (a, b)


def test_different_people_score_low() -> None:
    assert name_similarity("Juan Pérez", "Rosa Méndez")[0] < 0.6
    assert name_similarity("Empleos del Norte", "Servicios Globales", True)[0] < 0.6


def test_shared_phone_and_same_birth_date_give_a_high_explained_score() -> None:
    phone = frozenset({("Phone", "+50255551234")})
    a = person("gt:1", "José García", date_of_birth="1980-04-12", nationality="GT",
               identifiers=phone)
    b = person("mx:10", "GARCIA, JOSE", "mx", date_of_birth="1980-04-12", nationality="GT",
               identifiers=phone)
    scored = score_pair(a, b)
    assert scored.score == 1.0
    assert scored.strong_shared
    assert "shared phone +50255551234: +0.35" in scored.reason_texts
    assert "same date of birth 1980-04-12: +0.20" in scored.reason_texts
    assert any(r.startswith("name 1.00") for r in scored.reason_texts)


def test_shared_document_and_address_read_with_their_country() -> None:
    shared = frozenset({("Document", "passport|GT|G0700001"),
                        ("Address", "main street 100, bodega 1, immokalee|US")})
    a = person("gt:1", "Ana López", identifiers=shared)
    b = person("mx:1", "Ana Lopez", "mx", identifiers=shared)
    texts = score_pair(a, b).reason_texts
    assert "shared document passport G0700001 (GT): +0.45" in texts
    assert "shared address main street 100, bodega 1, immokalee (US): +0.15" in texts


def test_birth_date_conflict_is_strong_evidence_against() -> None:
    a = person("gt:3", "Juan Pérez", date_of_birth="1990-01-01", nationality="GT")
    b = person("mx:12", "JUAN PEREZ", "mx", date_of_birth="1975-06-30", nationality="MX")
    scored = score_pair(a, b)
    assert scored.score < 0.2
    assert "date of birth differs 1990-01-01 vs 1975-06-30: -0.50" in scored.reason_texts


def test_relatives_of_opposite_gender_drop_below_the_candidate_threshold() -> None:
    """Siblings: one surname, one birthday (twins), one address; only the gender tells."""
    home = frozenset({("Address", "lorong kulit 105|penang|MY")})
    a = person("my:8", "Vilay Keomany", "my", date_of_birth="1995-01-10", gender="female",
               nationality="LA", identifiers=home)
    b = person("th:20", "Noy Keomany", "th", date_of_birth="1995-01-10", gender="male",
               nationality="LA", identifiers=home)
    scored = score_pair(a, b)
    assert "gender differs female vs male: -0.20" in scored.reason_texts
    assert scored.score < 0.65  # the default candidate threshold
    unknown = person("th:21", "Vilay Keomany", "th", date_of_birth="1995-01-10",
                     gender="unknown", identifiers=home)
    assert not any("gender" in r for r in score_pair(a, unknown).reason_texts)


def test_swapped_day_and_month_is_not_a_conflict() -> None:
    a = person("a:1", "Ana Ruiz", date_of_birth="1990-03-04")
    b = person("b:1", "Ana Ruiz", "b", date_of_birth="1990-04-03")
    assert score_pair(a, b).score > 0.6


def test_a_common_name_alone_is_only_a_candidate() -> None:
    a = person("a:1", "Juan Pérez")
    b = person("b:1", "JUAN PEREZ", "b")
    scored = score_pair(a, b)
    assert scored.score == 0.55 and not scored.strong_shared


def test_blocking_keys_bring_initials_and_order_variants_together() -> None:
    assert blocking_keys(person("a", "J. García")) & blocking_keys(person("b", "Juan Garcia"))
    assert blocking_keys(person("a", "Garsia, Juan")) & blocking_keys(person("b", "Juan Garcia"))


def test_blocking_compares_far_fewer_pairs_than_all_against_all() -> None:
    rng = random.Random(4)
    syllables = ["ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "pe", "zu", "ho"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).title()

    records = [person(f"s{i % 3}:{i}", f"{word()} {word()}", f"s{i % 3}") for i in range(3000)]
    pairs, _ = candidate_pairs(records, max_block=200)
    assert len(pairs) < 3000 * 2999 / 2 / 20
    assert all(records[i].source != records[j].source for i, j in pairs)


def test_records_of_one_source_or_of_different_labels_are_never_paired() -> None:
    records = [person("a:1", "Juan Garcia", "a"), person("a:2", "Juan Garcia", "a"),
               agency("b:1", "Juan Garcia", "b")]
    assert candidate_pairs(records)[0] == set()


def test_blocks_larger_than_the_cap_are_dropped_but_finer_keys_still_pair() -> None:
    names = ["Ana", "Bea", "Cruz", "Dora", "Eva"]
    records = [person(f"s{i % 2}:{i}", f"Maria {n} Garcia", f"s{i % 2}")
               for i, n in enumerate(names * 2)]
    pairs, dropped = candidate_pairs(records, max_block=4)
    assert dropped >= 2  # "maria" and "garcia" hold all ten records
    # Each Maria X Garcia still meets her namesake of the other source through finer keys.
    assert {(i, i + 5) for i in range(5)} <= pairs
    assert (0, 1) not in pairs
