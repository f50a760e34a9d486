// title: Paid wage below the promised one after a recruitment fee
// description: Workers who paid a recruitment fee and are then paid less than the wage
//   promised (by the employer, else at recruitment): deception plus withheld wages, the
//   start of debt bondage.
// targets: indicator deception, withholding_wages, debt_bondage; paper trail: recruitment
// returns: person_uid, person_name, agency_uid, employer_uid, fee, currency, promised_wage, paid_wage, shortfall
MATCH p = (a:RecruitmentAgency)<-[r:RECRUITED_BY]-(v:Person)-[e:EMPLOYED_BY]->(emp:Employer)
WHERE r.fee > 0 AND e.paid_wage IS NOT NULL
WITH p, v, a, emp, r, e, coalesce(e.promised_wage, r.promised_wage) AS promised
WHERE promised IS NOT NULL AND e.paid_wage < promised
  AND (e.currency IS NULL OR r.currency IS NULL OR e.currency = r.currency)
RETURN v.uid AS person_uid, v.full_name AS person_name, a.uid AS agency_uid,
       emp.uid AS employer_uid, r.fee AS fee, coalesce(e.currency, r.currency) AS currency,
       promised AS promised_wage, e.paid_wage AS paid_wage, promised - e.paid_wage AS shortfall,
       p AS evidence
ORDER BY shortfall DESC, person_uid
