// title: Recruitment agencies with victims in several countries
// description: Agencies whose recruits are victims in cases of N or more jurisdictions, or
//   that are parties to cases with victims in N or more jurisdictions: one recruiter feeding
//   exploitation in several countries is the mark of a cross-border network.
// targets: indicator deception; paper trail: recruitment (placements)
// param: min_countries int 3 "Minimum number of case jurisdictions"
// returns: agency_uid, agency_name, countries, victims, cases
MATCH (a:RecruitmentAgency)
CALL (a) {
  MATCH p = (v:Person)-[:RECRUITED_BY]->(a), q = (v)-[:INVOLVED_IN {role: 'victim'}]->(c:Case)
  RETURN v, c, [p, q] AS paths
  UNION
  MATCH p = (a)-[:INVOLVED_IN]->(c:Case)<-[:INVOLVED_IN {role: 'victim'}]-(v:Person)
  RETURN v, c, [p] AS paths
}
WITH a, collect(DISTINCT c.jurisdiction) AS countries, collect(DISTINCT v.uid) AS victims,
     collect(DISTINCT c.uid) AS cases, collect(paths) AS evidence
WHERE size(countries) >= $min_countries
RETURN a.uid AS agency_uid, a.name AS agency_name, countries, size(victims) AS victims, cases,
       evidence
ORDER BY size(countries) DESC, victims DESC, agency_uid
