// The person ids a full run's SNAPSHOT keeps in Redis for its SCORE chunks
// (src/jobs/bullmq/artifacts.ts): any seq range reads back exactly the ids it covers, holes and
// the seqs handed out after the snapshot included, and a gone artifact reads as missing.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deleteArtifacts, loadSnapshotIdsSlice, saveSnapshotIds } from '../../src/jobs/bullmq/artifacts.js';
import { redisConnection } from '../../src/jobs/bullmq/queues.js';
import { deleteTestKeys } from '../support/queue-cleanup.js';

describe('snapshot ids artifact', () => {
  const config = { ...loadConfig(), QUEUE_PREFIX: `tiescore-test-ids-${process.pid}` };
  const redis = redisConnection(config);
  const ids = Array.from({ length: 25 }, (_, seq) => (seq % 7 === 3 ? undefined : `p-${seq}`));
  afterAll(async () => {
    redis.disconnect();
    await deleteTestKeys(config);
  });

  it('reads back any range of seqs, across blocks, with holes, and up to the snapshot\'s end', async () => {
    await saveSnapshotIds(redis, config.QUEUE_PREFIX, 'run-1', ids, 10);
    for (const [from, to] of [
      [0, 10],
      [5, 23],
      [20, 40],
      [30, 40],
    ] as const) {
      const slice = (await loadSnapshotIdsSlice(redis, config.QUEUE_PREFIX, 'run-1', from, to))!;
      expect(slice.toSeq).toBe(Math.max(from, Math.min(to, ids.length)));
      for (let seq = from - 1; seq <= to; seq++) expect(slice.get(seq)).toBe(seq >= from && seq < Math.min(to, ids.length) ? ids[seq] : undefined);
    }
  });

  it('reads as missing once the run\'s artifacts are deleted', async () => {
    await deleteArtifacts(redis, config.QUEUE_PREFIX, 'run-1');
    expect(await loadSnapshotIdsSlice(redis, config.QUEUE_PREFIX, 'run-1', 0, 10)).toBeUndefined();
  });
});
