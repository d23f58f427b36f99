// The salt of erasure hashes kept with the data: the stored one, or $candidate when none is
// stored yet (the erasure_salt_name constraint makes concurrent first calls agree).
// Parameters: $candidate — a random salt.
// Returns: one row {salt}.
MERGE (s:ErasureSalt {name: 'erasure'})
  ON CREATE SET s.salt = $candidate
RETURN s.salt AS salt
