// Starts (or finds running) a tiescore test Neo4j — its own port and data directory, marked as a
// test database, so wipes are allowed on it — and prints its Bolt URI. For the benchmarks, whose
// import step wipes the database; the tests start theirs by themselves (test/support/test-neo4j.ts).
//   TIESCORE_SERVICES_DIR=/tmp/bench-services TIESCORE_TEST_NEO4J_PORT=7688 NEO4J_DEV_HEAP=4g npx tsx scripts/test-neo4j.ts
import { ensureTestNeo4j, testNeo4jOptions } from '../test/support/test-neo4j.js';

try {
  console.log(await ensureTestNeo4j(testNeo4jOptions()));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
