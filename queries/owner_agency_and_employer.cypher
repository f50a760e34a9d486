// title: One owner behind an agency and an employer
// description: A person who owns or directs both a recruitment agency and an employer
//   (directly, or through a confirmed SAME_AS record of another source): recruitment and
//   exploitation under one control, the fee and the wage in the same hands.
// targets: indicator deception, debt_bondage; paper trail: company ownership
// returns: owner_uid, owner_name, agency_uid, agency_name, employer_uid, employer_name, supplies
MATCH pa = (o:Person)-[:OWNS|DIRECTS]->(a:RecruitmentAgency)
MATCH pe = (o)-[:SAME_AS*0..1]-(o2:Person)-[:OWNS|DIRECTS]->(e:Employer)
WHERE all(s IN relationships(pe) WHERE type(s) <> 'SAME_AS' OR s.status = 'confirmed')
RETURN DISTINCT o.uid AS owner_uid, o.full_name AS owner_name, a.uid AS agency_uid,
       a.name AS agency_name, e.uid AS employer_uid, e.name AS employer_name,
       EXISTS { (a)-[:SUPPLIES]->(e) } AS supplies, [pa, pe] AS evidence
ORDER BY owner_uid, agency_uid, employer_uid
