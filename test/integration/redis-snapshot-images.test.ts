// Snapshot images through the real Redis: read back exactly in slices, and without leaving the
// reply parser a buffer pool the size of the image (redis-snapshot-images.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { piecewiseCommand } from '../../src/jobs/bullmq/piecewise-command.js';
import { MAX_DELTA_DEPTH, readInSlices, RedisSnapshotImages } from '../../src/jobs/bullmq/redis-snapshot-images.js';
import { encodeSnapshotImage } from '../../src/jobs/recompute/snapshot-image-codec.js';
import type { SnapshotImage } from '../../src/jobs/recompute/snapshot-image.js';
import { testImage } from '../support/snapshot-image-fixture.js';

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

  const image = testImage;

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

  it('keeps a worker\'s next image as its changes to the last one, loads it through the chain, and keeps the chain while it is kept', async () => {
    const own = `${prefix}-delta`;
    const worker = new RedisSnapshotImages(redis, own, true);
    const elsewhere = new RedisSnapshotImages(redis, own); // another process: nothing held in memory
    const partBytes = (runId: string) => redis.strlen(`${own}:snapshot-image:${runId}`);
    const persons = 20_000;
    const full: SnapshotImage = { ...image(persons, 40_000), x: new Float64Array(persons).fill(0.5), px: new Float64Array(persons).fill(0.25), served: new Float64Array(persons).fill(0.5) };
    await worker.save('run-0', full);
    const whole = await partBytes('run-0');
    // Incremental runs: a few own scores, x, P·x and served values change each time.
    const saved = [full];
    for (let r = 1; r <= 3; r++) {
      const last = saved.at(-1)!;
      const change = (values: Float64Array, every: number) => values.map((v, seq) => (seq % every === r ? v + r / 10 : v));
      saved.push({ ...last, own: change(last.own, 97), x: change(last.x!, 31), px: change(last.px!, 7), served: change(last.served!, 53), edges: { friendships: 100 + r, transactions: 10 } });
      await worker.save(`run-${r}`, saved[r]!);
      expect(await partBytes(`run-${r}`)).toBeLessThan(whole / 10);
    }
    for (let r = 0; r <= 3; r++) expect(await elsewhere.load(`run-${r}`)).toEqual(saved[r]);
    expect((await elsewhere.loadEncoded('run-3'))!.equals(encodeSnapshotImage(saved[3]!))).toBe(true);

    // A worker that loads run-3 from Redis keeps the next image as its changes to it too.
    await worker.save('run-elsewhere', image(10, 10)); // the process now holds another image
    const loaded = (await worker.load('run-3'))!;
    const fourth = { ...loaded, own: loaded.own.map((b, seq) => (seq % 101 === 0 ? b / 2 : b)) };
    await worker.save('run-4', fourth);
    expect(await partBytes('run-4')).toBeLessThan(whole / 10);
    // Publishing run-4 keeps the images it is built on, and their contacts, and forgets the rest.
    await worker.keepOnly(['run-4']);
    expect((await redis.keys(`${own}:snapshot-image:*`)).sort()).toEqual([0, 1, 2, 3, 4].map((r) => `${own}:snapshot-image:run-${r}`));
    expect(await redis.keys(`${own}:snapshot-contacts:*`)).toEqual([`${own}:snapshot-contacts:run-0`]);
    expect(await elsewhere.load('run-4')).toEqual(fourth);
    // A chain with a string gone costs a full read, here and in the worker.
    await redis.del(`${own}:snapshot-image:run-2`);
    expect(await elsewhere.load('run-4')).toBeUndefined();
    await worker.save('run-elsewhere', image(10, 10));
    expect(await worker.load('run-4')).toBeUndefined();
    // Loaded through what is left of it, run-1 is the base of the next image.
    const first = (await worker.load('run-1'))!;
    const fifth = { ...first, own: first.own.map((b, seq) => (seq % 101 === 0 ? b / 3 : b)) };
    await worker.save('run-5', fifth);
    expect(await partBytes('run-5')).toBeLessThan(whole / 10);
    // With the image kept whole gone, the next image is written whole.
    await redis.del(`${own}:snapshot-image:run-0`);
    const sixth = { ...fifth, own: fifth.own.map((b, seq) => (seq % 101 === 0 ? b / 4 : b)) };
    await worker.save('run-6', sixth);
    expect(await partBytes('run-6')).toBeGreaterThan(0.9 * whole);
    expect(await elsewhere.load('run-6')).toEqual(sixth);
    await redis.del(...(await redis.keys(`${own}:*`)));
  });

  it('writes the image whole after MAX_DELTA_DEPTH changes in a row', async () => {
    const own = `${prefix}-depth`;
    const worker = new RedisSnapshotImages(redis, own, true);
    const saved: SnapshotImage[] = [{ ...image(500, 1_000), x: new Float64Array(500) }];
    await worker.save('run-0', saved[0]!);
    const whole = await redis.strlen(`${own}:snapshot-image:run-0`);
    for (let r = 1; r <= MAX_DELTA_DEPTH + 1; r++) {
      const last = saved[r - 1]!;
      saved.push({ ...last, own: last.own.map((b, seq) => (seq === r ? b + 1 : b)) });
      await worker.save(`run-${r}`, saved[r]!);
      const bytes = await redis.strlen(`${own}:snapshot-image:run-${r}`);
      if (r <= MAX_DELTA_DEPTH) expect(bytes).toBeLessThan(whole / 5);
      else expect(bytes).toBe(whole);
    }
    expect(await new RedisSnapshotImages(redis, own).load(`run-${MAX_DELTA_DEPTH}`)).toEqual(saved[MAX_DELTA_DEPTH]);
    await redis.del(...(await redis.keys(`${own}:*`)));
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
