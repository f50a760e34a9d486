// title: Shortest connections between two cases
// description: The shortest chains of parties and identifiers (phones, e-mails, accounts,
//   documents, addresses, vehicles, transactions, travel legs, SAME_AS) that join two
//   cases, up to max_hops (at most 10). Authorities and places are left out: they join
//   everything.
// targets: paper trail: communications, financial transactions, transportation, rentals
// param: case_a string "uid of the first case (source:case_id)"
// param: case_b string "uid of the second case"
// param: max_hops int 6 "Maximum length of a connection (at most 10)"
// param: limit int 25 "Maximum number of connections"
// returns: length, path, uids
MATCH (a:Case {uid: $case_a}), (b:Case {uid: $case_b})
WHERE a <> b
MATCH p = allShortestPaths((a)-[:INVOLVED_IN|RECRUITED_BY|EMPLOYED_BY|SUPPLIES|OWNS|DIRECTS|HOLDS|SENT|PAID_TO|TRAVELLED|ARRANGED|USED|USES|LOCATED_AT|HAS_DOCUMENT|RETAINS|POSTED_BY|SAME_AS*..10]-(b))
WHERE length(p) <= $max_hops
  AND none(s IN relationships(p) WHERE type(s) = 'SAME_AS' AND s.status = 'rejected')
RETURN length(p) AS length, p AS path,
       [n IN nodes(p) | coalesce(n.uid, n.e164, n.address, n.number, n.key)] AS uids
LIMIT $limit
