"""How alike two actor records are, with the reasons: pure functions, no database.

A score is a sum of weighted pieces of evidence, clipped to [0, 1]; each piece is a ``Reason``
(text and weight) so that an investigator sees why two records were proposed as the same
actor. Names are compared after folding (case, accents, punctuation), ignoring word order,
expanding initials and dropping company suffixes; a conflicting date of birth weighs strongly
against, a shared phone, e-mail, passport or account strongly for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from graph.model import readable_key
from values.text import fold_name

# Identifier kinds whose sharing is strong evidence of the same actor (auto-confirmation needs
# one of them), and the weight each shared identifier adds.
STRONG_IDENTIFIERS: dict[str, float] = {
    "Document": 0.45,
    "Phone": 0.35,
    "Account": 0.35,
    "Email": 0.30,
    "license_number": 0.35,
    "registration_number": 0.35,
}
WEAK_IDENTIFIERS: dict[str, float] = {"Address": 0.15}
IDENTIFIER_WEIGHTS = {**STRONG_IDENTIFIERS, **WEAK_IDENTIFIERS}

NAME_WEIGHT = 0.55  # a perfect name match alone
NAME_FLOOR = 0.6  # below this similarity the name adds nothing
DOB_MATCH = 0.20
DOB_SWAPPED = 0.10  # day and month swapped: a common clerical variant
DOB_CONFLICT = -0.50
NATIONALITY_MATCH = 0.05
NATIONALITY_CONFLICT = -0.10
COUNTRY_MATCH = 0.05
GENDER_CONFLICT = -0.20  # female vs male: relatives sharing a surname, birthday and address
DEFINITE_GENDERS = frozenset({"female", "male"})  # "other" and "unknown" say nothing
INITIAL_PENALTY = 0.9  # a name matched through initials is weaker evidence

# Words dropped from the end of organisation names: legal forms in the languages of the
# corridors (S.A., S.A. de C.V., S. de R.L., Ltd, Co., Inc., GmbH, Sdn Bhd, Co., Ltd., ...).
COMPANY_SUFFIX_WORDS = frozenset((
    "s", "a", "sa", "de", "cv", "c", "v", "rl", "r", "l", "srl", "sas", "sac", "saa", "ltd",
    "ltda", "limited", "co", "company", "inc", "incorporated", "llc", "gmbh", "ag", "bv", "nv",
    "plc", "pte", "pty", "corp", "corporation", "cia", "y", "and", "sdn", "bhd", "tbk", "pt",
    "jsc", "ooo", "llp", "lp",
))
# Particles of personal names that are often left out (María de la Cruz ~ María Cruz).
NAME_PARTICLES = frozenset((
    "de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von", "der", "den",
    "bin", "binti", "al", "el",
))


@dataclass(frozen=True)
class ActorRecord:
    """What resolution knows of one actor record (read from the graph, or built in tests).

    ``identifiers`` holds ``(kind, key)`` pairs: kind is the identifier label (Phone, Email,
    Document, Account, Address) or a registration property (license_number,
    registration_number); key is its normalised value."""

    uid: str
    label: str
    source: str
    name: str
    aliases: tuple[str, ...] = ()
    date_of_birth: str | None = None
    nationality: str | None = None
    country: str | None = None
    identifiers: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    gender: str | None = None

    @property
    def is_organisation(self) -> bool:
        return self.label != "Person"


@dataclass(frozen=True)
class Reason:
    text: str
    weight: float

    def __str__(self) -> str:
        return f"{self.text}: {self.weight:+.2f}"


@dataclass(frozen=True)
class PairScore:
    score: float
    reasons: tuple[Reason, ...]
    strong_shared: bool  # at least one strong identifier in common

    @property
    def reason_texts(self) -> list[str]:
        return [str(r) for r in self.reasons]


@lru_cache(maxsize=200_000)
def name_tokens(name: str, organisation: bool) -> tuple[str, ...]:
    """Folded words of a name, without company suffixes (organisations) or particles.
    Cached: a record's name is compared with every record of its blocks."""
    tokens = fold_name(name).replace("&", " ").split()
    if organisation:
        while len(tokens) > 1 and tokens[-1] in COMPANY_SUFFIX_WORDS:
            tokens.pop()
        return tuple(tokens)
    kept = [t for t in tokens if t not in NAME_PARTICLES]
    return tuple(kept or tokens)


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """Metaphone of a folded word (Garcia ~ Garsia, Gonzalez ~ Gonsales)."""
    return jellyfish.metaphone(token) or token


