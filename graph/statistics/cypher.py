"""The Cypher of the statistics, in one place: the victim records, the filter, the access rule
as the figures apply it, and one aggregation per figure.

Victims are counted from ``VICTIM_RECORDS``: a ``CALL { ... }`` whose branches each return one
row per victim record with the same columns (``v``, ``jurisdiction``, ``on``, ``sector``,
``source``, ``gender``, ``age_band``, ``citizenship``, ``exploited_in``, ``shown``): a person
INVOLVED_IN a case as victim, and an anonymous CTDC row (``VictimRecord``, ``crosslink import
ctdc``), whose country of exploitation stands for the jurisdiction, its year of registration
for the date, any of its sectors for the sector filter and its ``ageBroad`` band (``09--17``)
for the same band of ours (``9-17``). Every victim figure and filter counts both; a
VictimRecord has no travel legs or agencies, so the corridors and the unlicensed-agency figure
have nothing of it to count.

A figure counts what the viewer may see (``shown``: the case rule, TLP:RED of other
authorities left out); the summary counts the same filter without the rule, so the figures can
say how much was left out.
"""

from __future__ import annotations

from graph.access import actor_visible, case_visible, node_visible, red_ok
from graph.model import MODEL

CASE = MODEL.label("Case").name
PERSON = MODEL.label("Person").name
AGENCY = MODEL.label("RecruitmentAgency").name
EMPLOYER = MODEL.label("Employer").name
TRAVEL_LEG = MODEL.label("TravelLeg").name
LOCATION = MODEL.label("Location").name
VICTIM_RECORD = MODEL.label("VictimRecord").name
INVOLVED_IN, RECRUITED_BY, EMPLOYED_BY, TRAVELLED, FROM, TO, VIA = MODEL.check_rel_types(
    ["INVOLVED_IN", "RECRUITED_BY", "EMPLOYED_BY", "TRAVELLED", "FROM", "TO", "VIA"])
VICTIM = "victim"
if VICTIM not in MODEL.enums["role"]:
    raise RuntimeError("graph/model.yaml: the role enum must name victim")
UNKNOWN = "unknown"

# Age bands of CTDC's ageBroad (years at the case's opening), so that its records and ours
# fall in the same bands: (label, lowest age, highest age or None).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-8", 0, 8), ("9-17", 9, 17), ("18-20", 18, 20), ("21-23", 21, 23), ("24-26", 24, 26),
    ("27-29", 27, 29), ("30-38", 30, 38), ("39-47", 39, 47), ("48+", 48, None))


def age_band(born: str, on: str) -> str:
    """A Cypher expression: the band of the age on date ``on`` of someone born ``born``."""
    age = f"duration.between({born}, coalesce({on}, date())).years"
    whens = " ".join(f"WHEN {age} <= {high} THEN '{label}'" for label, _, high in AGE_BANDS
                     if high is not None)
    return (f"CASE WHEN {born} IS NULL THEN null {whens} ELSE '{AGE_BANDS[-1][0]}' END")


def case_shown(var: str) -> str:
    """The case rule as the statistics apply it: analysts see every case but another
    authority's TLP:RED ones, others their authority's and their teams' cases."""
    return f"({red_ok(var)} AND ($acc_all OR {case_visible(var)}))"


def matches(jurisdiction: str, on: str, sector: str, source: str) -> str:
    """The filter (countries = jurisdictions, period, sector, sources of one kind) on the
    columns of a case or a victim record."""
    return (f"(size($countries) = 0 OR {jurisdiction} IN $countries)"
            f" AND ($since IS NULL OR {on} >= $since)"
            f" AND ($until IS NULL OR {on} <= $until)"
            f" AND ($sector IS NULL OR {sector} = $sector)"
            f" AND ($sources IS NULL OR {source} IN $sources)")


