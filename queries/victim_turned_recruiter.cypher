// title: Victims who became recruiters or suspects
// description: Persons who are victims in one case and recruiters, suspects or facilitators
//   in another, as the same record or through a confirmed SAME_AS record of another source:
//   the victim-offender overlap that recruitment networks rely on.
// targets: indicator abuse_of_vulnerability, debt_bondage
// param: roles list<string> recruiter,suspect,facilitator "Roles that count as offending"
// returns: person_uid, person_name, victim_case, other_uid, role, other_case
MATCH pv = (v:Person)-[:INVOLVED_IN {role: 'victim'}]->(c1:Case)
MATCH po = (v)-[:SAME_AS*0..1]-(o:Person)-[r:INVOLVED_IN]->(c2:Case)
WHERE r.role IN $roles AND c1 <> c2
  AND all(s IN relationships(po) WHERE type(s) <> 'SAME_AS' OR s.status = 'confirmed')
RETURN DISTINCT v.uid AS person_uid, v.full_name AS person_name, c1.uid AS victim_case,
       o.uid AS other_uid, r.role AS role, c2.uid AS other_case, [pv, po] AS evidence
ORDER BY person_uid, victim_case, other_case