def _expand_initials(short: tuple[str, ...], full: tuple[str, ...]) -> list[str] | None:
    """``short`` with each single-letter word replaced by an unused word of ``full`` that
    starts with it; None when ``short`` has no initials or an initial finds no word."""
    if not any(len(t) == 1 for t in short):
        return None
    unused = [t for t in full if t not in short]
    expanded = []
    for token in short:
        if len(token) == 1:
            match = next((t for t in unused if t.startswith(token)), None)
            if match is None:
                return None
            unused.remove(match)
            expanded.append(match)
        else:
            expanded.append(token)
    return expanded


def name_similarity(a: str, b: str, organisation: bool = False) -> tuple[float, str]:
    """Similarity of two names in [0, 1] and how it was reached (for the reason text)."""
    ta, tb = name_tokens(a, organisation), name_tokens(b, organisation)
    if not ta or not tb:
        return 0.0, "empty name"
    sa, sb = " ".join(ta), " ".join(tb)
    if sorted(ta) == sorted(tb):
        return 1.0, "same words" if ta == tb else "same words, other order"
    best = fuzz.token_sort_ratio(sa, sb) / 100
    how = "similar spelling"
    subset = fuzz.token_set_ratio(sa, sb) / 100 * 0.9
    if subset > best and min(len(ta), len(tb)) >= 2:
        set_a, set_b = set(ta), set(tb)
        best = subset
        how = ("one name contains the other" if set_a <= set_b or set_b <= set_a
               else f"shared words: {' '.join(w for w in ta if w in set_b)}")
    for short, full in ((ta, tb), (tb, ta)):
        expanded = _expand_initials(short, full)
        if expanded is not None:
            ratio = fuzz.token_sort_ratio(" ".join(expanded), " ".join(full)) / 100
            if ratio * INITIAL_PENALTY > best:
                best, how = ratio * INITIAL_PENALTY, "initials"
    pa = sorted(phonetic_key(t) for t in ta)
    pb = sorted(phonetic_key(t) for t in tb)
    if pa == pb and best < 0.9:
        best, how = 0.9, "sounds the same"
    return round(best, 3), how


def _dob_reason(a: str | None, b: str | None) -> Reason | None:
    if not a or not b:
        return None
    if a == b:
        return Reason(f"same date of birth {a}", DOB_MATCH)
    ya, ma, da = a[:4], a[5:7], a[8:10]
    yb, mb, db = b[:4], b[5:7], b[8:10]
    if ya == yb and ma == db and da == mb:
        return Reason(f"date of birth {a} vs {b} (day and month swapped)", DOB_SWAPPED)
    return Reason(f"date of birth differs {a} vs {b}", DOB_CONFLICT)


