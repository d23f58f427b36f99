/**
 * The guard in front of every "delete everything" (`Neo4jStore.wipeAll`, the integration
 * tests): it refuses unless the database is on this machine or the operator said yes with
 * `TIESCORE_TEST_ALLOW_WIPE=1`, so a test run pointed at a shared server cannot empty it.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Throws unless wiping the database at `uri` is allowed.
 *
 * @example
 * assertWipeAllowed('bolt://127.0.0.1:7687'); // ok
 * assertWipeAllowed('neo4j+s://prod.example.com'); // throws
 */
export function assertWipeAllowed(uri: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.TIESCORE_TEST_ALLOW_WIPE === '1') return;
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    throw new Error(`neo4j-store: refusing to wipe ${uri}: not a URL`);
  }
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`neo4j-store: refusing to wipe the database at ${uri}: not a local host (set TIESCORE_TEST_ALLOW_WIPE=1 to allow)`);
  }
}
