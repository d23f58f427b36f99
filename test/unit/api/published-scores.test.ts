/** Score reads of concurrent requests share one store call, and each request gets its own person's part. */
import { describe, expect, it } from 'vitest';
import { BatchQueue } from '../../../src/api/batch-queue.js';
import { PublishedScores } from '../../../src/api/published-scores.js';
import { StoreUnavailableError } from '../../../src/store/errors.js';
import type { PersonScore, ScoreRun } from '../../../src/domain/scores.js';
import type { Store } from '../../../src/store/store.js';
import { OTHER, startHarness, SUBJECT } from './harness.js';

describe('PublishedScores', () => {
  it('reads concurrent requests in one store call and answers each with its own person', async () => {
    const h = await startHarness({ api: { rateLimitPerMinute: 0 } });
    try {
      const calls: string[][] = [];
      const store: Pick<Store, 'publishedScoresOf' | 'publishedScoresLogged'> = {
        publishedScoresOf: (ids) => {
          calls.push([...ids]);
          return h.store.publishedScoresOf(ids);
        },
        publishedScoresLogged: () => Promise.reject(new Error('not used')),
      };
      const scores = new PublishedScores(store);
      const ids = [SUBJECT, OTHER, 'nobody', SUBJECT, 'p002'];
      const reads = await Promise.all(ids.map((id) => scores.of(id)));
      expect(calls).toEqual([[SUBJECT], [OTHER, 'nobody', SUBJECT, 'p002']]); // the first alone, at once
      const run = (await h.store.publishedRun())!;
      for (const [k, id] of ids.entries()) {
        expect(reads[k]?.personId).toBe(id);
        expect(reads[k]?.run).toEqual(run);
        expect(reads[k]?.score).toEqual(await h.store.scoreIn(run, id));
      }
      expect(reads[2]?.person).toBeUndefined();
      expect(scores.batches).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('passes the score it last read for a person with their next logged read, and drops a person erased or found gone', async () => {
    const run = { id: 'run-1' } as ScoreRun;
    const served = { personId: 'a', seq: 0, score: 600 } as PersonScore;
    const knowns: unknown[] = [];
    let found = true;
    const scores = new PublishedScores({
      publishedScoresOf: async () => undefined,
      publishedScoresLogged: async (reads) => {
        knowns.push(...reads.map((read) => read.known));
        return { run, persons: reads.map(({ personId }) => ({ personId, found, score: found ? served : undefined, disputedEventIds: [] })) };
      },
    });
    const entry = { personId: 'a', at: '2026-07-03T00:00:00.000Z', kind: 'score' as const, actor: 'k1', role: 'analyst' as const };
    await scores.ofLogged('a', entry);
    expect(scores.cachedPersons).toBe(1);
    scores.forget('a'); // erased through this process
    expect(scores.cachedPersons).toBe(0);
    await scores.ofLogged('a', entry);
    await scores.ofLogged('a', entry);
    found = false;
    await scores.ofLogged('a', entry);
    await scores.ofLogged('a', entry);
    expect(knowns).toEqual([undefined, undefined, { runId: 'run-1', score: served }, { runId: 'run-1', score: served }, undefined]);
    expect(scores.cachedPersons).toBe(0);
  });

  it('answers undefined when no run is published', async () => {
    const scores = new PublishedScores({ publishedScoresOf: async () => undefined, publishedScoresLogged: async () => undefined });
    expect(await Promise.all([scores.of('a'), scores.of('b')])).toEqual([undefined, undefined]);
  });

  it('over HTTP: concurrent score reads are read and logged together, and a read that cannot be logged is not answered', async () => {
    const h = await startHarness();
    try {
      const calls: number[] = [];
      const logged = h.store.publishedScoresLogged.bind(h.store);
      h.store.publishedScoresLogged = async (reads) => {
        calls.push(reads.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return logged(reads);
      };
      const before = (await h.store.accessLogOf(SUBJECT, 1000)).length;
      const responses = await Promise.all(Array.from({ length: 30 }, () => h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.analyst })));
      expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
      expect((await h.store.accessLogOf(SUBJECT, 1000)).length - before).toBe(30);
      expect(calls.reduce((x, y) => x + y, 0)).toBe(30);
      expect(calls.length).toBeLessThan(30);

      expect((await h.call('GET', '/v1/persons/nobody/score', { key: h.keys.analyst })).status).toBe(404);
      expect(await h.store.accessLogOf('nobody', 10)).toEqual([]);

      h.store.publishedScoresLogged = () => Promise.reject(new StoreUnavailableError('Neo4j is unavailable'));
      const refused = await h.call('GET', `/v1/persons/${SUBJECT}/score`, { key: h.keys.analyst });
      expect(refused.status).toBe(503);
      expect(await refused.text()).not.toContain('"score"');
    } finally {
      await h.close();
    }
  });
});

describe('BatchQueue', () => {
  it('runs at most maxConcurrent batches of at most maxBatch items, and fails a batch whose results do not match', async () => {
    const sizes: number[] = [];
    let running = 0;
    let most = 0;
    const queue = new BatchQueue<number, number>(
      async (items) => {
        sizes.push(items.length);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return items.map((x) => x * 2);
      },
      { maxConcurrent: 2, maxBatch: 3 },
    );
    const results = await Promise.all(Array.from({ length: 10 }, (_, k) => queue.add(k)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, k) => 2 * k));
    expect(most).toBe(2);
    expect(sizes).toEqual([1, 1, 3, 3, 2]);

    const broken = new BatchQueue<number, number>(async () => [1]);
    await broken.add(0);
    const outcomes = await Promise.allSettled([broken.add(1), broken.add(2), broken.add(3)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
  });
});
