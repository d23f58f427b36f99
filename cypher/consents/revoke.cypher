// Revokes a consent at $at (a consent already revoked keeps its first revocation time).
// Parameters: $id — consent id; $at — ISO instant.
// Returns: one row {id} when the consent exists, none otherwise.
MATCH (c:Consent {id: $id})
SET c.revokedAt = coalesce(c.revokedAt, $at)
RETURN c.id AS id
