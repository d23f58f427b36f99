// Creates an API key record (fails on the api_key_id constraint if the id exists).
// Parameters: $key — {id, name, role, personId?, secretHash, createdAt, revokedAt?}.
// Returns: one row {id}.
CREATE (k:ApiKey)
SET k = $key
RETURN k.id AS id
