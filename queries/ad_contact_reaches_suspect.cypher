// title: Advertisements whose contact reaches a suspect
// description: Job advertisements whose phone or e-mail is also used by a party with a
//   suspect's role (suspect, recruiter, facilitator by default) in a case: the ad is the
//   suspect's shop window.
// targets: indicator deception; paper trail: advertising, communications
// param: roles list<string> suspect,recruiter,facilitator "Case roles that count as suspects"
// returns: ad_uid, platform, contact, suspect_uid, suspect_name, role, case_uid
MATCH p = (ad:Advertisement)-[:USES]->(i)<-[:USES]-(s)-[r:INVOLVED_IN]->(c:Case)
WHERE (i:Phone OR i:Email) AND r.role IN $roles
RETURN DISTINCT ad.uid AS ad_uid, ad.platform AS platform,
       coalesce(i.e164, i.address) AS contact, s.uid AS suspect_uid,
       coalesce(s.full_name, s.name) AS suspect_name, r.role AS role, c.uid AS case_uid,
       p AS evidence
ORDER BY ad_uid, suspect_uid, case_uid
