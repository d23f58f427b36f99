/**
 * Opens the Neo4j driver from the validated config and checks the server answers, turning
 * "cannot connect" into one readable `StoreUnavailableError` instead of a driver stack trace.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config.js';
import { StoreUnavailableError } from '../errors.js';
import { useLargeBoltChunks } from './bolt-chunks.js';
import { boltAnswers } from './bolt-probe.js';
import { Neo4jLiveness, type LivenessOptions } from './liveness.js';

export interface Neo4jConnection {
  driver: Driver;
  database: string | undefined;
  /** How long a transient failure (including "Neo4j is down") is retried before it is thrown, ms. */
  retryMs: number;
  /** The watchdog against a hung server, when the timeouts ask for one (liveness.ts). */
  liveness?: Neo4jLiveness | undefined;
  close(): Promise<void>;
}

/**
 * How patient the driver is. Batch work (import, recompute) waits out a short outage; the API
 * must answer within a client's patience, so it gives up sooner and answers 503 (FAIL_FAST).
 */
export interface Neo4jTimeouts {
  /** Time to open a TCP + Bolt connection, ms. */
  connectionTimeoutMs: number;
  /** Time a transient failure is retried (managed transactions and auto-commit reads), ms. */
  retryMs: number;
  /**
   * Give up on a server that accepts connections but does not answer (hung, frozen): a call
   * pending `probeAfterMs` probes it and fails if it does not answer within `probeTimeoutMs`.
   * Unset: wait for it (batch work resumes when the server does).
   */
  liveness?: LivenessOptions;
}

export const PATIENT: Neo4jTimeouts = { connectionTimeoutMs: 5_000, retryMs: 15_000 };
/**
 * For request paths: one retry at most (the driver's first backoff is about 1 s), then the error;
 * a hung server is found out within 0.5 + 1 s, so a request still answers 503 within 2 s. The
 * probe gets a whole second because a busy server's handshake can take a few hundred ms (a JVM
 * pause on a loaded machine), and a false "hung" would cut a slow but healthy read.
 */
export const FAIL_FAST: Neo4jTimeouts = { connectionTimeoutMs: 1_000, retryMs: 1_000, liveness: { probeAfterMs: 500, probeTimeoutMs: 1_000 } };

/**
 * @example
 * const { driver, database, close } = await connectNeo4j(loadConfig());
 */
export async function connectNeo4j(
  config: Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE'>,
  timeouts: Neo4jTimeouts = PATIENT,
): Promise<Neo4jConnection> {
  useLargeBoltChunks();
  const driver = neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    connectionTimeout: timeouts.connectionTimeoutMs,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: timeouts.retryMs,
    disableLosslessIntegers: true,
  });
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw new StoreUnavailableError(`Neo4j is not reachable at ${config.NEO4J_URI}: ${reasonOf(error)}`, { cause: error });
  }
  const liveness = timeouts.liveness && new Neo4jLiveness((timeoutMs) => boltAnswers(config.NEO4J_URI, timeoutMs), timeouts.liveness);
  return { driver, database: config.NEO4J_DATABASE, retryMs: timeouts.retryMs, liveness, close: () => driver.close() };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
