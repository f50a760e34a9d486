// title: Employers or agencies retaining workers' documents
// description: Someone other than the document's owner holds a person's passport or ID:
//   the employer, the agency or a person. One of the six core ILO indicators.
// targets: indicator retention_of_documents, restriction_of_movement; paper trail: documents
// returns: holder_uid, holder_name, holder_label, persons, documents
MATCH p = (h)-[:RETAINS]->(d:Document)<-[:HAS_DOCUMENT]-(v:Person)
WHERE h <> v
WITH h, collect(DISTINCT v.uid) AS persons, collect(DISTINCT d.key) AS documents,
     collect(p) AS evidence
RETURN h.uid AS holder_uid, coalesce(h.name, h.full_name) AS holder_name,
       [l IN labels(h) WHERE l IN ['RecruitmentAgency', 'Employer', 'Person']][0] AS holder_label,
       persons, documents, evidence
ORDER BY size(persons) DESC, holder_uid
