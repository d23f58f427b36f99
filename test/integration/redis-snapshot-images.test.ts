// Snapshot images through the real Redis: read back exactly in slices, and without leaving the
// reply parser a buffer pool the size of the image (redis-snapshot-images.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { nominalCsr } from '../../src/graph/index.js';
import { piecewiseCommand } from '../../src/jobs/bullmq/piecewise-command.js';
import { readInSlices, RedisSnapshotImages } from '../../src/jobs/bullmq/redis-snapshot-images.js';
import { encodeSnapshotImage } from '../../src/jobs/recompute/snapshot-image-codec.js';
import type { SnapshotImage } from '../../src/jobs/recompute/snapshot-image.js';

const config = loadConfig();
const prefix = `tiescore-test-images-${process.pid}`;
const MiB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const arrayBuffersAfterGc = async () => {
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
};

describe('snapshot images in Redis', () => {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const image = (persons: number, links: number): SnapshotImage => ({
    asOf: '2026-06-30',
    modelVersion: 'test-1',
    ids: Array.from({ length: persons }, (_, seq) => (seq % 7 === 3 ? undefined : `p${seq}`)),
    own: Float64Array.from({ length: persons }, (_, seq) => (seq % 100) / 100),
    verified: Uint8Array.from({ length: persons }, (_, seq) => seq % 2),
    accountAgeDays: Float64Array.from({ length: persons }, (_, seq) => seq * 1.5),
    contacts: nominalCsr(persons, {
      a: Int32Array.from({ length: links }, (_, k) => k % persons),
      b: Int32Array.from({ length: links }, (_, k) => (k * 7 + 1) % persons),
      w: Float64Array.from({ length: links }, (_, k) => 1 + (k % 13) / 13),
    }),
    edges: { friendships: links - 10, transactions: 10 },
  });

  it('reads back the image that was saved, across many slices', async () => {
    const images = new RedisSnapshotImages(redis, prefix);
    const saved = image(20_000, 80_000); // about 1.6 MB: 7 slices
    await images.save('run-a', saved);
    expect(await images.load('run-a')).toEqual(saved);
    expect(await images.load('run-missing')).toBeUndefined();
  });

  it('writes an image larger than one write slice whole, over the one it replaces', async () => {
    const images = new RedisSnapshotImages(redis, prefix, false, 1_000_000);
    await images.save('run-big', image(100, 50));
    const saved = image(40_000, 40_000);
    const bytes = encodeSnapshotImage(saved);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    await images.save('run-big', saved);
    expect(encodeSnapshotImage((await images.load('run-big'))!).equals(bytes)).toBe(true); // byte for byte (a deep compare takes seconds)
    expect(await redis.keys(`${prefix}:snapshot-image:run-big*`)).toEqual([`${prefix}:snapshot-image:run-big`]);
  });

  it('writes contacts once for the images that share them, and keeps them while an image kept names them', async () => {
    const own = `${prefix}-shared`; // a prefix of its own: the other tests' contacts are not this one's
    const images = new RedisSnapshotImages(redis, own);
    const contactsKeys = () => redis.keys(`${own}:snapshot-contacts:*`).then((keys) => keys.sort());
    const full = { ...image(5_000, 20_000), x: new Float64Array(5_000).fill(0.5) };
    await images.save('run-full', full);
    // An incremental run's image: other own scores and x, the same contacts object (its patch rebuilt no row).
    const next = { ...full, own: full.own.map((b, seq) => (seq % 11 === 0 ? b / 2 : b)), x: full.x.map((x, seq) => x + seq / 1e6) };
    await images.save('run-next', next);
    expect(await contactsKeys()).toEqual([`${own}:snapshot-contacts:run-full`]);
    const part = await redis.strlen(`${own}:snapshot-image:run-next`);
    expect(part).toBeLessThan(encodeSnapshotImage(next).length - full.contacts.targets.length * 12);
    expect(await images.load('run-next')).toEqual(next);
    expect((await images.loadEncoded('run-next'))!.equals(encodeSnapshotImage(next))).toBe(true);

    // Publishing run-next forgets run-full's image but not the contacts run-next names.
    await images.keepOnly(['run-next']);
    expect(await images.load('run-full')).toBeUndefined();
    expect(await contactsKeys()).toEqual([`${own}:snapshot-contacts:run-full`]);
    // An image decoded from Redis (another worker's) knows whose contacts it holds too.
    const decoded = (await new RedisSnapshotImages(redis, own).load('run-next'))!;
    await new RedisSnapshotImages(redis, own).save('run-third', { ...decoded, own: next.own.map((b) => b / 3) });
    expect(await contactsKeys()).toEqual([`${own}:snapshot-contacts:run-full`]);
    // Other contacts are written under their run; the contacts nobody names go with the images.
    await images.save('run-rewired', { ...next, contacts: image(5_000, 19_000).contacts });
    await images.keepOnly(['run-rewired']);
    expect(await contactsKeys()).toEqual([`${own}:snapshot-contacts:run-rewired`]);
    // An image whose contacts are gone costs a full read, as a missing image does.
    await images.save('run-orphan', (await images.load('run-rewired'))!);
    await redis.del(`${own}:snapshot-contacts:run-rewired`);
    expect(await images.load('run-orphan')).toBeUndefined();
    // Another prefix writes its own contacts.
    const elsewhere = new RedisSnapshotImages(redis, `${prefix}-other`);
    await elsewhere.save('run-x', next);
    expect(await elsewhere.load('run-x')).toEqual(next);
    await redis.del(...(await redis.keys(`${prefix}-other:*`)), ...(await redis.keys(`${own}:*`)));
  });

  it('reads an image written whole by an earlier version', async () => {
    const saved = image(2_000, 4_000);
    await redis.set(`${prefix}:snapshot-image:run-old`, encodeSnapshotImage(saved));
    expect(await new RedisSnapshotImages(redis, prefix).load('run-old')).toEqual(saved);
  });

  it('sends a value given as pieces whole, in order with the commands around it on the connection', async () => {
    const key = `${prefix}:pieces`;
    const pieces = [Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300_000, 9), Buffer.from('\r\n$3\r\n')];
    // Not awaited one by one: ioredis writes each as it is sent, and the replies must match.
    const replies = await Promise.all([
      redis.set(`${key}:before`, 'x'),
      redis.sendCommand(piecewiseCommand('set', [key, pieces, 'EX', 60])),
      redis.getBuffer(key),
      redis.setrange(key, 1, 'Z'),
      redis.sendCommand(piecewiseCommand('setrange', [key, 2, [Buffer.from('Y'), Buffer.from('W')]])),
      redis.getrange(key, 0, 3),
      redis.ttl(key),
    ]);
    expect(replies.slice(0, 2)).toEqual(['OK', 'OK']);
    expect((replies[2] as Buffer).equals(Buffer.concat(pieces))).toBe(true);
    expect(replies[5]).toBe('aZYW');
    expect(replies[6]).toBeGreaterThan(50);
  });

  it('sends a piecewise command queued before the connection is ready', async () => {
    const late = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null });
    try {
      const key = `${prefix}:queued`;
      await late.sendCommand(piecewiseCommand('set', [key, [Buffer.from('queued '), Buffer.from('value')]]));
      expect(await redis.get(key)).toBe('queued value');
    } finally {
      late.disconnect();
    }
  });

  it('reads a string of any length exactly, and a missing one as undefined', async () => {
    const bytes = Buffer.from(Array.from({ length: 10_007 }, (_, k) => (k * 31) & 255));
    await redis.set(`${prefix}:raw`, bytes);
    for (const slice of [1_000, 10_007, 65_536]) expect((await readInSlices(redis, `${prefix}:raw`, slice))?.equals(bytes)).toBe(true);
    expect(await readInSlices(redis, `${prefix}:none`)).toBeUndefined();
  });

  it('leaves no image-sized buffer behind once the bytes are dropped (one GET would keep 3×)', async () => {
    const key = `${prefix}:big`;
    await redis.set(key, Buffer.alloc(24 * MiB, 7));
    const before = await arrayBuffersAfterGc();
    let bytes = await readInSlices(redis, key);
    expect(bytes?.length).toBe(24 * MiB);
    bytes = undefined;
    const kept = (await arrayBuffersAfterGc()) - before;
    expect(kept / MiB).toBeLessThan(12);
  });
});
