// title: Cases with several core ILO indicators
// description: Cases that record N or more of the six core forced-labour indicators that
//   prosecutions focus on (list in graph/model.yaml core_indicators).
// targets: indicator restriction_of_movement, violence, threat_of_denunciation,
//   retention_of_documents, withholding_wages, debt_bondage
// param: min_core int 3 "Minimum number of core indicators"
// param: core list<string> @model.core_indicators "The core indicator codes"
// returns: case_uid, title, jurisdiction, core_indicators, core_count
MATCH (c:Case)
WITH c, [i IN coalesce(c.indicators, []) WHERE i IN $core] AS found
WHERE size(found) >= $min_core
RETURN c.uid AS case_uid, c.title AS title, c.jurisdiction AS jurisdiction,
       found AS core_indicators, size(found) AS core_count, c AS evidence
ORDER BY core_count DESC, case_uid
