/** Shared by the benchmarks that serve the API: removing the keys they issued and what those did. */
import neo4j from 'neo4j-driver';
import type { Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { cypher } from '../../src/store/neo4j/cypher.js';

/**
 * Deletes the benchmark's API keys, the access-log entries their reads appended and the consents
 * given to its consumer (`cypher/bench/api-cleanup`), in batches until none is left.
 */
export async function deleteBenchKeys(connection: Neo4jConnection, keyIds: readonly string[], consumer = ''): Promise<void> {
  const session = connection.driver.session({ database: connection.database });
  try {
    for (;;) {
      const result = await session.executeWrite((tx) => tx.run(cypher('bench/api-cleanup'), { keyIds: [...keyIds], consumer, limit: neo4j.int(10_000) }));
      if ((result.records[0]?.get('deleted') as number) === 0) break;
    }
  } finally {
    await session.close();
  }
}
