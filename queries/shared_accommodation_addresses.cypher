// title: Accommodation addresses shared by victims of different cases
// description: Addresses where victims of N or more different cases live or are housed:
//   the rentals trail of a network that lodges its workers together.
// targets: indicator isolation, restriction_of_movement; paper trail: rentals
// param: min_cases int 2 "Minimum number of distinct cases"
// param: kinds list<string> accommodation,residence "Address kinds that count"
// returns: address_key, address, country, cases, victims
MATCH p = (ad:Address)<-[l:LOCATED_AT]-(v:Person)-[:INVOLVED_IN {role: 'victim'}]->(c:Case)
WHERE l.kind IS NULL OR l.kind IN $kinds
WITH ad, collect(DISTINCT c.uid) AS cases, collect(DISTINCT v.uid) AS victims,
     collect(p) AS evidence
WHERE size(cases) >= $min_cases AND size(victims) >= 2
RETURN ad.key AS address_key, ad.text AS address, ad.country AS country, cases, victims,
       evidence
ORDER BY size(cases) DESC, size(victims) DESC, address_key
