// A test run never empties a Neo4j it did not start (issue 19, item 8). A developer's own Neo4j is
// played by a dedicated server with data in it and no test-database marker: `wipeAll` refuses it
// and deletes nothing, and so do the wipe statements run directly. The test set-up refuses to take
// over a port something else listens on, and the Neo4j the tests do run on carries the marker,
// which a wipe keeps.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Person } from '../../src/domain/records.js';
import { connectNeo4j } from '../../src/store/neo4j/connection.js';
import { cypher } from '../../src/store/neo4j/cypher.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { WipeRefusedError } from '../../src/store/neo4j/wipe-guard.js';
import { startDedicatedNeo4j, type DedicatedNeo4j } from '../support/dedicated-neo4j.js';
import { freePort } from '../support/free-port.js';
import { ensureTestNeo4j } from '../support/test-neo4j.js';

const person = (id: string): Person => ({
  id,
  verified: true,
  accountCreated: '2020-01-15',
  incomeMonthly: 3200,
  debtMonthly: 450,
  assets: 12000,
  billsOnTimeRatio: 0.95,
  activityRegularity: 0.75,
  addressChanges: 1,
});

describe('a wipe refuses any database that is not a tiescore test database', () => {
  let own: DedicatedNeo4j;
  beforeAll(async () => {
    own = await startDedicatedNeo4j(); // "somebody's Neo4j": local, unmarked, with data
  }, 200_000);
  afterAll(async () => {
    await own?.close();
  });

  it('wipeAll on an unmarked local database throws and deletes nothing', async () => {
    const config = { ...loadConfig(), NEO4J_URI: own.uri };
    const store = await Neo4jStore.open(config);
    try {
      await store.upsertPersons([person('keep-1'), person('keep-2')]);
      await store.upsertFriendships([{ a: 'keep-1', b: 'keep-2', since: '2021-01-01', interactions: 1 }]);
      const before = await store.counts();
      expect(before.persons).toBe(2);

      await expect(store.wipeAll()).rejects.toThrow(WipeRefusedError);
      await expect(store.wipeAll()).rejects.toThrow(`refusing to wipe the database at ${own.uri}: it is not marked as a tiescore test database`);
      expect(await store.counts()).toEqual(before);

      // The statements themselves check the marker too.
      const connection = await connectNeo4j(config);
      try {
        for (const statement of ['store/wipe-relationships', 'store/wipe-nodes']) {
          const { records } = await connection.driver.executeQuery(cypher(statement), { limit: neo4j.int(10_000) });
          expect(Number(records[0]?.get('deleted'))).toBe(0);
        }
      } finally {
        await connection.close();
      }
      expect(await store.counts()).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('the test set-up refuses a port something else listens on, and starts nothing there', async () => {
    const port = await freePort();
    const stranger: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => stranger.listen(port, '127.0.0.1', resolve));
    const servicesDir = await mkdtemp(join(tmpdir(), 'tiescore-wipe-guard-'));
    try {
      await expect(ensureTestNeo4j({ servicesDir, port, heap: '256m', pageCache: '32m' })).rejects.toThrow(
        `test-neo4j: something else listens on 127.0.0.1:${port}`,
      );
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
      await rm(servicesDir, { recursive: true, force: true });
    }
  });

  it('the tests run on the marked Neo4j the set-up started, and a wipe keeps the marker', async () => {
    const config = loadConfig();
    expect(config.NEO4J_URI).not.toBe(own.uri);
    const store = await Neo4jStore.open(config);
    try {
      await store.upsertPersons([person('gone-1')]);
      await store.wipeAll();
      expect((await store.counts()).persons).toBe(0);
      const connection = await connectNeo4j(config);
      try {
        const { records } = await connection.driver.executeQuery(cypher('store/test-database-marker'));
        expect(records).toHaveLength(1);
      } finally {
        await connection.close();
      }
    } finally {
      await store.close();
    }
  });
});
