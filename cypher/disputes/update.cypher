// Merges a patch into a dispute: each key of $patch is set, a null value removes the property.
// Parameters: $id — dispute id; $patch — map of properties.
// Returns: one row {id} when the dispute exists, none otherwise.
MATCH (d:Dispute {id: $id})
SET d += $patch
RETURN d.id AS id
