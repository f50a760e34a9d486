// title: Phones or e-mails shared by cases of different authorities
// description: A phone number or e-mail address used by parties (persons, agencies,
//   employers) of cases reported by N or more different authorities: the communications
//   trail that links investigations which do not know of each other.
// targets: paper trail: communications
// param: min_authorities int 2 "Minimum number of reporting authorities"
// returns: identifier, kind, authorities, cases, parties
MATCH p = (i)<-[:USES]-(x)-[:INVOLVED_IN]->(c:Case)
WHERE i:Phone OR i:Email
WITH i, x, c, p,
     coalesce(head([(c)-[:REPORTED_BY]->(au:Authority) | au.id]), c.authority) AS authority
WHERE authority IS NOT NULL
WITH i, collect(DISTINCT authority) AS authorities, collect(DISTINCT c.uid) AS cases,
     collect(DISTINCT x.uid) AS parties, collect(p) AS evidence
WHERE size(authorities) >= $min_authorities
RETURN coalesce(i.e164, i.address) AS identifier,
       CASE WHEN i:Phone THEN 'Phone' ELSE 'Email' END AS kind,
       authorities, cases, parties, evidence
ORDER BY size(authorities) DESC, identifier
