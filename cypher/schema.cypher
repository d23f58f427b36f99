// Constraints and indexes of the tiescore graph. Applied by `tiescore db migrate`;
// every statement is IF NOT EXISTS, so applying it again changes nothing.
// Parameters: none. Returns: nothing.

CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT person_seq IF NOT EXISTS FOR (p:Person) REQUIRE p.seq IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT score_run_id IF NOT EXISTS FOR (r:ScoreRun) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT score_block_key IF NOT EXISTS FOR (b:ScoreBlock) REQUIRE (b.runId, b.block) IS UNIQUE;
CREATE CONSTRAINT dispute_id IF NOT EXISTS FOR (d:Dispute) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT consent_id IF NOT EXISTS FOR (c:Consent) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT counter_name IF NOT EXISTS FOR (c:Counter) REQUIRE c.name IS UNIQUE;
CREATE CONSTRAINT outcome_person IF NOT EXISTS FOR (o:Outcome) REQUIRE o.personId IS UNIQUE;
CREATE INDEX score_block IF NOT EXISTS FOR (b:ScoreBlock) ON (b.block);
CREATE CONSTRAINT score_block_lock IF NOT EXISTS FOR (l:ScoreBlockLock) REQUIRE l.block IS UNIQUE;
CREATE INDEX score_run_status IF NOT EXISTS FOR (r:ScoreRun) ON (r.status);
CREATE INDEX dispute_status IF NOT EXISTS FOR (d:Dispute) ON (d.status);
CREATE INDEX access_log_person IF NOT EXISTS FOR (a:AccessLog) ON (a.personId, a.at);
CREATE INDEX person_updated IF NOT EXISTS FOR (p:Person) ON (p.updatedAt);
CREATE INDEX event_updated IF NOT EXISTS FOR (e:Event) ON (e.updatedAt);
CREATE INDEX friend_updated IF NOT EXISTS FOR ()-[f:FRIEND]-() ON (f.updatedAt);
CREATE INDEX paid_updated IF NOT EXISTS FOR ()-[t:PAID]-() ON (t.updatedAt);
CREATE CONSTRAINT publication_name IF NOT EXISTS FOR (p:Publication) REQUIRE p.name IS UNIQUE;
CREATE INDEX consent_person IF NOT EXISTS FOR (c:Consent) ON (c.personId);
CREATE INDEX dispute_person IF NOT EXISTS FOR (d:Dispute) ON (d.personId);
CREATE INDEX erasure_id_hash IF NOT EXISTS FOR (r:ErasureRecord) ON (r.idHash);
CREATE CONSTRAINT erasure_salt_name IF NOT EXISTS FOR (s:ErasureSalt) REQUIRE s.name IS UNIQUE;
CREATE INDEX event_at IF NOT EXISTS FOR (e:Event) ON (e.at);
CREATE INDEX access_log_at IF NOT EXISTS FOR (a:AccessLog) ON (a.at);
CREATE CONSTRAINT score_export_id IF NOT EXISTS FOR (x:ScoreExport) REQUIRE x.id IS UNIQUE;
CREATE INDEX report_read_at IF NOT EXISTS FOR (r:ReportRead) ON (r.at);
