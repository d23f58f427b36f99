/** Opens the production store for a CLI command; an unreachable Neo4j becomes one CLI line. */
import type { Config } from '../config.js';
import { StoreUnavailableError } from '../store/errors.js';
import { Neo4jStore, type Neo4jStoreOptions } from '../store/neo4j/neo4j-store.js';
import { CliError } from './cli-error.js';

export async function openCliStore(config: Config, options: Neo4jStoreOptions = {}): Promise<Neo4jStore> {
  try {
    return await Neo4jStore.open(config, options);
  } catch (error) {
    throw error instanceof StoreUnavailableError ? new CliError(error.message) : error;
  }
}

/** Runs `work` with an open store and always closes it. */
export async function withCliStore<T>(config: Config, work: (store: Neo4jStore) => Promise<T>): Promise<T> {
  const store = await openCliStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
