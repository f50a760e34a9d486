// title: Accounts receiving recruitment fees from many victims
// description: Accounts paid by the accounts of N or more distinct recruited workers or
//   victims, where the payment is a fee: made within fee_days of the payer's recruitment, or
//   into an account of a recruitment agency or of a case's recruiter, suspect or facilitator.
//   The collecting account of a fee-charging scheme (debt bondage often starts with the fee);
//   remittance companies' collection accounts, paid long after recruitment, do not count.
// targets: indicator debt_bondage; paper trail: financial transactions
// param: min_victims int 3 "Minimum number of distinct paying victims or recruits"
// param: fee_days int 14 "Days around the recruitment date in which a payment is a fee"
// returns: account, bank, holders, victims, payments, total
MATCH (v:Person)-[:HOLDS]->(from:Account)-[:SENT]->(t:Transaction)-[:PAID_TO]->(acc:Account)
WHERE from <> acc
  AND (EXISTS { (v)-[:RECRUITED_BY]->(:RecruitmentAgency) }
       OR EXISTS { (v)-[:INVOLVED_IN {role: 'victim'}]->(:Case) })
  AND (EXISTS { MATCH (v)-[r:RECRUITED_BY]->(:RecruitmentAgency)
                WHERE t.date >= r.on - duration({days: $fee_days})
                  AND t.date <= r.on + duration({days: $fee_days}) }
       OR EXISTS { (:RecruitmentAgency)-[:HOLDS]->(acc) }
       OR EXISTS { MATCH (h)-[:HOLDS]->(acc), (h)-[i:INVOLVED_IN]->(:Case)
                   WHERE i.role IN ['recruiter', 'suspect', 'facilitator'] })
WITH acc, collect(DISTINCT v.uid) AS victims, count(DISTINCT t) AS payments,
     sum(t.amount) AS total, collect(DISTINCT t) AS evidence
WHERE size(victims) >= $min_victims
RETURN acc.number AS account, acc.bank AS bank,
       [(h)-[:HOLDS]->(acc) | h.uid] AS holders, victims, payments, total, evidence
ORDER BY size(victims) DESC, account
