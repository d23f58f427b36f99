// The store contract suite against the production adapter over the real Neo4j. The suite wipes
// the database before each test; the wipe refuses any database but the test Neo4j the test set-up
// started (test/support/test-neo4j.ts).
import { loadConfig } from '../../src/config.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { migrateSchema } from '../../src/store/neo4j/migrate.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { describeStoreContract } from '../contract/store-contract.js';

const config = loadConfig();

let store: Promise<Neo4jStore> | undefined;

/** One store for the whole file (the suite closes each distinct store it was given once). */
function openStore(): Promise<Neo4jStore> {
  store ??= (async () => {
    const connection = await connectNeo4j(config);
    try {
      await migrateSchema(connection.driver, connection.database);
    } finally {
      await connection.close();
    }
    return Neo4jStore.open(config);
  })();
  return store;
}

describeStoreContract('neo4j', openStore);
