// title: Legs through the same crossing within N days, arranged by the same person
// description: Two travel legs that pass the same border crossing (via, from or to) at most
//   N days apart and were arranged by the same person: repeated moves of workers through
//   one checkpoint by one smuggler or transporter.
// targets: indicator restriction_of_movement; paper trail: transportation
// param: days int 14 "Maximum days between the two departures"
// returns: arranger_uid, arranger_name, crossing, crossing_country, first_leg, second_leg, days_apart, travellers
MATCH (x:Location {kind: 'border_crossing'})
USING INDEX x:Location(kind)
MATCH (ar:Person)-[:ARRANGED]->(l1:TravelLeg)-[:VIA|FROM|TO]->(x)
MATCH (ar)-[:ARRANGED]->(l2:TravelLeg)-[:VIA|FROM|TO]->(x)
WHERE l1.uid < l2.uid
WITH ar, x, l1, l2, coalesce(l1.departed_on, l1.arrived_on) AS d1,
     coalesce(l2.departed_on, l2.arrived_on) AS d2
WHERE d1 IS NOT NULL AND d2 IS NOT NULL AND abs(duration.inDays(d1, d2).days) <= $days
RETURN DISTINCT ar.uid AS arranger_uid, ar.full_name AS arranger_name, x.name AS crossing,
       x.country AS crossing_country, l1.uid AS first_leg, l2.uid AS second_leg,
       abs(duration.inDays(d1, d2).days) AS days_apart,
       [(t:Person)-[:TRAVELLED]->(l) WHERE l IN [l1, l2] | t.uid] AS travellers,
       [ar, x, l1, l2] AS evidence
ORDER BY arranger_uid, crossing, days_apart
