/**
 * The guard in front of every "delete everything" (`Neo4jStore.wipeAll`, used by the integration
 * tests and the import benchmark): it refuses unless the database carries the tiescore
 * test-database marker, a node the test set-up writes only into a Neo4j it has just created on its
 * own port and data directory (test/support/test-neo4j.ts). A host name proves nothing — a
 * developer's own Neo4j on localhost:7687 is local too — so the database itself must say it is
 * a test database. The wipe statements check the marker again, so a wipe never empties an
 * unmarked database even if this check were skipped.
 */
import type { Neo4jRunner } from './neo4j-runner.js';

/** Thrown when a wipe is asked of a database that is not a tiescore test database. */
export class WipeRefusedError extends Error {
  constructor(uri: string) {
    super(
      `neo4j-store: refusing to wipe the database at ${uri}: it is not marked as a tiescore test database ` +
        '(only the Neo4j the tests start themselves is, see README "Tests")',
    );
    this.name = 'WipeRefusedError';
  }
}

/**
 * Throws `WipeRefusedError` unless the database behind `runner` holds the test-database marker.
 *
 * @example
 * await assertTestDatabase(runner, 'bolt://127.0.0.1:7687'); // throws on a developer's own Neo4j
 */
export async function assertTestDatabase(runner: Pick<Neo4jRunner, 'read'>, uri: string): Promise<void> {
  const markers = await runner.read('store/test-database-marker');
  if (markers.length === 0) throw new WipeRefusedError(uri);
}
