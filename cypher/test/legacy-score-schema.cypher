// The old score store's schema (one (:Score) node per run and person, before score blocks), for
// the test that `tiescore db migrate` moves such scores into blocks and drops it.
// Parameters: none. Returns: nothing.

CREATE CONSTRAINT score_key IF NOT EXISTS FOR (s:Score) REQUIRE (s.runId, s.personId) IS UNIQUE;
CREATE INDEX score_run_seq IF NOT EXISTS FOR (s:Score) ON (s.runId, s.seq);
CREATE INDEX score_person IF NOT EXISTS FOR (s:Score) ON (s.personId);
