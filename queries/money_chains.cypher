// title: Money chains A -> B -> C within N days
// description: A payment into an account followed within N days by a payment out of that
//   account to a third one: layering of fees or proceeds through intermediary accounts.
// targets: paper trail: financial transactions
// param: days int 30 "Maximum days between the two payments"
// param: min_amount float 0 "Minimum amount of each payment"
// returns: first_tx, second_tx, account_a, account_b, account_c, first_date, second_date, first_amount, second_amount, days_apart
MATCH p = (a:Account)-[:SENT]->(t1:Transaction)-[:PAID_TO]->(b:Account)
          -[:SENT]->(t2:Transaction)-[:PAID_TO]->(c:Account)
WHERE a <> b AND b <> c AND a <> c
  AND t1.date IS NOT NULL AND t2.date >= t1.date AND t2.date <= t1.date + duration({days: $days})
  AND t1.amount >= $min_amount AND t2.amount >= $min_amount
RETURN t1.uid AS first_tx, t2.uid AS second_tx, a.number AS account_a, b.number AS account_b,
       c.number AS account_c, t1.date AS first_date, t2.date AS second_date,
       t1.amount AS first_amount, t2.amount AS second_amount,
       duration.inDays(t1.date, t2.date).days AS days_apart, p AS evidence
ORDER BY first_date, first_tx, second_tx
