// title: Travel arrangers for victims of cases in different jurisdictions
// description: Persons who arranged travel legs for victims of cases in N or more
//   jurisdictions: a transport facilitator serving a network across borders.
// targets: indicator restriction_of_movement; paper trail: transportation
// param: min_jurisdictions int 2 "Minimum number of case jurisdictions"
// returns: arranger_uid, arranger_name, jurisdictions, victims, cases, legs
MATCH p = (ar:Person)-[:ARRANGED]->(l:TravelLeg)<-[:TRAVELLED]-(v:Person)
          -[:INVOLVED_IN {role: 'victim'}]->(c:Case)
WHERE ar <> v
WITH ar, collect(DISTINCT c.jurisdiction) AS jurisdictions, collect(DISTINCT v.uid) AS victims,
     collect(DISTINCT c.uid) AS cases, collect(DISTINCT l.uid) AS legs, collect(p) AS evidence
WHERE size(jurisdictions) >= $min_jurisdictions
RETURN ar.uid AS arranger_uid, ar.full_name AS arranger_name, jurisdictions, victims, cases,
       legs, evidence
ORDER BY size(jurisdictions) DESC, size(victims) DESC, arranger_uid
