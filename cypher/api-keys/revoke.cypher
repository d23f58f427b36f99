// Revokes an API key at $at (a key already revoked keeps its first revocation time).
// Parameters: $id — key id; $at — ISO instant.
// Returns: one row {id} when the key exists, none otherwise.
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, $at)
RETURN k.id AS id
