// The consents a person granted, oldest first (uses the consent_person index).
// Parameters: $personId — the person's id.
// Returns: rows {consent} — node properties.
MATCH (c:Consent {personId: $personId})
RETURN properties(c) AS consent
ORDER BY c.grantedAt, c.id
