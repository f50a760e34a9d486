// title: Agencies recruiting where they are not licensed
// description: Recruitment in a country other than the agency's licence country, or by an
//   agency whose licence is unlicensed, suspended or revoked (graph/model.yaml bad_licences). Unlicensed recruitment is how
//   deceptive offers escape the labour inspectorate of the country of origin.
// targets: indicator deception; paper trail: recruitment (placements), licences
// param: min_recruits int 1 "Minimum number of persons recruited there"
// param: bad_licences list<string> @model.bad_licences "Licence statuses that do not allow recruiting"
// returns: agency_uid, agency_name, license_country, license_status, recruited_in, recruits
MATCH p = (v:Person)-[r:RECRUITED_BY]->(a:RecruitmentAgency)
WHERE r.country IS NOT NULL
  AND (a.license_status IN $bad_licences
       OR a.license_country IS NULL OR r.country <> a.license_country)
WITH a, r.country AS recruited_in, collect(DISTINCT v.uid) AS recruits, collect(p) AS evidence
WHERE size(recruits) >= $min_recruits
RETURN a.uid AS agency_uid, a.name AS agency_name, a.license_country AS license_country,
       a.license_status AS license_status, recruited_in, recruits, evidence
ORDER BY size(recruits) DESC, agency_uid, recruited_in