VICTIM_RECORDS = f"""
CALL {{
  MATCH (v:{PERSON})-[r:{INVOLVED_IN}]->(c:{CASE}) WHERE r.role = '{VICTIM}'
  RETURN v, c.jurisdiction AS jurisdiction, c.opened_on AS on, c.sector AS sector,
         c.source AS source, v.gender AS gender, v.nationality AS citizenship,
         {age_band('v.date_of_birth', 'c.opened_on')} AS age_band,
         coalesce(COLLECT {{ MATCH (v)-[:{EMPLOYED_BY}]->(e:{EMPLOYER})
                             WHERE e.country IS NOT NULL RETURN e.country LIMIT 1 }}[0],
                  c.jurisdiction) AS exploited_in,
         ({red_ok('r')} AND {red_ok('v')} AND {case_shown('c')}) AS shown
  UNION ALL
  MATCH (v:{VICTIM_RECORD})
  WITH v, replace(v.age_band, '--', '-') AS band
  RETURN v, v.country_of_exploitation AS jurisdiction,
         CASE WHEN v.year_of_registration IS NULL THEN null
              ELSE date({{year: v.year_of_registration}}) END AS on,
         CASE WHEN $sector IN coalesce(v.sectors, []) THEN $sector
              ELSE head(v.sectors) END AS sector,
         v.source AS source, v.gender AS gender,
         v.citizenship AS citizenship,
         CASE WHEN band =~ '0[0-9].*' THEN substring(band, 1) ELSE band END AS age_band,
         v.country_of_exploitation AS exploited_in, {node_visible('v')} AS shown
}}
WITH * WHERE {matches('jurisdiction', 'on', 'sector', 'source')}
  AND ($citizenship IS NULL OR citizenship = $citizenship)
  AND ($exploited_in IS NULL OR exploited_in = $exploited_in)
"""

# the columns of a victim record that the victim figures break down by
VICTIM_FIGURES = {"gender": "gender", "age_band": "age_band", "citizenship": "citizenship",
                  "exploitation_country": "exploited_in"}


def victims_by(column: str) -> str:
    if column not in VICTIM_FIGURES.values():
        raise ValueError(f"not a victim record column: {column}")
    return f"""{VICTIM_RECORDS}
  AND shown
WITH v, {column} AS key
RETURN coalesce(toString(key), '{UNKNOWN}') AS key, count(DISTINCT v) AS count
ORDER BY count DESC, key
"""


VICTIMS_LEFT_OUT = f"""{VICTIM_RECORDS}
RETURN count(DISTINCT v) AS total, count(DISTINCT CASE WHEN shown THEN v END) AS shown
"""

CASE_MATCH = f"""
MATCH (c:{CASE}) WHERE {matches('c.jurisdiction', 'c.opened_on', 'c.sector', 'c.source')}
"""
# case figure -> the expression (a list for indicators) it breaks down by
CASE_FIGURES = {"year": "c.opened_on.year", "sector": "c.sector",
                "exploitation_type": "c.exploitation_type",
                "indicator": "coalesce(c.indicators, [])"}


def cases_by(figure: str) -> str:
    expression = CASE_FIGURES[figure]
    key = (f"UNWIND {expression} AS key" if figure == "indicator"
           else f"WITH c, {expression} AS key")
    return f"""{CASE_MATCH}  AND {case_shown('c')}
{key}
RETURN coalesce(toString(key), '{UNKNOWN}') AS key, count(DISTINCT c) AS count
ORDER BY {'key' if figure == 'year' else 'count DESC, key'}
"""


CASES_LEFT_OUT = f"""{CASE_MATCH}
RETURN count(c) AS total, count(CASE WHEN {case_shown('c')} THEN c END) AS shown
"""

MATCHING_CASE_UIDS = f"""{CASE_MATCH}  AND {case_shown('c')}
RETURN c.uid AS uid
"""


def _leg_ok(leg: str, place: str) -> str:
    return f"{place}.country IS NOT NULL AND {red_ok(leg)} AND {red_ok(place)}"


