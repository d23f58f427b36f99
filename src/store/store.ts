/**
 * The persistence port: everything tiescore keeps, as one port per aggregate (`ports/`), with
 * two adapters — `neo4j/` (production) and `memory/` (embedded mode and fast tests) — each
 * composed from one part per aggregate (`compose.ts`). Both pass the same contract suite
 * (`test/contract/store-contract.ts`).
 *
 * `Store` is every port at once. Code that needs a few aggregates takes only their ports
 * (`PersonPort & EventPort`, `Pick<ApiKeyPort, 'getApiKey'>`), so its type says what it reads and
 * writes, and a test can hand it a small fake.
 *
 * docs/design.md, "The store", lists the ports. Writes are idempotent upserts keyed by external
 * ids, taking batches (the Neo4j adapter sends one `UNWIND` statement a batch).
 */
import type { AccessLogPort } from './ports/access-log.js';
import type { ApiKeyPort } from './ports/api-keys.js';
import type { ConsentPort } from './ports/consents.js';
import type { DisputePort } from './ports/disputes.js';
import type { EdgePort } from './ports/edges.js';
import type { EventPort } from './ports/events.js';
import type { LifecyclePort } from './ports/lifecycle.js';
import type { PersonPort } from './ports/persons.js';
import type { PrivacyPort } from './ports/privacy.js';
import type { ReportPort } from './ports/reports.js';
import type { RunPort } from './ports/runs.js';
import type { ScoreExportPort } from './ports/score-exports.js';
import type { ScorePort } from './ports/scores.js';

export type { AccessLogPort } from './ports/access-log.js';
export type { ApiKeyPort } from './ports/api-keys.js';
export type { ConsentPort } from './ports/consents.js';
export type { DisputePort } from './ports/disputes.js';
export type { EdgePort, FriendshipColumns, SeqFriendship, SeqTransaction, TransactionColumns } from './ports/edges.js';
export type { EventPort } from './ports/events.js';
export type { LifecyclePort } from './ports/lifecycle.js';
export type { DirtySeqs, PersonPort, PersonWithEvents, StoreCounts, StoredPerson } from './ports/persons.js';
export type { PersonMatch, PersonSearch, PersonSearchPage } from './ports/person-search.js';
export type { PersonRecords, PrivacyPort } from './ports/privacy.js';
export type { ReportPort, ReportRow } from './ports/reports.js';
export type { RunFailure, RunPort } from './ports/runs.js';
export type { ScoreExportPort } from './ports/score-exports.js';
export type { LoggedPersonScoreRead, LoggedScoreRead, LoggedScoresRead, PersonScoreRead, PublishedScoresRead, ScorePort } from './ports/scores.js';
export type { UpsertResult } from './ports/upsert-result.js';

/** The safeguards' records: disputes, consents, the access log and API keys. */
export type SafeguardPorts = DisputePort & ConsentPort & AccessLogPort & ApiKeyPort;

export type Store = PersonPort &
  EdgePort &
  EventPort &
  RunPort &
  ScorePort &
  ReportPort &
  SafeguardPorts &
  ScoreExportPort &
  PrivacyPort &
  LifecyclePort;
