/**
 * Opens the Neo4j driver from the validated config and checks the server answers, turning
 * "cannot connect" into one readable `StoreUnavailableError` instead of a driver stack trace.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config.js';
import { StoreUnavailableError } from '../errors.js';

export interface Neo4jConnection {
  driver: Driver;
  database: string | undefined;
  close(): Promise<void>;
}

/**
 * @example
 * const { driver, database, close } = await connectNeo4j(loadConfig());
 */
export async function connectNeo4j(
  config: Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE'>,
): Promise<Neo4jConnection> {
  const driver = neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 15_000,
    disableLosslessIntegers: true,
  });
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw new StoreUnavailableError(`Neo4j is not reachable at ${config.NEO4J_URI}: ${reasonOf(error)}`);
  }
  return { driver, database: config.NEO4J_DATABASE, close: () => driver.close() };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
