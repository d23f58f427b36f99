/** The access log's group commit: entries of concurrent reads share a write; none is acknowledged before it is stored. */
import { describe, expect, it } from 'vitest';
import { AccessLogWriter } from '../../../src/api/access-log-writer.js';
import type { AccessLogEntry } from '../../../src/domain/safeguards.js';
import { StoreUnavailableError } from '../../../src/store/errors.js';
import { startHarness, SUBJECT } from './harness.js';

const entry = (i: number): AccessLogEntry => ({ personId: `p${i}`, at: `2026-07-01T00:00:00.${String(i).padStart(3, '0')}Z`, kind: 'score', actor: 'k1', role: 'analyst' });

/** A store whose writes finish only when the test says so. */
function gatedStore() {
  const writes: { entries: AccessLogEntry[]; finish: (error?: Error) => void }[] = [];
  const stored: AccessLogEntry[] = [];
  return {
    writes,
    stored,
    appendAccessLogs(entries: readonly AccessLogEntry[]) {
      return new Promise<void>((resolve, reject) => {
        writes.push({
          entries: [...entries],
          finish: (error) => {
            if (error) return reject(error);
            stored.push(...entries);
            resolve();
          },
        });
      });
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AccessLogWriter', () => {
  it('writes at once when idle and batches what arrives while writes are in flight', async () => {
    const store = gatedStore();
    const writer = new AccessLogWriter(store, { maxConcurrent: 1 });
    const acknowledged: number[] = [];
    const first = writer.append(entry(0)).then(() => acknowledged.push(0));
    await tick();
    expect(store.writes.map((w) => w.entries.length)).toEqual([1]);
    const rest = Array.from({ length: 5 }, (_, k) => writer.append(entry(k + 1)).then(() => acknowledged.push(k + 1)));
    await tick();
    expect(store.writes).toHaveLength(1); // waiting for the write in flight
    expect(acknowledged).toEqual([]); // nothing acknowledged before it is stored
    store.writes[0]!.finish();
    await first;
    await tick();
    expect(store.writes.map((w) => w.entries.length)).toEqual([1, 5]);
    expect(acknowledged).toEqual([0]);
    store.writes[1]!.finish();
    await Promise.all(rest);
    expect(store.stored.map((e) => e.personId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(writer.batches).toBe(2);
  });

  it('fails every read of a failed batch and goes on with the next', async () => {
    const store = gatedStore();
    const writer = new AccessLogWriter(store, { maxConcurrent: 1, maxBatch: 2 });
    const outcomes = [0, 1, 2].map((i) => writer.append(entry(i)).then(() => 'stored', (error: Error) => error.message));
    await tick();
    store.writes[0]!.finish(new Error('disk full'));
    await tick();
    expect(store.writes.map((w) => w.entries.map((e) => e.personId))).toEqual([['p0'], ['p1', 'p2']]);
    store.writes[1]!.finish();
    expect(await Promise.all(outcomes)).toEqual(['disk full', 'stored', 'stored']);
  });

  it('over HTTP: concurrent explanations share writes, and one whose entry cannot be stored is not answered', async () => {
    const h = await startHarness();
    try {
      let writes = 0;
      const append = h.store.appendAccessLogs.bind(h.store);
      h.store.appendAccessLogs = async (entries) => {
        writes++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return append(entries);
      };
      const responses = await Promise.all(Array.from({ length: 30 }, () => h.call('GET', `/v1/persons/${SUBJECT}/explanation`, { key: h.keys.analyst })));
      expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
      expect(await h.store.accessLogOf(SUBJECT, 100)).toHaveLength(30);
      expect(writes).toBeLessThan(30);

      h.store.appendAccessLogs = () => Promise.reject(new StoreUnavailableError('Neo4j is unavailable'));
      const refused = await h.call('GET', `/v1/persons/${SUBJECT}/explanation`, { key: h.keys.analyst });
      expect(refused.status).toBe(503);
      expect(await refused.text()).not.toContain('"dimensions"');
    } finally {
      await h.close();
    }
  });
});
