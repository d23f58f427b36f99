// Drops the schema of the old score store (one (:Score) node per run and person), once its
// nodes have been moved into score blocks; IF EXISTS, so applying it again changes nothing.
// Parameters: none. Returns: nothing.

DROP CONSTRAINT score_key IF EXISTS;
DROP INDEX score_run_seq IF EXISTS;
DROP INDEX score_person IF EXISTS;
