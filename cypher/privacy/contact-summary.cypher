// One person's contacts as counts and types only — the export shows a subject how many
// friendships and payment partners they have, never who they are or their scores.
// Parameters: $personId — the person's id.
// Returns: zero or one row {contacts: {contacts, friendships, payees, paymentsMade, amountPaid,
//   payers, paymentsReceived, amountReceived}}.
MATCH (p:Person {id: $personId})
CALL (p) { MATCH (p)-[:FRIEND]-(:Person) RETURN count(*) AS friendships }
CALL (p) {
  MATCH (p)-[t:PAID]->(:Person)
  RETURN count(*) AS payees, coalesce(sum(t.count), 0) AS paymentsMade, coalesce(sum(t.amount), 0.0) AS amountPaid
}
CALL (p) {
  MATCH (p)<-[t:PAID]-(:Person)
  RETURN count(*) AS payers, coalesce(sum(t.count), 0) AS paymentsReceived, coalesce(sum(t.amount), 0.0) AS amountReceived
}
CALL (p) {
  MATCH (p)-[:FRIEND|PAID]-(c:Person)
  WHERE c <> p
  RETURN count(DISTINCT c) AS contacts
}
RETURN {
  contacts: contacts, friendships: friendships,
  payees: payees, paymentsMade: paymentsMade, amountPaid: amountPaid,
  payers: payers, paymentsReceived: paymentsReceived, amountReceived: amountReceived
} AS contacts
