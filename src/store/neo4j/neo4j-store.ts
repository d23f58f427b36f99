/**
 * The production store: the `Store` port over Neo4j 5.26 (docs/design.md, "Data model"). Each
 * aggregate lives in its own class (persons, edges, events, runs and scores, reports,
 * safeguards, score exports, privacy); this class opens the connection and composes them
 * (`ComposedStore`). Every statement is a named file in `cypher/`.
 */
import type { Config } from '../../config.js';
import { ComposedStore, type StoreParts } from '../compose.js';
import { connectNeo4j, type Neo4jConnection, type Neo4jTimeouts } from './connection.js';
import { EdgeStore } from './edge-store.js';
import { EventStore } from './event-store.js';
import { int, Neo4jRunner } from './neo4j-runner.js';
import { TiescoreProcedures, type GraphReads } from './tiescore-procedures.js';
import { PersonStore } from './person-store.js';
import { PrivacyStore } from './privacy-store.js';
import { ReportStore } from './report-store.js';
import { RunStore } from './run-store.js';
import { SafeguardStore } from './safeguard-store.js';
import { ScoreExportStore } from './score-export-store.js';
import { assertTestDatabase } from './wipe-guard.js';

export type Neo4jStoreConfig = Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE'>;

export interface Neo4jStoreOptions {
  /** The clock that stamps `updatedAt` (ISO instant); `new Date().toISOString()` by default. */
  now?: () => string;
  /** How patient the driver is (connection.ts); PATIENT by default, FAIL_FAST for the API. */
  timeouts?: Neo4jTimeouts;
  /** How SNAPSHOT and SCORE read the graph (tiescore-procedures.ts): tiescore's procedures when the server has them (default), or Cypher. */
  reads?: GraphReads;
}

/** Items deleted per transaction by `wipeAll`. */
const WIPE_BATCH = 10_000;

export class Neo4jStore extends ComposedStore {
  private constructor(
    private readonly runner: Neo4jRunner,
    private readonly uri: string,
    parts: StoreParts,
  ) {
    super(parts);
  }

  /**
   * Connects (throws `StoreUnavailableError` when Neo4j does not answer). The schema is applied
   * separately, by `tiescore db migrate` (`migrateSchema`).
   *
   * @example
   * const store = await Neo4jStore.open(loadConfig());
   */
  static async open(config: Neo4jStoreConfig, options: Neo4jStoreOptions = {}): Promise<Neo4jStore> {
    const connection = await connectNeo4j(config, options.timeouts);
    const runner = new Neo4jRunner(connection.driver, connection.database, connection.retryMs, connection.liveness);
    return new Neo4jStore(runner, config.NEO4J_URI, neo4jParts(connection, runner, options.now ?? (() => new Date().toISOString()), options.reads));
  }

  /**
   * Test helper: deletes every relationship and node, in batches (schema and the test-database
   * marker stay). Refuses, with `WipeRefusedError`, any database that is not a tiescore test
   * database (see wipe-guard.ts).
   */
  async wipeAll(): Promise<void> {
    await assertTestDatabase(this.runner, this.uri);
    for (const statement of ['store/wipe-relationships', 'store/wipe-nodes']) {
      for (;;) {
        const [row] = await this.runner.write<{ deleted: number }>(statement, { limit: int(WIPE_BATCH) });
        if (!row || row.deleted === 0) break;
      }
    }
  }
}

function neo4jParts(connection: Neo4jConnection, runner: Neo4jRunner, now: () => string, reads?: GraphReads): StoreParts {
  const procedures = new TiescoreProcedures(runner, reads);
  const persons = new PersonStore(runner, now, procedures);
  const runs = new RunStore(runner);
  const safeguards = new SafeguardStore(runner);
  return {
    persons,
    edges: new EdgeStore(runner, persons, now, procedures),
    events: new EventStore(runner, now),
    runs,
    scores: runs,
    reports: new ReportStore(runner, now),
    disputes: safeguards,
    consents: safeguards,
    accessLog: safeguards,
    apiKeys: safeguards,
    scoreExports: new ScoreExportStore(runner),
    privacy: new PrivacyStore(runner, now),
    lifecycle: { close: () => connection.close() },
  };
}