def score_pair(a: ActorRecord, b: ActorRecord) -> PairScore:
    """The evidence that ``a`` and ``b`` are the same actor, with one reason per piece."""
    reasons: list[Reason] = []
    organisation = a.is_organisation
    names_a = (a.name, *a.aliases)
    names_b = (b.name, *b.aliases)
    sim, how, pair = 0.0, "", (a.name, b.name)
    for na in names_a:
        for nb in names_b:
            s, h = name_similarity(na, nb, organisation)
            if s > sim:
                sim, how, pair = s, h, (na, nb)
    if sim >= NAME_FLOOR:
        reasons.append(Reason(f"name {sim:.2f} ({how}: '{pair[0]}' ~ '{pair[1]}')",
                              round(NAME_WEIGHT * sim, 3)))
    dob = _dob_reason(a.date_of_birth, b.date_of_birth)
    if dob:
        reasons.append(dob)
    if a.nationality and b.nationality:
        if a.nationality == b.nationality:
            reasons.append(Reason(f"same nationality {a.nationality}", NATIONALITY_MATCH))
        else:
            reasons.append(Reason(f"nationality differs {a.nationality} vs {b.nationality}",
                                  NATIONALITY_CONFLICT))
    if a.country and a.country == b.country:
        reasons.append(Reason(f"same country {a.country}", COUNTRY_MATCH))
    if {a.gender, b.gender} == DEFINITE_GENDERS:
        reasons.append(Reason(f"gender differs {a.gender} vs {b.gender}", GENDER_CONFLICT))
    strong = False
    for kind, key in sorted(a.identifiers & b.identifiers):
        weight = IDENTIFIER_WEIGHTS.get(kind)
        if weight is None:
            continue
        strong = strong or kind in STRONG_IDENTIFIERS
        reasons.append(Reason(f"shared {_kind_text(kind)} {readable_key(key)}", weight))
    total = max(0.0, min(1.0, sum(r.weight for r in reasons)))
    return PairScore(round(total, 3), tuple(reasons), strong)


def _kind_text(kind: str) -> str:
    return kind.replace("_", " ") if "_" in kind else kind.lower()


INITIALS_KEY = "i:"


def blocking_keys(record: ActorRecord, max_tokens: int = 6) -> set[str]:
    """Keys under which ``record`` is filed: records are compared only within a key, so the
    cost grows with block sizes, not with the square of all records.

    - ``w:`` the metaphone keys of two words of a name (or alias), in any order
      (``JS|KRX``: José García, GARCIA JOSE, Jose Garsia López); a one-word name, its key;
    - ``i:`` initial of one word + metaphone of another (``J. García`` ~ ``Juan García``):
      records meet there only when one of them writes initials (``has_initials``);
    - ``x:`` each identifier (phone, e-mail, document, account, address, registration)."""
    keys: set[str] = set()
    for name in (record.name, *record.aliases):
        tokens = name_tokens(name, record.is_organisation)[:max_tokens]
        words = sorted({phonetic_key(t) for t in tokens if len(t) > 1})
        if len(words) == 1:
            keys.add(f"w:{words[0]}")
        keys.update(f"w:{a}|{b}" for i, a in enumerate(words) for b in words[i + 1:])
        for first in tokens:
            for other in tokens:
                if other != first and len(other) > 1:
                    keys.add(f"{INITIALS_KEY}{first[0]}|{phonetic_key(other)}")
    keys.update(f"x:{kind}|{key}" for kind, key in record.identifiers)
    return keys


def has_initials(record: ActorRecord) -> bool:
    """Whether a name or alias of ``record`` abbreviates a word to its initial."""
    return any(len(t) == 1 for name in (record.name, *record.aliases)
               for t in name_tokens(name, record.is_organisation))


def candidate_pairs(
    records: Iterable[ActorRecord], max_block: int = 200
) -> tuple[set[tuple[int, int]], int]:
    """Index pairs (i < j) of records of the same label and different sources that share a
    blocking key, and the number of blocks dropped because they held more than ``max_block``
    records (a surname shared by thousands, a hub phone)."""
    items = list(records)
    initials = [has_initials(r) for r in items]
    blocks: dict[str, list[int]] = {}
    for index, record in enumerate(items):
        for key in blocking_keys(record):
            blocks.setdefault(f"{record.label}/{key}", []).append(index)
    pairs: set[tuple[int, int]] = set()
    dropped = 0
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            dropped += 1
            continue
        by_initials = key.split("/", 1)[1].startswith(INITIALS_KEY)
        for pos, i in enumerate(members):
            source_i = items[i].source
            for j in members[pos + 1:]:
                if items[j].source == source_i:
                    continue
                if by_initials and not (initials[i] or initials[j]):
                    continue
                pairs.add((i, j) if i < j else (j, i))
    return pairs, dropped