# Origin: where the victim was recruited (placements), else where the first travel leg left
# from. Destination: the employer's country, else where the last leg arrived. Transit: the
# other countries the legs touched (VIA, and ends between the first and the last).
CORRIDORS = f"""{VICTIM_RECORDS}
  AND shown
WITH DISTINCT v
WITH v,
  COLLECT {{ MATCH (v)-[r:{RECRUITED_BY}]->(:{AGENCY}) WHERE r.country IS NOT NULL
             AND {red_ok('r')} RETURN r.country AS x ORDER BY r.on LIMIT 1 }} AS recruited,
  COLLECT {{ MATCH (v)-[e:{EMPLOYED_BY}]->(w:{EMPLOYER}) WHERE w.country IS NOT NULL
             AND {red_ok('e')} AND {red_ok('w')}
             RETURN w.country AS x ORDER BY e.`from` DESC LIMIT 1 }} AS employed,
  COLLECT {{ MATCH (v)-[:{TRAVELLED}]->(t:{TRAVEL_LEG})-[:{FROM}]->(l:{LOCATION})
             WHERE {_leg_ok('t', 'l')} RETURN l.country AS x ORDER BY t.departed_on LIMIT 1 }}
    AS departed,
  COLLECT {{ MATCH (v)-[:{TRAVELLED}]->(t:{TRAVEL_LEG})-[:{TO}]->(l:{LOCATION})
             WHERE {_leg_ok('t', 'l')}
             RETURN l.country AS x ORDER BY t.departed_on DESC LIMIT 1 }} AS arrived,
  COLLECT {{ MATCH (v)-[:{TRAVELLED}]->(t:{TRAVEL_LEG})-[:{FROM}|{VIA}|{TO}]->(l:{LOCATION})
             WHERE {_leg_ok('t', 'l')} RETURN DISTINCT l.country AS x ORDER BY x }} AS touched
WITH v, coalesce(recruited[0], departed[0]) AS origin,
     coalesce(employed[0], arrived[0]) AS destination, touched
WHERE origin IS NOT NULL AND destination IS NOT NULL
WITH v, origin, destination, [x IN touched WHERE x <> origin AND x <> destination] AS transit
RETURN origin, transit, destination, count(v) AS victims
ORDER BY victims DESC, origin, destination, transit
"""

_REASON = """CASE WHEN a.license_status IN $bad_licences THEN 'licence ' + a.license_status
       WHEN a.license_country IS NULL THEN 'no licence country on record'
       WHEN country <> a.license_country THEN 'recruits outside its licence country' END"""

_UNLICENSED = f"""{VICTIM_RECORDS}
  AND shown
WITH DISTINCT v
MATCH (v)-[r:{RECRUITED_BY}]->(a:{AGENCY}) WHERE {red_ok('r')} AND {actor_visible('a')}
WITH v, a, coalesce(r.country, a.license_country, '{UNKNOWN}') AS country
WITH v, a, country, {_REASON} AS reason
WHERE reason IS NOT NULL
"""

# Agencies without a valid licence, by the country where they recruited the victims counted.
UNLICENSED_AGENCIES = f"""{_UNLICENSED}
RETURN country, count(DISTINCT a) AS agencies, count(DISTINCT v) AS victims,
       collect(DISTINCT reason) AS reasons
ORDER BY agencies DESC, country
"""

# The same agencies one by one, where they recruited in ``$country``: the agencies to watch.
AGENCIES_TO_WATCH = f"""{_UNLICENSED}
  AND country = $country
RETURN a.uid AS uid, a.name AS name, a.license_status AS license_status,
       a.license_country AS license_country, count(DISTINCT v) AS victims,
       collect(DISTINCT reason) AS reasons
ORDER BY victims DESC, uid
"""

SOURCES_OF_KIND = """
MATCH (s:Source) WHERE s.kind = $kind RETURN s.id AS id
"""

AUTHORITIES_OF_COUNTRY = """
MATCH (a:Authority) WHERE a.country = $country
RETURN a.id AS id, a.name AS name, a.country AS country, a.kind AS kind
ORDER BY a.kind, a.id
"""

ALL_SOURCES = """
MATCH (s:Source) RETURN s.id AS id
"""

# Where to draw a country on the corridor map: the mean of its located places.
COUNTRY_POINTS = f"""
UNWIND $countries AS code
MATCH (l:{LOCATION}) WHERE l.country = code AND l.lat IS NOT NULL AND l.lon IS NOT NULL
RETURN code AS country, avg(l.lat) AS lat, avg(l.lon) AS lon
"""
