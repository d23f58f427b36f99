/**
 * The integration tests' Neo4j as a store: the schema migrated (`tiescore db migrate`), then
 * emptied unless `wipe: false` (the wipe itself refuses a database not marked as the tests' own).
 */
import type { Config } from '../../src/config.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';

export async function openMigratedStore(config: Config, options: { wipe?: boolean } = {}): Promise<Neo4jStore> {
  const connection = await connectNeo4j(config);
  await migrateSchema(connection.driver, connection.database).finally(() => connection.close());
  const store = await Neo4jStore.open(config);
  if (options.wipe ?? true) await store.wipeAll();
  return store;
}
