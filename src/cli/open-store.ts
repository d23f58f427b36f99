/** Opens Neo4j for a CLI command; an unreachable Neo4j becomes one line naming the URL and the fix. */
import type { Config } from '../config.js';
import { StoreUnavailableError } from '../store/errors.js';
import { connectNeo4j, type Neo4jConnection } from '../store/neo4j/connection.js';
import { Neo4jStore, type Neo4jStoreOptions } from '../store/neo4j/neo4j-store.js';
import { CliError } from './cli-error.js';
import { serviceLine } from './service-errors.js';

function asCliError(config: Pick<Config, 'NEO4J_URI'>) {
  return (error: unknown): never => {
    throw error instanceof StoreUnavailableError ? new CliError(serviceLine('Neo4j', config.NEO4J_URI, error)) : error;
  };
}

export async function openCliStore(config: Config, options: Neo4jStoreOptions = {}): Promise<Neo4jStore> {
  return Neo4jStore.open(config, options).catch(asCliError(config));
}

/** A bare driver connection (schema work), with the same one-line failure. */
export async function connectCliNeo4j(config: Config): Promise<Neo4jConnection> {
  return connectNeo4j(config).catch(asCliError(config));
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
