// Creates a consent (fails on the consent_id constraint if the id exists).
// Parameters: $consent — {id, personId, consumer, purpose, grantedAt, expiresAt, revokedAt?}.
// Returns: one row {id}.
CREATE (c:Consent)
SET c = $consent
RETURN c.id AS id
